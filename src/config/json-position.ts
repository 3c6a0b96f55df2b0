/** JSON syntax errors with the line and column: V8 on Node 20 only gives a character position. */
import { errorMessage } from "../util/errors.js";

/** `Expected ',' … at line 3, column 5`: the parser's message with the position as line:column. */
export function jsonSyntaxProblem(text: string, error: unknown): string {
  const message = errorMessage(error);
  const match = /at position (\d+)/.exec(message);
  if (match === null) {
    // "Unexpected end of JSON input" and the like: the problem is at the very end.
    return /end of JSON/i.test(message) ? `${message} at ${lineColumn(text, text.length)}` : message;
  }
  const stem = message
    .slice(0, match.index)
    .replace(/\s*in JSON\s*$/, "")
    .trimEnd();
  return `${stem} at ${lineColumn(text, Number(match[1]))}`;
}

/** `line 3, column 5` (both from 1) of a character offset. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}
