/** The options every command shares, read with `command.optsWithGlobals()`. */
import type { Command } from "commander";
import { type Language, resolveLanguage } from "../i18n/language.js";
import { createTranslator, type Translator } from "../i18n/translator.js";

export interface GlobalOptions {
  config?: string;
  debug: boolean;
  verbose: boolean;
  /** `--lang`, then AGENTE_LANG, then the locale. */
  language: Language;
}

export function globalOptions(command: Command): GlobalOptions {
  const options = command.optsWithGlobals() as Partial<GlobalOptions> & { lang?: string };
  return {
    ...(options.config === undefined ? {} : { config: options.config }),
    debug: options.debug ?? false,
    verbose: options.verbose ?? false,
    language: resolveLanguage({ flag: options.lang }),
  };
}

/** The translator for the language the user chose. */
export function translatorFor(command: Command): Translator {
  return createTranslator(globalOptions(command).language);
}
