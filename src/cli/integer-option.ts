/** The one reader of whole-number options (`--limit 5`, `--chunk-overlap 0`, `--timeout 3000`). */
import { UserError } from "../util/errors.js";

/** `value` as a whole number of at least `minimum`, or a `UserError` naming `flag`. */
export function parseInteger(value: string, flag: string, minimum: number): number {
  const number = Number(value);
  if (value.trim() !== "" && Number.isInteger(number) && number >= minimum) return number;
  const kind =
    minimum === 1
      ? "a positive whole number"
      : minimum === 0
        ? "a whole number (0 or more)"
        : `a whole number of at least ${minimum}`;
  throw new UserError(`${flag} must be ${kind}, not "${value}"`, {
    hint: `pass a number like ${Math.max(minimum, 1) * 5}`,
  });
}

/** A Commander argument parser for `flag`: `.option("--limit <n>", "…", integerOption("--limit", 1), 50)`. */
export function integerOption(flag: string, minimum: number): (value: string) => number {
  return (value) => parseInteger(value, flag, minimum);
}
