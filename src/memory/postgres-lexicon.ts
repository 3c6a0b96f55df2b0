/**
 * The PostgreSQL store's lexical side: BM25 over `agente_memory_postings` (one row per term and chunk, with
 * the term's frequency in the chunk and the chunk's length in terms), which the store keeps in step with the
 * chunks' `tsvector` (accent-folded text, `simple` configuration: Spanish and English alike).
 *
 * A query reads the postings of its terms by an index-only scan of (term, chunk_id) include (tf, length),
 * counts each term's document frequency from those same rows, and ranks every match by BM25 (k1 = 1.2,
 * b = 0.75, idf = ln(1 + (N − n + 0.5) / (n + 0.5)), N and the average length from `agente_memory_state`):
 * the exhaustive ranking, ties broken by chunk id. Only the best rows are then joined to their chunks and
 * documents. `ts_rank_cd` over the GIN index read every matching row first: 188 ms for ~7,200 matches at 1M
 * chunks, where this takes a few ms (docs/memory.md).
 */
import type pg from "pg";
import { z } from "zod";
import { lexicalTerms } from "./lexical-query.js";
import type { Queryable } from "./postgres-pool.js";
import { filterClause, fold, toHits } from "./postgres-rows.js";
import type { ChunkHit, SearchFilter } from "./types.js";

/** The first window with a filter, as a multiple of k; each retry widens it by `WIDENING`. */
const FILTERED_WINDOW = 4;
const WIDENING = 8;

/** The terms of each chunk matching `where` (on `c`), with their frequencies and the chunk's length. */
const CHUNK_TERMS = `
  from agente_memory_chunks c
  cross join lateral (select coalesce(sum(cardinality(positions)), 0)::integer length from unnest(c.tsv)) l
  cross join lateral unnest(c.tsv) t`;

/** Adds the postings of the chunks matching `where` (on `c`) and counts them in the BM25 statistics. */
export async function addPostings(database: Queryable, where: string, parameters: unknown[]): Promise<void> {
  await database.query(
    `insert into agente_memory_postings(term, chunk_id, tf, length)
       select t.lexeme, c.id, cardinality(t.positions), l.length ${CHUNK_TERMS} where ${where}`,
    parameters,
  );
  await changeStatistics(database, where, parameters, "+");
}

/** Removes the postings of the chunks matching `where` (on `c`), before the chunks are deleted. */
export async function removePostings(
  database: Queryable,
  where: string,
  parameters: unknown[],
): Promise<void> {
  // Found through the chunks' own terms, so the (term, chunk_id) index serves the delete.
  await database.query(
    `delete from agente_memory_postings p using agente_memory_chunks c cross join lateral unnest(c.tsv) t
       where ${where} and p.term = t.lexeme and p.chunk_id = c.id`,
    parameters,
  );
  await changeStatistics(database, where, parameters, "-");
}

async function changeStatistics(
  database: Queryable,
  where: string,
  parameters: unknown[],
  sign: "+" | "-",
): Promise<void> {
  await database.query(
    `update agente_memory_state s set chunks = s.chunks ${sign} x.chunks, total_length = s.total_length ${sign} x.length
       from (select count(*) chunks, coalesce(sum(l.length), 0) length
             from agente_memory_chunks c
             cross join lateral (select coalesce(sum(cardinality(positions)), 0) length from unnest(c.tsv)) l
             where ${where}) x`,
    parameters,
  );
}

const countSchema = z.array(z.looseObject({ postings: z.string() }));

/** The best `k` chunks for `query` by BM25 that pass `filter`. */
export async function lexicalSearch(
  pool: pg.Pool,
  query: string,
  k: number,
  filter: SearchFilter,
): Promise<ChunkHit[]> {
  const terms = lexicalTerms(fold(query));
  if (terms.length === 0 || k <= 0) return [];
  const where = filterClause(filter, "d", 4);
  const search = async (window: number) =>
    (
      await pool.query({
        // Unfiltered, the text never changes: a named statement is parsed and planned once per connection.
        name: where.parameters.length === 0 ? "agente_memory_bm25" : undefined,
        // Float8 throughout: with numeric literals (0.75 · length) PostgreSQL computes in numeric, 4× slower.
        // A term's part: weight · tf / (tf + 0.3 + perLength · length), where weight = 2.2 · idf,
        // 0.3 = k1 · (1 − b) and perLength = k1 · b / average length.
        text: `with matches as materialized (
           select term, chunk_id, tf, length from agente_memory_postings where term = any($1::text[])
         ),
         statistics as (
           select chunks::float8 chunks, 0.9::float8 * greatest(chunks, 1) / greatest(total_length, 1) per_length
           from agente_memory_state
         ),
         frequencies as (
           select m.term, 2.2::float8 * ln(1 + (s.chunks - count(*) + 0.5) / (count(*) + 0.5)) weight
           from matches m cross join statistics s group by m.term, s.chunks
         ),
         best as (
           select m.chunk_id id, sum(f.weight * m.tf / (m.tf + 0.3::float8 + s.per_length * m.length)) score
           from matches m join frequencies f using (term) cross join statistics s
           group by m.chunk_id order by score desc, m.chunk_id limit $2
         )
         select c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position,
                best.score
         from best join agente_memory_chunks c on c.id = best.id join agente_memory_documents d on d.id = c.document_id
         where ${where.sql} order by best.score desc, best.id limit $3`,
        values: [terms, window, k, ...where.parameters],
      })
    ).rows;
  if (where.parameters.length === 0) return toHits(await search(k));
  // With a filter, the best matches overall may not pass it: widen until k pass or every match was seen.
  let window = k * FILTERED_WINDOW;
  let postings: number | undefined;
  for (;;) {
    const rows = await search(window);
    if (rows.length >= k) return toHits(rows);
    postings ??= Number(
      countSchema.parse(
        (
          await pool.query(
            "select count(*) postings from agente_memory_postings where term = any($1::text[])",
            [terms],
          )
        ).rows,
      )[0]?.postings ?? 0,
    );
    if (window >= postings) return toHits(rows);
    window *= WIDENING;
  }
}
