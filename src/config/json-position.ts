/** JSON syntax errors with the line and column: V8 on Node 20 only gives a character position. */
import { type LocalisedText, localised } from "../i18n/localised.js";
import { errorMessage } from "../util/errors.js";

/**
 * `Expected ',' … at line 3, column 5`: the parser's message (English, from V8) with the position as
 * line:column in the user's language.
 */
export function jsonSyntaxProblem(text: string, error: unknown): LocalisedText {
  const message = errorMessage(error);
  const match = /at position (\d+)/.exec(message);
  if (match === null) {
    // "Unexpected end of JSON input" and the like: the problem is at the very end.
    return /end of JSON/i.test(message)
      ? localised("errorsConfig.jsonAt", { problem: message, ...lineColumn(text, text.length) })
      : localised("errors.plain", { text: message });
  }
  const stem = message
    .slice(0, match.index)
    .replace(/\s*in JSON\s*$/, "")
    .trimEnd();
  return localised("errorsConfig.jsonAt", { problem: stem, ...lineColumn(text, Number(match[1])) });
}

/** The line and column (both from 1) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return { line, column };
}
