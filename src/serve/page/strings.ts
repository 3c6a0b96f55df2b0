/**
 * The web chat's text. It lives in the message catalogue (`src/i18n/messages/page.ts`); the server embeds
 * the table for the page's language as JSON in the HTML (`<script type="application/json"
 * id="page-strings">`), so the bundle carries no catalogue and no node code, only the key type.
 */
import type { pageMessages } from "../../i18n/messages/page.js";

export type PageKey = keyof typeof pageMessages;
export type PageText = (key: PageKey, params?: Record<string, string | number>) => string;

/** The element id the server puts the strings under (page-routes.ts writes it, the page reads it). */
export const STRINGS_ELEMENT_ID = "page-strings";

/** The strings the server embedded; a missing key shows as the key itself, so a gap is visible. */
export function embeddedText(doc: Document): PageText {
  const source = doc.getElementById(STRINGS_ELEMENT_ID)?.textContent ?? "{}";
  const parsed: unknown = JSON.parse(source);
  const strings: Record<string, unknown> = typeof parsed === "object" && parsed !== null ? { ...parsed } : {};
  return (key, params = {}) => {
    const template = strings[key];
    // `{n:tool|tools}`: the word for the number, by the page language's plural rules (as the catalogue's).
    const plural = new Intl.PluralRules(doc.documentElement.lang || "en");
    return (typeof template === "string" ? template : key)
      .replace(/\{(\w+):([^|{}]*)\|([^|{}]*)\}/g, (whole, name: string, one: string, other: string) =>
        Object.hasOwn(params, name) ? (plural.select(Number(params[name])) === "one" ? one : other) : whole,
      )
      .replace(/\{(\w+)\}/g, (whole, name: string) =>
        Object.hasOwn(params, name) ? String(params[name]) : whole,
      );
  };
}
