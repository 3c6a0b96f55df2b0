/** Commander's own words (help extras and parse errors), in the user's language. Keys start with `cliCommander.`. */
import type { MessageTable } from "./message-table.js";

export const cliCommanderMessages = {
  "cliCommander.choices": { en: "choices: {values}", es: "valores: {values}" },
  "cliCommander.default": { en: "default: {value}", es: "por defecto: {value}" },
  "cliCommander.preset": { en: "preset: {value}", es: "valor sin argumento: {value}" },
  "cliCommander.env": { en: "env: {name}", es: "variable: {name}" },
  "cliCommander.unknownOption": {
    en: "error: unknown option '{flag}'",
    es: "error: opción desconocida '{flag}'",
  },
  "cliCommander.unknownCommand": {
    en: "error: unknown command '{name}'",
    es: "error: comando desconocido '{name}'",
  },
  "cliCommander.missingArgument": {
    en: "error: missing required argument '{name}'",
    es: "error: falta el argumento obligatorio '{name}'",
  },
  "cliCommander.optionArgumentMissing": {
    en: "error: option '{flags}' argument missing",
    es: "error: falta el valor de la opción '{flags}'",
  },
  "cliCommander.requiredOption": {
    en: "error: required option '{flags}' not specified",
    es: "error: falta la opción obligatoria '{flags}'",
  },
  "cliCommander.tooManyArguments": {
    en: "error: too many arguments. Expected {expected} but got {received}.",
    es: "error: demasiados argumentos. Se esperaban {expected} y se recibieron {received}.",
  },
  "cliCommander.tooManyArgumentsFor": {
    en: "error: too many arguments for '{command}'. Expected {expected} but got {received}.",
    es: "error: demasiados argumentos para '{command}'. Se esperaban {expected} y se recibieron {received}.",
  },
  "cliCommander.invalidOptionValue": {
    en: "error: option '{flags}' argument '{value}' is invalid.",
    es: "error: el valor '{value}' de la opción '{flags}' no es válido.",
  },
  "cliCommander.invalidArgumentValue": {
    en: "error: command-argument value '{value}' is invalid for argument '{name}'.",
    es: "error: el valor '{value}' no es válido para el argumento '{name}'.",
  },
  "cliCommander.allowedChoices": {
    en: "Allowed choices are {choices}.",
    es: "Los valores permitidos son {choices}.",
  },
  "cliCommander.didYouMean": { en: "(Did you mean {name}?)", es: "(¿Querías decir {name}?)" },
  "cliCommander.didYouMeanOneOf": {
    en: "(Did you mean one of {names}?)",
    es: "(¿Querías decir uno de estos: {names}?)",
  },
} as const satisfies MessageTable;
