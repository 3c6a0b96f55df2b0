/**
 * Commander's parse errors (`error: unknown option '--x'`, `too many arguments` …) in the user's language.
 * Commander builds them as English text, so they are matched here and rebuilt from the catalogue; a message
 * this file does not know passes through unchanged.
 */
import type { Translator } from "../i18n/translator.js";

type Rewrite = [pattern: RegExp, rebuild: (translate: Translator, match: RegExpExecArray) => string];

const REWRITES: Rewrite[] = [
  [/error: unknown option '([^']*)'/, (t, [, flag = ""]) => t("cliCommander.unknownOption", { flag })],
  [/error: unknown command '([^']*)'/, (t, [, name = ""]) => t("cliCommander.unknownCommand", { name })],
  [
    /error: missing required argument '([^']*)'/,
    (t, [, name = ""]) => t("cliCommander.missingArgument", { name }),
  ],
  [
    /error: option '([^']*)' argument missing/,
    (t, [, flags = ""]) => t("cliCommander.optionArgumentMissing", { flags }),
  ],
  [
    /error: required option '([^']*)' not specified/,
    (t, [, flags = ""]) => t("cliCommander.requiredOption", { flags }),
  ],
  [
    /error: too many arguments for '([^']*)'\. Expected (\d+) arguments? but got (\d+)\./,
    (t, [, command = "", expected = "", received = ""]) =>
      t("cliCommander.tooManyArgumentsFor", { command, expected, received }),
  ],
  [
    /error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./,
    (t, [, expected = "", received = ""]) => t("cliCommander.tooManyArguments", { expected, received }),
  ],
  [
    /error: option '([^']*)' argument '([^']*)' is invalid\./,
    (t, [, flags = "", value = ""]) => t("cliCommander.invalidOptionValue", { flags, value }),
  ],
  [
    /error: command-argument value '([^']*)' is invalid for argument '([^']*)'\./,
    (t, [, value = "", name = ""]) => t("cliCommander.invalidArgumentValue", { value, name }),
  ],
  [/Allowed choices are (.+)\./, (t, [, choices = ""]) => t("cliCommander.allowedChoices", { choices })],
  [/\(Did you mean one of (.+)\?\)/, (t, [, names = ""]) => t("cliCommander.didYouMeanOneOf", { names })],
  [/\(Did you mean (.+)\?\)/, (t, [, name = ""]) => t("cliCommander.didYouMean", { name })],
];

/** `text` (one of Commander's error messages) in the translator's language. */
export function localiseCommanderError(text: string, translate: Translator): string {
  if (translate.language === "en") return text;
  let result = text;
  for (const [pattern, rebuild] of REWRITES) {
    const match = pattern.exec(result);
    if (match !== null) result = result.replace(match[0], rebuild(translate, match));
  }
  return result;
}
