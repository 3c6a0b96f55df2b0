/**
 * The shared flags' descriptions in the user's language, set on a command after it registers itself
 * (so the command files stay as they are): looked up by the option's attribute name (`--max-steps` →
 * `cliFlags.maxSteps`, `--no-context` → `cliFlags.context`). Only an option still described by the shared
 * flag's English text is replaced: a command's own option of that name keeps its own description.
 */
import type { Command } from "commander";
import { catalogue, type MessageKey } from "../i18n/catalogue.js";
import type { Translator } from "../i18n/translator.js";

export function localiseOptions(command: Command, translate: Translator): void {
  for (const option of command.options) {
    const key = `cliFlags.${option.attributeName()}`;
    if (Object.hasOwn(catalogue, key) && catalogue[key as MessageKey].en === option.description)
      option.description = translate(key as MessageKey);
  }
  for (const child of command.commands) localiseOptions(child, translate);
}
