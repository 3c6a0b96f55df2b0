/**
 * BM25 over the store's own lexical index (sqlite-lexical-index.ts), scored as FTS5's `bm25()` scores
 * (k1 = 1.2, b = 0.75, idf = ln((N − n + 0.5) / (n + 0.5)), at least 1e-6), so the ranking is the same as
 * ranking every FTS5 match: each query term's blocks are read (a row per 128 postings), the sorted posting
 * lists merged by chunk id, and every matching chunk scored; only the best `window` are sorted.
 */
import { z } from "zod";
import { tokens } from "./lexical-tokens.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { decodePostings } from "./sqlite-lexical-index.js";
import { blob, parseOptionalRow, parseRows } from "./sqlite-rows.js";

const K1 = 1.2;
const B = 0.75;

const statsRowSchema = z.looseObject({ chunks: z.number(), tokens: z.number() });

/** Every chunk matching at least one term, with its BM25 score (higher is better), by ascending chunk id. */
export interface LexicalMatches {
  ids: number[];
  scores: number[];
}

/** The index's terms of the query terms (folded as passages are), without repeats. */
export function indexTerms(queryTerms: string[]): string[] {
  return [...new Set(queryTerms.flatMap((term) => tokens(term)))];
}

export function matchChunks(connection: SqliteConnection, terms: string[]): LexicalMatches {
  const stats = parseOptionalRow(
    statsRowSchema,
    connection.prepare("select chunks, tokens from lexical_stats").get(),
  );
  const matches: LexicalMatches = { ids: [], scores: [] };
  if (!stats || stats.chunks <= 0) return matches;
  const total = stats.chunks;
  const averageLength = stats.tokens / total;
  const read = connection
    .prepare("select postings from lexical_blocks where term = ? order by first_chunk")
    .pluck();
  const lists = terms.map((term) => {
    const blocks = parseRows(blob, read.all(term));
    const size = blocks.reduce((sum, bytes) => sum + (bytes.length >>> 3), 0);
    const postings = new Uint32Array(size * 2);
    let offset = 0;
    for (const bytes of blocks) {
      postings.set(decodePostings(bytes), offset);
      offset += (bytes.length >>> 3) * 2;
    }
    const idf = Math.log((total - size + 0.5) / (size + 0.5));
    return { postings, idf: idf <= 0 ? 1e-6 : idf, position: 0 };
  });
  // Merge the lists by chunk id; a chunk's score adds its terms' parts in query order, as FTS5 does.
  for (;;) {
    let next = Number.POSITIVE_INFINITY;
    for (const list of lists) {
      if (list.position < list.postings.length) next = Math.min(next, list.postings[list.position] ?? next);
    }
    if (next === Number.POSITIVE_INFINITY) return matches;
    let score = 0;
    for (const list of lists) {
      if (list.postings[list.position] !== next || list.position >= list.postings.length) continue;
      const packed = list.postings[list.position + 1] ?? 0;
      const frequency = packed >>> 16;
      const length = packed & 0xffff;
      score +=
        list.idf * ((frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * length) / averageLength)));
      list.position += 2;
    }
    matches.ids.push(next);
    matches.scores.push(score);
  }
}

/** Indexes into `matches` of its best `window`, best first (ties: lower chunk id first). */
export function bestMatches(matches: LexicalMatches, window: number): number[] {
  const { ids, scores } = matches;
  const better = (left: number, right: number) =>
    (scores[left] ?? 0) > (scores[right] ?? 0) ||
    ((scores[left] ?? 0) === (scores[right] ?? 0) && (ids[left] ?? 0) < (ids[right] ?? 0));
  const best: number[] = [];
  for (let index = 0; index < ids.length; index++) {
    const worst = best[best.length - 1];
    if (best.length >= window && worst !== undefined && !better(index, worst)) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (better(best[middle] ?? 0, index)) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, index);
    if (best.length > window) best.pop();
  }
  return best;
}
