import { createTranslator, type Translator } from "../i18n/translator.js";
import { UserError } from "../util/errors.js";

const EXAMPLE = '{"nombre": "Empresa X"}';

/** Parses an `--args` flag: a JSON object, or a one-line error that shows how to quote it. */
export function parseJsonArguments(
  text: string,
  flag = "--args",
  translate: Translator = createTranslator("en"),
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserError(translate("cliErrors.jsonInvalid", { flag, text }), {
      hint: translate("cliErrors.jsonInvalidHint", { flag, example: EXAMPLE }),
    });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UserError(translate("cliErrors.jsonNotObject", { flag, example: EXAMPLE }));
  }
  return value as Record<string, unknown>;
}
