/** The command line's own usage errors and their hints. Keys start with `cliErrors.`. */
import type { MessageTable } from "./message-table.js";

export const cliErrorMessages = {
  "cliErrors.positive": { en: "a positive whole number", es: "un número entero positivo" },
  "cliErrors.zeroOrMore": { en: "a whole number (0 or more)", es: "un número entero (0 o más)" },
  "cliErrors.atLeast": {
    en: "a whole number of at least {minimum}",
    es: "un número entero de al menos {minimum}",
  },
  "cliErrors.integer": {
    en: '{flag} must be {kind}, not "{value}"',
    es: '{flag} debe ser {kind}, no "{value}"',
  },
  "cliErrors.integerHint": { en: "pass a number like {example}", es: "pasa un número como {example}" },
  "cliErrors.jsonInvalid": { en: "{flag} is not valid JSON: {text}", es: "{flag} no es JSON válido: {text}" },
  "cliErrors.jsonInvalidHint": {
    en: "quote it for the shell, e.g. {flag} '{example}'",
    es: "ponlo entre comillas para la shell, p. ej. {flag} '{example}'",
  },
  "cliErrors.jsonNotObject": {
    en: "{flag} must be a JSON object, e.g. {flag} '{example}'",
    es: "{flag} debe ser un objeto JSON, p. ej. {flag} '{example}'",
  },
  "cliErrors.chunkOverlap": {
    en: "--chunk-overlap must be smaller than --chunk-size",
    es: "--chunk-overlap debe ser menor que --chunk-size",
  },
  "cliErrors.chunkOverlapHint": {
    en: "e.g. --chunk-size 800 --chunk-overlap 100",
    es: "p. ej. --chunk-size 800 --chunk-overlap 100",
  },
  "cliErrors.noScenario": { en: "no scenario left to run", es: "no queda ningún escenario que ejecutar" },
  "cliErrors.noScenarioHint": { en: "check --filter and --limit", es: "revisa --filter y --limit" },
  "cliErrors.badFilter": {
    en: "--filter is not a valid regular expression: {error}",
    es: "--filter no es una expresión regular válida: {error}",
  },
  "cliErrors.notAFolder": {
    en: "--folder {folder} is not a folder",
    es: "--folder {folder} no es una carpeta",
  },
  "cliErrors.notAFolderHint": {
    en: "create it, or name an existing folder",
    es: "créala, o indica una carpeta que exista",
  },
  "cliErrors.databaseUrlConflict": {
    en: "{file} already sets DATABASE_URL to another connection string",
    es: "{file} ya define DATABASE_URL con otra cadena de conexión",
  },
  "cliErrors.databaseUrlConflictHint": {
    en: "edit DATABASE_URL in .env yourself, then run `agente init` without --database-url",
    es: "edita tú DATABASE_URL en .env y luego ejecuta `agente init` sin --database-url",
  },
  "cliErrors.databaseUrlScheme": {
    en: "--database-url must be a postgres:// or postgresql:// connection string",
    es: "--database-url debe ser una cadena de conexión postgres:// o postgresql://",
  },
  "cliErrors.databaseUrlSchemeHint": {
    en: "for example postgres://user:password@localhost:5432/database",
    es: "por ejemplo postgres://usuario:contraseña@localhost:5432/basedatos",
  },
  "cliErrors.databaseUrlCharacters": {
    en: "--database-url must not contain quotes or line breaks",
    es: "--database-url no debe contener comillas ni saltos de línea",
  },
  "cliErrors.databaseUrlCharactersHint": {
    en: "percent-encode them in the password (' is %27)",
    es: "codifícalos con % en la contraseña (' es %27)",
  },
  "cliErrors.configExists": { en: "{file} already exists", es: "{file} ya existe" },
  "cliErrors.configExistsHint": {
    en: "pass --force to overwrite it, or --print to see the starter config",
    es: "usa --force para sobrescribirlo, o --print para ver la configuración inicial",
  },
  // cli-contact (issue 20): commands that forgive.
  "cliErrors.commandMistyped": {
    en: "there is no command '{name}': did you mean `{suggestion}`?",
    es: "no existe la orden '{name}': ¿querías decir `{suggestion}`?",
  },
  "cliErrors.notACommand": {
    en: "'{name}' is not a command: to ask the agent a question, run `agente ask \"{question}\"` (or `agente` to chat)",
    es: "'{name}' no es una orden: para hacer una pregunta al agente, ejecuta `agente ask \"{question}\"` (o `agente` para conversar)",
  },
  "cliErrors.commandListHint": {
    en: "`agente --help` lists the commands",
    es: "`agente --help` enumera las órdenes",
  },
  "cliErrors.unknownLanguage": {
    en: "--lang {value}: agente speaks {languages} (Spanish, English)",
    es: "--lang {value}: agente habla {languages} (español, inglés)",
  },
} as const satisfies MessageTable;
