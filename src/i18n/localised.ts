/**
 * Text that is not yet in a language: a catalogue key and its parameters, rendered when the language is
 * known. Errors raised far below the CLI carry one of these, so the CLI can print them in the user's
 * language while logs, traces and the model keep the English rendering.
 */
import type { MessageKey } from "./catalogue.js";
import { createTranslator, type Translator } from "./translator.js";

/** A parameter: plain text, a number, or another localised text (rendered in the same language). */
export type LocalisedParam = string | number | LocalisedText;

export interface LocalisedText {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, LocalisedParam>>;
}

/** `{ key, params }`, typed: `localised("config.unknownKey", { key: "x" })`. */
export function localised(
  key: MessageKey,
  params: Readonly<Record<string, LocalisedParam>> = {},
): LocalisedText {
  return { key, params };
}

/** The text in the translator's language, nested parameters first. */
export function renderLocalised(text: LocalisedText, translate: Translator): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.params ?? {})) {
    params[name] = typeof value === "object" ? renderLocalised(value, translate) : value;
  }
  return translate(text.key, params);
}

const english = createTranslator("en");

/** The English rendering: what `Error.message`, logs and traces hold. */
export function inEnglish(text: LocalisedText): string {
  return renderLocalised(text, english);
}

/** The same text with every plain-text parameter passed through `clean` (e.g. a secret redactor). */
export function mapLocalisedText(text: LocalisedText, clean: (value: string) => string): LocalisedText {
  const params: Record<string, LocalisedParam> = {};
  for (const [name, value] of Object.entries(text.params ?? {})) {
    params[name] =
      typeof value === "string"
        ? clean(value)
        : typeof value === "number"
          ? value
          : mapLocalisedText(value, clean);
  }
  return { key: text.key, params };
}
