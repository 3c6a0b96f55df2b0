/**
 * Errors of agente's Odoo server and its client (src/odoo): what a person reads in `agente servers`,
 * `doctor` and `tools call`. Keys start with `errorsOdoo.`. The model reads the English rendering.
 */
import type { MessageTable } from "./message-table.js";

export const errorsOdooMessages = {
  // Configuration (ODOO_* variables).
  "errorsOdoo.urlUnset": { en: "ODOO_URL is not set.", es: "ODOO_URL no está definida." },
  "errorsOdoo.urlUnsetHint": {
    en: "Set ODOO_URL to your Odoo address, e.g. http://localhost:8069.",
    es: "Pon en ODOO_URL la dirección de tu Odoo, p. ej. http://localhost:8069.",
  },
  "errorsOdoo.urlNotHttp": {
    en: "ODOO_URL is not an http(s) URL.",
    es: "ODOO_URL no es una URL http(s).",
  },
  "errorsOdoo.urlRootHint": {
    en: "Use the Odoo root, e.g. https://erp.example.com.",
    es: "Usa la raíz de Odoo, p. ej. https://erp.example.com.",
  },
  "errorsOdoo.noSecret": {
    en: "Neither ODOO_API_KEY nor ODOO_PASSWORD is set.",
    es: "No está definida ni ODOO_API_KEY ni ODOO_PASSWORD.",
  },
  "errorsOdoo.noSecretHint": {
    en: "Create an API key in Odoo (Preferences → Account Security → New API Key) and set ODOO_API_KEY.",
    es: "Crea una clave de API en Odoo (Preferencias → Seguridad de la cuenta → Nueva clave de API) y ponla en ODOO_API_KEY.",
  },
  "errorsOdoo.badProtocol": {
    en: 'ODOO_PROTOCOL must be auto, json2 or xmlrpc, not "{protocol}".',
    es: 'ODOO_PROTOCOL debe ser auto, json2 o xmlrpc, no "{protocol}".',
  },
  "errorsOdoo.badProtocolHint": {
    en: "Leave it unset to detect the protocol.",
    es: "Déjala sin definir para detectar el protocolo.",
  },
  "errorsOdoo.json2NeedsKey": {
    en: "ODOO_PROTOCOL=json2 needs ODOO_API_KEY (JSON-2 does not accept passwords).",
    es: "ODOO_PROTOCOL=json2 necesita ODOO_API_KEY (JSON-2 no acepta contraseñas).",
  },
  "errorsOdoo.json2NeedsKeyHint": {
    en: "Set ODOO_API_KEY, or use ODOO_PROTOCOL=xmlrpc with ODOO_PASSWORD.",
    es: "Define ODOO_API_KEY, o usa ODOO_PROTOCOL=xmlrpc con ODOO_PASSWORD.",
  },
  "errorsOdoo.badTimeout": {
    en: 'ODOO_TIMEOUT_MS must be a positive whole number of milliseconds, not "{value}".',
    es: 'ODOO_TIMEOUT_MS debe ser un número entero positivo de milisegundos, no "{value}".',
  },
  "errorsOdoo.badModel": {
    en: 'ODOO_MODELS holds "{model}", which is not an Odoo model name.',
    es: 'ODOO_MODELS contiene "{model}", que no es un nombre de modelo de Odoo.',
  },
  "errorsOdoo.badModelHint": {
    en: "List technical names separated by commas, e.g. res.partner,crm.lead.",
    es: "Escribe nombres técnicos separados por comas, p. ej. res.partner,crm.lead.",
  },
  "errorsOdoo.badMaxBytes": {
    en: 'ODOO_MAX_RESPONSE_BYTES must be a whole number of bytes, not "{value}".',
    es: 'ODOO_MAX_RESPONSE_BYTES debe ser un número entero de bytes, no "{value}".',
  },
  "errorsOdoo.json2NeedsVersion": {
    en: "ODOO_PROTOCOL=json2 needs Odoo 19 or later; this server is Odoo {version}.",
    es: "ODOO_PROTOCOL=json2 necesita Odoo 19 o posterior; este servidor es Odoo {version}.",
  },
  "errorsOdoo.json2NeedsVersionHint": {
    en: "Set ODOO_PROTOCOL=xmlrpc or leave it unset.",
    es: "Pon ODOO_PROTOCOL=xmlrpc o déjala sin definir.",
  },
  "errorsOdoo.xmlrpcNeedsLogin": {
    en: "XML-RPC needs ODOO_DB and ODOO_USER.",
    es: "XML-RPC necesita ODOO_DB y ODOO_USER.",
  },
  "errorsOdoo.xmlrpcNeedsLoginHint": {
    en: "Set ODOO_DB to the database name and ODOO_USER to the login.",
    es: "Pon en ODOO_DB el nombre de la base de datos y en ODOO_USER el usuario.",
  },
  // Reaching Odoo.
  "errorsOdoo.cancelled": {
    en: "The call was cancelled before Odoo answered.",
    es: "La llamada se canceló antes de que Odoo respondiera.",
  },
  "errorsOdoo.timeout": {
    en: "Odoo at {where} did not answer within {ms} ms.",
    es: "Odoo en {where} no respondió en {ms} ms.",
  },
  "errorsOdoo.timeoutHint": {
    en: "Check that Odoo is up and not overloaded, or raise ODOO_TIMEOUT_MS.",
    es: "Comprueba que Odoo está en marcha y no sobrecargado, o sube ODOO_TIMEOUT_MS.",
  },
  "errorsOdoo.unreachable": {
    en: "Odoo at {where} is unreachable ({reason}).",
    es: "No se puede contactar con Odoo en {where} ({reason}).",
  },
  "errorsOdoo.unreachableHint": {
    en: "Check ODOO_URL and that the Odoo server is running.",
    es: "Comprueba ODOO_URL y que el servidor de Odoo está en marcha.",
  },
  "errorsOdoo.unavailable": {
    en: "Odoo is temporarily unavailable (HTTP {status}).",
    es: "Odoo no está disponible por el momento (HTTP {status}).",
  },
  "errorsOdoo.unavailableHint": {
    en: "Wait a moment and try again; check the Odoo server and its proxy.",
    es: "Espera un momento y vuelve a intentarlo; comprueba el servidor de Odoo y su proxy.",
  },
  "errorsOdoo.notOdoo": {
    en: "{where} does not look like Odoo: it answers neither XML-RPC's version call nor /web/version as Odoo does.",
    es: "{where} no parece Odoo: no responde como Odoo ni a la llamada version de XML-RPC ni a /web/version.",
  },
  "errorsOdoo.notOdooHint": {
    en: "Check ODOO_URL: it must be the root of an Odoo server (e.g. https://erp.example.com), not another service.",
    es: "Comprueba ODOO_URL: debe ser la raíz de un servidor Odoo (p. ej. https://erp.example.com), no otro servicio.",
  },
  "errorsOdoo.noVersion": {
    en: "Odoo did not report its version.",
    es: "Odoo no informó de su versión.",
  },
  "errorsOdoo.pointsAtOdooHint": {
    en: "Check that ODOO_URL points at an Odoo server.",
    es: "Comprueba que ODOO_URL apunta a un servidor Odoo.",
  },
  "errorsOdoo.notXmlRpc": {
    en: "{where} did not answer XML-RPC ({problem}).",
    es: "{where} no respondió en XML-RPC ({problem}).",
  },
  "errorsOdoo.notXmlRpcHint": {
    en: "Check that ODOO_URL points at an Odoo server, or set ODOO_PROTOCOL=json2.",
    es: "Comprueba que ODOO_URL apunta a un servidor Odoo, o pon ODOO_PROTOCOL=json2.",
  },
  "errorsOdoo.notJson": {
    en: "Odoo answered {call} with something that is not JSON.",
    es: "Odoo respondió a {call} con algo que no es JSON.",
  },
  "errorsOdoo.notJsonHint": {
    en: "Check that ODOO_URL points at an Odoo 19+ server, or set ODOO_PROTOCOL=xmlrpc.",
    es: "Comprueba que ODOO_URL apunta a un servidor Odoo 19 o posterior, o pon ODOO_PROTOCOL=xmlrpc.",
  },
  "errorsOdoo.http404": {
    en: "Odoo answered HTTP 404 for {call}.",
    es: "Odoo respondió HTTP 404 a {call}.",
  },
  "errorsOdoo.http404Hint": {
    en: "Check ODOO_URL (it must be the Odoo root, e.g. https://erp.example.com) and ODOO_PROTOCOL.",
    es: "Comprueba ODOO_URL (debe ser la raíz de Odoo, p. ej. https://erp.example.com) y ODOO_PROTOCOL.",
  },
  "errorsOdoo.unexpectedShape": {
    en: "Odoo answered {call} with an unexpected shape{detail}.",
    es: "Odoo respondió a {call} con una forma inesperada{detail}.",
  },
  "errorsOdoo.unexpectedShapeHint": {
    en: "This Odoo version may not be supported; report it with the version number.",
    es: "Puede que esta versión de Odoo no esté soportada; avisa indicando el número de versión.",
  },
  // What Odoo refused.
  "errorsOdoo.loginRefused": {
    en: 'Odoo refused the login "{login}" on database "{database}".',
    es: 'Odoo rechazó el usuario "{login}" en la base de datos "{database}".',
  },
  "errorsOdoo.credentialsRefused": {
    en: "Odoo refused the credentials.",
    es: "Odoo rechazó las credenciales.",
  },
  "errorsOdoo.credentialsAccessDenied": {
    en: "Odoo refused the credentials (access denied).",
    es: "Odoo rechazó las credenciales (acceso denegado).",
  },
  "errorsOdoo.credentialsHttp": {
    en: "Odoo refused the credentials (HTTP {status}).",
    es: "Odoo rechazó las credenciales (HTTP {status}).",
  },
  "errorsOdoo.apiKeyRefused": {
    en: "Odoo refused the API key (HTTP 401).",
    es: "Odoo rechazó la clave de API (HTTP 401).",
  },
  "errorsOdoo.credentialsHint": {
    en: "Check ODOO_USER and ODOO_API_KEY (or ODOO_PASSWORD) and ODOO_DB.",
    es: "Comprueba ODOO_USER y ODOO_API_KEY (u ODOO_PASSWORD) y ODOO_DB.",
  },
  "errorsOdoo.unknownDatabase": {
    en: 'Database "{database}" does not exist on this Odoo server.',
    es: 'La base de datos "{database}" no existe en este servidor Odoo.',
  },
  "errorsOdoo.unknownDatabaseHint": { en: "Check ODOO_DB.", es: "Comprueba ODOO_DB." },
  "errorsOdoo.unknownField": {
    en: 'Field "{field}" does not exist on {model} in this Odoo version.',
    es: 'El campo "{field}" no existe en {model} en esta versión de Odoo.',
  },
  "errorsOdoo.unknownFieldHint": {
    en: "Leave that field out, or use fields that this Odoo version has.",
    es: "Quita ese campo, o usa campos que tenga esta versión de Odoo.",
  },
  "errorsOdoo.unknownModel": {
    en: "Model {model} does not exist in this Odoo database.",
    es: "El modelo {model} no existe en esta base de datos de Odoo.",
  },
  "errorsOdoo.unknownModelHint": {
    en: "Install the Odoo app that provides it, or use another model.",
    es: "Instala la aplicación de Odoo que lo proporciona, o usa otro modelo.",
  },
  "errorsOdoo.accessDenied": {
    en: "The Odoo user may not do {call}{detail}",
    es: "El usuario de Odoo no tiene permiso para {call}{detail}",
  },
  "errorsOdoo.accessDeniedHint": {
    en: "Ask an Odoo administrator for the access rights, or use a user that has them.",
    es: "Pide los permisos a un administrador de Odoo, o usa un usuario que los tenga.",
  },
  "errorsOdoo.validation": {
    en: "Odoo refused the request: {detail}",
    es: "Odoo rechazó la petición: {detail}",
  },
  "errorsOdoo.validationDefault": { en: "validation error", es: "error de validación" },
  "errorsOdoo.validationHint": {
    en: "Correct the values and try again.",
    es: "Corrige los valores y vuelve a intentarlo.",
  },
  "errorsOdoo.notFound": {
    en: "Odoo could not find it: {detail}",
    es: "Odoo no lo encontró: {detail}",
  },
  "errorsOdoo.notFoundHint": {
    en: "Check the record id or name; it may have been deleted.",
    es: "Comprueba el id o el nombre del registro; puede que se haya borrado.",
  },
  "errorsOdoo.noEndpoint": {
    en: "Odoo has no {call} endpoint.",
    es: "Odoo no tiene el punto de acceso {call}.",
  },
  "errorsOdoo.serverError": {
    en: "Odoo failed on {call}: {detail}",
    es: "Odoo falló en {call}: {detail}",
  },
  "errorsOdoo.internalError": { en: "internal error", es: "error interno" },
  "errorsOdoo.serverErrorHint": {
    en: "Check the Odoo server log; retrying will not help until it is fixed.",
    es: "Revisa el registro del servidor Odoo; reintentar no servirá hasta que se arregle.",
  },
  "errorsOdoo.theRequest": { en: "the request", es: "la petición" },
  "errorsOdoo.unexpected": {
    en: "Unexpected failure in the Odoo server: {detail}",
    es: "Fallo inesperado en el servidor Odoo: {detail}",
  },
} as const satisfies MessageTable;
