/**
 * Commander's help in the user's language: its titles (`Usage:` → `Uso:`) and the notes it adds to
 * descriptions (`(choices: …, default: …)`) through the catalogue.
 */
import { type Argument, type Command, Help, type HelpConfiguration, type Option } from "commander";
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
    commandUsage: (command: Command) => usageWords(standard.commandUsage(command), translate),
    subcommandTerm: (command: Command) => usageWords(standard.subcommandTerm(command), translate),
    styleTitle: (title: string) => {
      const key = TITLES[title];
      return key === undefined ? title : translate(key);
    },
    optionDescription: (option: Option) =>
      withNotes(option.description, optionNotes(option, translate), standard.optionDescription(option)),
    argumentDescription: (argument: Argument) =>
      withNotes(
        argument.description,
        argumentNotes(argument, translate),
        standard.argumentDescription(argument),
      ),
  };
}

/** `[options]` and `[command]` in a usage line, in the translator's language. */
function usageWords(usage: string, translate: Translator): string {
  return usage
    .replace("[options]", translate("cli.help.usage.options"))
    .replace("[command]", translate("cli.help.usage.command"));
}

/** The description and its notes as Commander joins them; Commander's own text when English. */
function withNotes(description: string, notes: string[] | undefined, standard: string): string {
  if (notes === undefined) return standard;
  if (notes.length === 0) return description;
  const joined = `(${notes.join(", ")})`;
  return description ? `${description} ${joined}` : joined;
}

/** The same notes as Commander's `Help.optionDescription`, translated; `undefined` in English. */
function optionNotes(option: Option, translate: Translator): string[] | undefined {
  if (translate.language === "en") return undefined;
  const notes = choicesNote(option.argChoices, translate);
  if (option.defaultValue !== undefined) {
    const shown =
      option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === "boolean");
    if (shown) notes.push(defaultNote(option.defaultValue, option.defaultValueDescription, translate));
  }
  if (option.presetArg !== undefined && option.optional)
    notes.push(translate("cliCommander.preset", { value: JSON.stringify(option.presetArg) }));
  if (option.envVar !== undefined) notes.push(translate("cliCommander.env", { name: option.envVar }));
  return notes;
}

function argumentNotes(argument: Argument, translate: Translator): string[] | undefined {
  if (translate.language === "en") return undefined;
  const notes = choicesNote(argument.argChoices, translate);
  if (argument.defaultValue !== undefined)
    notes.push(defaultNote(argument.defaultValue, argument.defaultValueDescription, translate));
  return notes;
}

function choicesNote(choices: string[] | undefined, translate: Translator): string[] {
  if (choices === undefined) return [];
  return [
    translate("cliCommander.choices", { values: choices.map((choice) => JSON.stringify(choice)).join(", ") }),
  ];
}

function defaultNote(value: unknown, description: string | undefined, translate: Translator): string {
  return translate("cliCommander.default", { value: description || JSON.stringify(value) });
}
