/** Messages of agente's security rules: approval outside the chat, secrets, input limits. Keys start with `security.`. */
import type { MessageTable } from "./message-table.js";

export const securityMessages = {
  "security.approval.question": {
    en: "Run {tool} {args}? [y/N] ",
    es: "¿Ejecutar {tool} {args}? [s/N] ",
  },
  "security.approval.whyDestructive": {
    en: "the server marks it destructive",
    es: "el servidor la marca como destructiva",
  },
  "security.approval.whyServer": {
    en: 'server "{server}" has requireApproval in the config',
    es: 'el servidor "{server}" tiene requireApproval en la configuración',
  },
  "security.approval.noTerminal": {
    en: "{tool} needs approval ({why}) and there is no terminal to ask on: it was not run (--yes allows it)",
    es: "{tool} necesita aprobación ({why}) y no hay terminal para pedirla: no se ejecutó (--yes lo permite)",
  },
  "security.approval.declined": {
    en: "{tool} was not run: you did not approve it",
    es: "{tool} no se ejecutó: no lo aprobaste",
  },
  "security.ingest.fileTooLarge": {
    en: "{path} is {size} MiB, over the limit of {limit} MiB (AGENTE_MAX_FILE_BYTES): skipped",
    es: "{path} ocupa {size} MiB, más del límite de {limit} MiB (AGENTE_MAX_FILE_BYTES): omitido",
  },
  "security.ingest.extractedTooLarge": {
    en: "{path} expands to more than {limit} MiB of content (AGENTE_MAX_EXTRACTED_BYTES), as a zip bomb does: refused",
    es: "{path} se expande a más de {limit} MiB de contenido (AGENTE_MAX_EXTRACTED_BYTES), como una bomba zip: rechazado",
  },
  "security.result.tooLarge": {
    en: 'the result of "{tool}" on server "{server}" is larger than the MCP client accepts; the server keeps running: ask for less',
    es: 'el resultado de "{tool}" en el servidor "{server}" supera lo que acepta el cliente MCP; el servidor sigue en marcha: pide menos',
  },
  "security.odoo.bodyTooLarge": {
    en: "Odoo answered with more than {limit} MiB (ODOO_MAX_RESPONSE_BYTES): the answer was dropped; ask for fewer records",
    es: "Odoo respondió con más de {limit} MiB (ODOO_MAX_RESPONSE_BYTES): se descartó la respuesta; pide menos registros",
  },
} as const satisfies MessageTable;
