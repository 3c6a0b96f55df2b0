/** Commander's help in the user's language: its titles (`Usage:` → `Uso:`) through the catalogue. */
import { type Command, Help, type HelpConfiguration } from "commander";
import type { MessageKey } from "../i18n/catalogue.js";
import type { Translator } from "../i18n/translator.js";

const TITLES: Record<string, MessageKey> = {
  "Usage:": "cli.help.title.usage",
  "Options:": "cli.help.title.options",
  "Commands:": "cli.help.title.commands",
  "Arguments:": "cli.help.title.arguments",
  "Global Options:": "cli.help.title.globalOptions",
};

export function localisedHelp(translate: Translator): HelpConfiguration {
  const standard = new Help();
  return {
    // Commander strips colour codes with a regex for every width it measures; our help has none, and the
    // regex alone was a tenth of `--help`'s start-up.
    displayWidth: (text: string) => (text.includes("\x1b") ? standard.displayWidth(text) : text.length),
    commandUsage: (command: Command) =>
      standard
        .commandUsage(command)
        .replace("[options]", translate("cli.help.usage.options"))
        .replace("[command]", translate("cli.help.usage.command")),
    styleTitle: (title: string) => {
      const key = TITLES[title];
      return key === undefined ? title : translate(key);
    },
  };
}
