/** JSON syntax errors with the line and column: V8 on Node 20 only gives a character position. */
import { type LocalisedText, localised } from "../i18n/localised.js";
import { errorMessage } from "../util/errors.js";

/**
 * `Expected ',' … at line 3, column 5`: the parser's message (English, from V8) with the position as
 * line:column in the user's language.
 */
export function jsonSyntaxProblem(text: string, error: unknown): LocalisedText {
  // The commonest slip, which V8 reports without a position inside arrays: a comma before `}` or `]`.
  const comma = trailingComma(text);
  if (comma !== undefined) return localised("errorsConfig.trailingComma", lineColumn(text, comma));
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

/** The offset of the first comma followed (after white space) by `}` or `]`, outside strings. */
export function trailingComma(text: string): number | undefined {
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === "," && /^\s*[}\]]/.test(text.slice(index + 1, index + 200))) {
      return index;
    }
  }
  return undefined;
}

/** The line and column (both from 1) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return { line, column };
}
