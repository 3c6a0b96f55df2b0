/** Errors in the user's config (agente.json, .env, config sections). Keys start with `errorsConfig.`. */
import type { MessageTable } from "./message-table.js";

export const errorsConfigMessages = {
  "errorsConfig.located": { en: "{file}: {where}{problem}", es: "{file}: {where}{problem}" },
  "errorsConfig.where.server": { en: 'server "{server}": ', es: 'servidor "{server}": ' },
  "errorsConfig.where.field": { en: 'field "{field}": ', es: 'campo "{field}": ' },
  "errorsConfig.where.serverField": {
    en: 'server "{server}", field "{field}": ',
    es: 'servidor "{server}", campo "{field}": ',
  },
  "errorsConfig.hint": {
    en: "fix the config file, or run `agente init` to write a fresh one",
    es: "corrige el fichero de configuración, o ejecuta `agente init` para escribir uno nuevo",
  },
  "errorsConfig.unknownKey.suggest": {
    en: 'unknown key "{key}"; did you mean "{suggestion}"?',
    es: 'clave desconocida "{key}"; ¿quisiste decir "{suggestion}"?',
  },
  "errorsConfig.unknownKey.list": {
    en: 'unknown key "{key}" (known keys: {known})',
    es: 'clave desconocida "{key}" (claves conocidas: {known})',
  },
  "errorsConfig.notObject": {
    en: "must hold a JSON object with an `mcpServers` key",
    es: "debe contener un objeto JSON con la clave `mcpServers`",
  },
  "errorsConfig.serversNotObject": {
    en: "must be an object of named servers",
    es: "debe ser un objeto de servidores con nombre",
  },
  "errorsConfig.emptyServerName": {
    en: "has a server with an empty name",
    es: "tiene un servidor sin nombre",
  },
  "errorsConfig.missingFile": { en: "does not exist", es: "no existe" },
  "errorsConfig.isFolder": { en: "is a folder, not a file", es: "es una carpeta, no un fichero" },
  "errorsConfig.unreadable": { en: "cannot be read: {reason}", es: "no se puede leer: {reason}" },
  "errorsConfig.badJson": { en: "is not valid JSON: {problem}", es: "no es JSON válido: {problem}" },
  "errorsConfig.jsonAt": {
    en: "{problem} at line {line}, column {column}",
    es: "{problem} en la línea {line}, columna {column}",
  },
  "errorsConfig.entryNotObject": {
    en: "must be an object with `command` (stdio) or `url` (HTTP)",
    es: "debe ser un objeto con `command` (stdio) o `url` (HTTP)",
  },
  "errorsConfig.commandRequired": {
    en: "is required (or give `url` for an HTTP server)",
    es: "es obligatorio (o da `url` para un servidor HTTP)",
  },
  "errorsConfig.mustNotBeEmpty": { en: "must not be empty", es: "no puede estar vacío" },
  "errorsConfig.mustBeUrl": { en: "must be an http(s) URL", es: "debe ser una URL http(s)" },
  "errorsConfig.oauthNeedsAssertion": {
    en: 'grant "jwt_bearer" needs assertion or assertionFile',
    es: 'el grant "jwt_bearer" necesita assertion o assertionFile',
  },
  "errorsConfig.oauthNeededByEnterprise": {
    en: 'needed by grant "enterprise_managed"',
    es: 'lo necesita el grant "enterprise_managed"',
  },
  "errorsConfig.oauthNeedsIdp": {
    en: 'grant "enterprise_managed" needs idpTokenEndpoint or idpUrl',
    es: 'el grant "enterprise_managed" necesita idpTokenEndpoint o idpUrl',
  },
  "errorsConfig.wrongType": {
    en: "invalid input: expected {type}, received {received}",
    es: "valor no válido: se esperaba {type}, llegó {received}",
  },
  "errorsConfig.notUrl": {
    en: "not a URL (expected e.g. http://localhost:11434)",
    es: "no es una URL (se esperaba p. ej. http://localhost:11434)",
  },
  "errorsConfig.notGgufUrl": {
    en: "expected an http(s) address of a GGUF file",
    es: "se esperaba una dirección http(s) de un fichero GGUF",
  },
  "errorsConfig.notSha256": {
    en: "expected 64 hexadecimal digits",
    es: "se esperaban 64 dígitos hexadecimales",
  },
  "errorsConfig.tooSmall": {
    en: "too small: expected {type} to be {bound}",
    es: "demasiado pequeño: se esperaba {type} {bound}",
  },
  "errorsConfig.tooBig": {
    en: "too big: expected {type} to be {bound}",
    es: "demasiado grande: se esperaba {type} {bound}",
  },
  "errorsConfig.notOneOf": {
    en: "invalid option: expected one of {values}",
    es: "opción no válida: se esperaba una de {values}",
  },
  "errorsConfig.sectionKey": {
    en: "{where}invalid config key {path}: {problem}",
    es: "{where}clave de configuración no válida {path}: {problem}",
  },
  "errorsConfig.sectionFile": { en: "{file}: ", es: "{file}: " },
  "errorsConfig.sectionHint": {
    en: 'fix "{section}" in {file}',
    es: 'corrige "{section}" en {file}',
  },
  "errorsConfig.settingValue": {
    en: "invalid value {value} for {source}: {problem}",
    es: "valor no válido {value} para {source}: {problem}",
  },
  "errorsConfig.settingHint": {
    en: "fix {source} or leave it out to use the default",
    es: "corrige {source} o quítalo para usar el valor por defecto",
  },
  // cli-contact (issue 20): config mistakes said with where and what was meant.
  "errorsConfig.trailingComma": {
    en: "a comma before the closing bracket at line {line}, column {column}: JSON allows none there, remove it",
    es: "una coma antes del cierre en la línea {line}, columna {column}: JSON no la admite, quítala",
  },
  "errorsConfig.commandMisspelt": {
    en: 'is required: did you mean "command" instead of "{key}"?',
    es: 'es obligatorio: ¿querías decir "command" en vez de "{key}"?',
  },
  "errorsConfig.notOneOfMeant": {
    en: 'did you mean "{meant}"? "{received}" is not one of {values}',
    es: '¿querías decir "{meant}"? "{received}" no es uno de {values}',
  },
} as const satisfies MessageTable;
