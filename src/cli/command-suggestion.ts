/**
 * What the user meant when the first word is no command: `agente server` → `agente servers`, `agente tool
 * list` → `agente tools list`, and a question typed straight after `agente` → `agente ask "…"`. Without
 * this, Commander hands the words to the default command (the chat) and says only "too many arguments".
 */
import { LANGUAGES } from "../i18n/language.js";
import { localised } from "../i18n/localised.js";
import { closestWord } from "../util/closest-word.js";
import { UsageError } from "./usage-error.js";

/**
 * The usage error for words given where a command was expected (the default command's operands), or
 * undefined when there are none. `names`: the commands there are.
 */
export function commandMistake(words: readonly string[], names: readonly string[]): UsageError | undefined {
  const first = words[0];
  if (first === undefined) return undefined;
  const meant = looksLikeQuestion(words) ? undefined : closestWord(first, names);
  if (meant !== undefined) {
    const suggestion = ["agente", meant, ...words.slice(1)].join(" ");
    return new UsageError(localised("cliErrors.commandMistyped", { name: first, suggestion }), {
      hint: localised("cliErrors.commandListHint"),
    });
  }
  const question = words.join(" ").replaceAll('"', '\\"');
  return new UsageError(localised("cliErrors.notACommand", { name: first, question }), {
    hint: localised("cliErrors.commandListHint"),
  });
}

/** A question mark, or a quoted phrase (a word with spaces in it): a question for the agent. */
function looksLikeQuestion(words: readonly string[]): boolean {
  return words.some((word) => /[?¿\s]/.test(word));
}

/** `--lang fr`: refused, naming the languages agente speaks. Undefined for a language it knows. */
export function unknownLanguage(flag: string | undefined): UsageError | undefined {
  if (flag === undefined) return undefined;
  const base = flag.trim().toLowerCase().split(/[-_.]/)[0] ?? "";
  if ((LANGUAGES as readonly string[]).includes(base)) return undefined;
  return new UsageError(
    localised("cliErrors.unknownLanguage", { value: flag, languages: LANGUAGES.join(", ") }),
  );
}
