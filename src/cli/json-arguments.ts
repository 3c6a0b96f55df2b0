import { UserError } from "../util/errors.js";

/** Parses an `--args` flag: a JSON object, or a one-line error that shows how to quote it. */
export function parseJsonArguments(text: string, flag = "--args"): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserError(`${flag} is not valid JSON: ${text}`, {
      hint: `quote it for the shell, e.g. ${flag} '{"nombre": "Empresa X"}'`,
    });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UserError(`${flag} must be a JSON object, e.g. ${flag} '{"nombre": "Empresa X"}'`);
  }
  return value as Record<string, unknown>;
}
