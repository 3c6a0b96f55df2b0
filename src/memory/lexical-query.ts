/**
 * Turns a user's question into the terms of a lexical (BM25) query. Plain text in, plain terms out: the
 * stores quote each term, so no user text is ever parsed as FTS5 or tsquery syntax.
 */

/** Words too common in Spanish and English to tell passages apart; dropping them sharpens BM25 "OR" queries. */
const STOPWORDS = new Set(
  (
    "a al algo and are as at be but by como con cual cuál de del el en es esa ese eso esta este esto for from " +
    "ha hay how i if in is it la las le lo los me mi my no o of on or para pero por que qué se sin sobre su sus " +
    "the this to tu un una uno unos was we what when where which who why with y ya you your quien quién donde dónde cuando cuándo " +
    "did do does have has tell about dime sabes"
  ).split(" "),
);

/** Distinct lower-case terms of `text`, without stopwords, at most `limit` of them. */
export function lexicalTerms(text: string, limit = 32): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms: string[] = [];
  for (const word of words) {
    if (STOPWORDS.has(word) || terms.includes(word)) continue;
    terms.push(word);
    if (terms.length === limit) break;
  }
  // A question made only of stopwords still deserves a lexical search on its words.
  if (terms.length === 0) return [...new Set(words)].slice(0, limit);
  return terms;
}
