/**
 * The SQLite store's lexical search: BM25 over `chunks_fts`, ranked on the full-text index alone, then the
 * rows of the best matches read whole.
 *
 * Ranking first matters at scale: joining each match to its chunk and document row before sorting read a
 * chunk and a document row per match (three common words match ~7,000 of a million chunks: 61 ms), while
 * BM25 over the postings alone takes 6–10 ms (figures in docs/memory.md). The result is the exhaustive
 * ranking, ties broken by chunk id: with a filter, the best matches overall may not pass it, so the window
 * widens until k pass or every match was looked at.
 */
import { z } from "zod";
import { lexicalTerms } from "./lexical-query.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { filterClause, HIT_COLUMNS, hitRowSchema, parseRow, parseRows, toHit } from "./sqlite-rows.js";
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
  const match = ftsMatch(query);
  if (match === undefined || k <= 0) return [];
  const where = filterClause(filter, "d");
  const statement = connection.prepare(
    `with best as (
       select rowid id, bm25(chunks_fts) rank from chunks_fts where chunks_fts match ? order by rank, id limit ?
     )
     select ${HIT_COLUMNS}, -best.rank score
       from best join chunks c on c.id = best.id join documents d on d.id = c.document_id
       where ${where.sql} order by best.rank, best.id limit ?`,
  );
  if (where.parameters.length === 0) return parseRows(hitRowSchema, statement.all(match, k, k)).map(toHit);
  let window = k * FILTERED_WINDOW;
  let matches: number | undefined;
  for (;;) {
    const rows = parseRows(hitRowSchema, statement.all(match, window, ...where.parameters, k));
    if (rows.length >= k) return rows.map(toHit);
    matches ??= countMatches(connection, match);
    if (window >= matches) return rows.map(toHit);
    window *= WIDENING;
  }
}

function countMatches(connection: SqliteConnection, match: string): number {
  return parseRow(
    z.number(),
    connection.prepare("select count(*) from chunks_fts where chunks_fts match ?").pluck().get(match),
  );
}
