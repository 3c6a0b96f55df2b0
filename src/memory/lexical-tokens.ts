/**
 * The words of a passage as the SQLite store's own lexical index counts them, the way FTS5's `unicode61`
 * tokenizer with `remove_diacritics 2` splits Latin-script text: lower case, accents dropped, runs of
 * letters and digits (and private-use characters) between separators. Queries and passages are folded
 * alike, so a search for "canción" finds "cancion" and "CANCIÓN".
 */

const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
const MARKS = /\p{M}+/gu;

/** `text` lower-cased, without diacritics (recomposed, so that scripts NFD splits apart stay whole). */
export function foldText(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(MARKS, "").normalize("NFC");
}

/** The tokens of `text`, folded, in order. */
export function tokens(text: string): string[] {
  return foldText(text).match(TOKEN) ?? [];
}

/** How often each token occurs in `text`, and how many tokens it has (BM25's document length). */
export function termFrequencies(text: string): { terms: Map<string, number>; length: number } {
  const list = tokens(text);
  const terms = new Map<string, number>();
  for (const token of list) terms.set(token, (terms.get(token) ?? 0) + 1);
  return { terms, length: list.length };
}
