/** Pieces shared by the error tables of every area. Keys start with `errors.`. */
import type { MessageTable } from "./message-table.js";

export const errorsMessages = {
  /** Text that has no translation (an operating system's or a library's own message). */
  "errors.plain": { en: "{text}", es: "{text}" },
} as const satisfies MessageTable;
