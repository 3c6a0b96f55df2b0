/** Messages every part of agente uses. Keys start with `common.`. */
import type { MessageTable } from "./message-table.js";

export const commonMessages = {
  "common.error": { en: "error: {message}", es: "error: {message}" },
  "common.bug": {
    en: "this looks like a bug in agente: run again with --debug and report the output",
    es: "esto parece un fallo de agente: vuelve a ejecutarlo con --debug e informa de la salida",
  },
  "common.causedBy": { en: "caused by: {cause}", es: "causado por: {cause}" },
} as const satisfies MessageTable;
