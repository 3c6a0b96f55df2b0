/**
 * The web chat's text for one language, as the JSON the server embeds in the page's HTML. The page reads
 * it (page/strings.ts) instead of bundling the catalogue: only its own table, only one language.
 */
import type { Language } from "../i18n/language.js";
import { pageMessages } from "../i18n/messages/page.js";

/** The page table in one language: key → text. */
export function pageStrings(language: Language): Record<string, string> {
  return Object.fromEntries(Object.entries(pageMessages).map(([key, message]) => [key, message[language]]));
}

const embedded = new Map<Language, string>();

/** `pageStrings` as JSON safe inside `<script type="application/json">` (no `<` to close the element). */
export function embeddedPageStrings(language: Language): string {
  let json = embedded.get(language);
  if (json === undefined) {
    json = JSON.stringify(pageStrings(language)).replace(/</g, "\\u003c");
    embedded.set(language, json);
  }
  return json;
}
