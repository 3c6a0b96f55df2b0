/**
 * The SQLite store's lexical search: BM25 over the store's own lexical index (sqlite-lexical-rank.ts),
 * scored as FTS5's `bm25()` scores every match, then the rows of the best chunks read whole.
 *
 * The index gives the exhaustive ranking, ties broken by chunk id, from a few rows per query term: FTS5
 * decoding the position lists of every match cost 4–16 ms at a million chunks before any ranking
 * (figures in docs/memory.md). With a collection, source or metadata filter the best matches overall may not
 * pass it: the rows of the best window are read with the filter, and the window widens until k pass or
 * every match was looked at.
 */
import { lexicalTerms } from "./lexical-query.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { bestMatches, indexTerms, matchChunks } from "./sqlite-lexical-rank.js";
import { chunkRowSchema, filterClause, HIT_COLUMNS, parseRows, toHit } from "./sqlite-rows.js";
import type { ChunkHit, SearchFilter } from "./types.js";

/** The first window with a filter, as a multiple of k; each retry widens it by `WIDENING`. */
const FILTERED_WINDOW = 4;
const WIDENING = 8;

/** The FTS5 query of `text`: its terms, each quoted, joined by OR (no user text is parsed as syntax). */
export function ftsMatch(text: string): string | undefined {
  const terms = lexicalTerms(text);
  if (terms.length === 0) return undefined;
  return terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(" OR ");
}

export function lexicalSearch(
  connection: SqliteConnection,
  query: string,
  k: number,
  filter: SearchFilter,
): ChunkHit[] {
  const terms = indexTerms(lexicalTerms(query));
  if (terms.length === 0 || k <= 0) return [];
  const matches = matchChunks(connection, terms);
  const where = filterClause(filter, "d");
  const statement = connection.prepare(
    `select ${HIT_COLUMNS} from chunks c join documents d on d.id = c.document_id
       where c.id in (select value from json_each(?)) and ${where.sql}`,
  );
  let window = where.parameters.length === 0 ? k : k * FILTERED_WINDOW;
  for (;;) {
    const best = bestMatches(matches, window);
    const ids = best.map((index) => matches.ids[index] ?? 0);
    const rows = new Map(
      parseRows(chunkRowSchema, statement.all(JSON.stringify(ids), ...where.parameters)).map((row) => [
        row.chunk_id,
        row,
      ]),
    );
    const hits = best.flatMap((index) => {
      const row = rows.get(matches.ids[index] ?? 0);
      return row ? [toHit({ ...row, score: matches.scores[index] ?? 0 })] : [];
    });
    if (hits.length >= k || window >= matches.ids.length) return hits.slice(0, k);
    window *= WIDENING;
  }
}
