/**
 * Text from outside (tool results, tool names and descriptions, server messages) made safe to print: no
 * escape sequence can move the cursor, clear a line, retitle the window or hide the `→ tool` line. CSI, OSC,
 * DCS and other ESC sequences are removed whole; other control characters except newline and tab are
 * dropped, and a carriage return becomes a newline so it cannot overwrite what came before it.
 */

const ESC = "\u001b";
const CSI = `(?:${ESC}\\[|\u009b)[0-?]*[ -/]*[@-~]`;
/** OSC, DCS, SOS, PM, APC: up to BEL, ST, or the end of the text. */
const STRING_SEQUENCE = `${ESC}[\\]PX^_][\\s\\S]*?(?:\u0007|${ESC}\\\\|$)`;
const ESCAPE_SEQUENCE = new RegExp(`${CSI}|${STRING_SEQUENCE}|${ESC}[ -~]?`, "g");
/** Control characters but newline and tab, spelled as regex escapes (the regex engine reads them). */
const CONTROL_RANGES = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f";
const CONTROL = new RegExp(`[${CONTROL_RANGES}]`, "g");

export function stripControlSequences(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, "").replace(/\r\n?/g, "\n").replace(CONTROL, "");
}
