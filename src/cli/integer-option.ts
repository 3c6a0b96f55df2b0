/** The one reader of whole-number options (`--limit 5`, `--chunk-overlap 0`, `--timeout 3000`). */
import { createTranslator, type Translator } from "../i18n/translator.js";
import { UserError } from "../util/errors.js";

/** `value` as a whole number of at least `minimum`, or a `UserError` naming `flag`. */
export function parseInteger(
  value: string,
  flag: string,
  minimum: number,
  translate: Translator = createTranslator("en"),
): number {
  const number = Number(value);
  if (value.trim() !== "" && Number.isInteger(number) && number >= minimum) return number;
  const kind =
    minimum === 1
      ? translate("cliErrors.positive")
      : minimum === 0
        ? translate("cliErrors.zeroOrMore")
        : translate("cliErrors.atLeast", { minimum });
  throw new UserError(translate("cliErrors.integer", { flag, kind, value }), {
    hint: translate("cliErrors.integerHint", { example: Math.max(minimum, 1) * 5 }),
  });
}

/** A Commander argument parser for `flag`: `.option("--limit <n>", "…", integerOption("--limit", 1), 50)`. */
export function integerOption(
  flag: string,
  minimum: number,
  translate: Translator = createTranslator("en"),
): (value: string) => number {
  return (value) => parseInteger(value, flag, minimum, translate);
}
