/**
 * Turns a message key and its parameters into text in one language. Pass a `Translator` to whatever
 * talks to the user; nothing reads the language from a global.
 */
import { catalogue, type MessageKey } from "./catalogue.js";
import type { Language } from "./language.js";

export type MessageParams = Readonly<Record<string, string | number>>;

export type Translator = ((key: MessageKey, params?: MessageParams) => string) & {
  readonly language: Language;
};

export function createTranslator(language: Language): Translator {
  const translate = (key: MessageKey, params: MessageParams = {}) =>
    fillPlaceholders(catalogue[key][language], params, language);
  return Object.assign(translate, { language });
}

/**
 * `{name}` → `params.name`; `{name:tool|tools}` → the word for the number in `params.name`, by the
 * language's plural rules (`Intl.PluralRules`: one, other). A placeholder with no value is left as it is,
 * so a bug shows.
 */
export function fillPlaceholders(template: string, params: MessageParams, language: Language = "en"): string {
  return template
    .replace(/\{(\w+):([^|{}]*)\|([^|{}]*)\}/g, (whole, name: string, one: string, other: string) =>
      Object.hasOwn(params, name)
        ? new Intl.PluralRules(language).select(Number(params[name])) === "one"
          ? one
          : other
        : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
}

/** The `{name}` parameters a template uses, sorted. */
export function placeholdersOf(template: string): string[] {
  return [
    ...new Set([...template.matchAll(/\{(\w+)(?::[^|{}]*\|[^|{}]*)?\}/g)].map((match) => match[1] ?? "")),
  ].sort();
}
