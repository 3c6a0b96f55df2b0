/**
 * Masking by name, the one thing the `Redactor` cannot do: the model's own tool arguments may hold a
 * password the user typed, which is no secret of the host's environment. A value under a key that looks
 * secret (`password`, `api_key`, `token` …) is shown and recorded as `[redacted]`, and so is a
 * `"key": "value"` pair with such a key inside text. Used for what is displayed or stored of a call (the
 * terminal's `→ tool {…}` line, traces, approval questions, the web chat's steps), never for the call
 * itself: the server still gets the real arguments.
 */
import { REDACTED } from "./secret-redaction.js";

const SECRET_WORDS = "password|passwd|secret|token|api[-_]?key|authorization|credential";
const SECRET_KEY = new RegExp(SECRET_WORDS, "i");
/** `"api_key": "sk-…"` inside text (a raw model output, an observation): the value is replaced. */
const SECRET_IN_TEXT = new RegExp(`("[^"]*(?:${SECRET_WORDS})[^"]*"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, "gi");

/**
 * A copy of `value` for traces and the screen: string and object values under secret-looking keys are
 * replaced, and so are `"key": "value"` pairs with such keys inside text. Numbers (e.g. `promptTokens`)
 * are kept.
 */
export function maskSecretFields(value: unknown): unknown {
  if (typeof value === "string") return value.replace(SECRET_IN_TEXT, `$1"${REDACTED}"`);
  if (Array.isArray(value)) return value.map(maskSecretFields);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    copy[key] =
      SECRET_KEY.test(key) && (typeof entry === "string" || (entry !== null && typeof entry === "object"))
        ? REDACTED
        : maskSecretFields(entry);
  }
  return copy;
}

/** `maskSecretFields` for a call's arguments: an object in, an object out. */
export function maskSecretArguments(args: Record<string, unknown>): Record<string, unknown> {
  const masked = maskSecretFields(args);
  return masked !== null && typeof masked === "object" && !Array.isArray(masked)
    ? Object.fromEntries(Object.entries(masked))
    : {};
}
