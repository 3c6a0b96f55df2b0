/**
 * The PostgreSQL store's searches. Lexical: `ts_rank_cd` over the generated `tsvector` (GIN index).
 * Vector: the nearest sign-bit codes through the partial HNSW index of the query's dimensions (Hamming),
 * re-ranked by exact cosine.
 */
import type pg from "pg";
import { lexicalTerms } from "./lexical-query.js";
import { EF_SEARCH } from "./postgres-pool.js";
import { filterClause, fold, type HitRow, toHit, vectorLiteral } from "./postgres-rows.js";
import type { ChunkHit, EmbedderIdentity, SearchFilter } from "./types.js";

/**
 * Sign-bit candidates re-ranked per result wanted, and at least: on the bench's corpus at 100k, recall@10
 * was 0.875 with 200, 0.91–0.92 with 400, 0.94 with 800 and 0.955 with 1,600, each step costing more (the
 * re-ranking reads every candidate's vector); 400 matched the float HNSW index at ef_search 100 (0.905 in the
 * same run) with an index a tenth of its size (docs/memory.md). `EF_SEARCH` (postgres-pool.ts) is as deep.
 */
const CANDIDATES_PER_RESULT = 20;
const MIN_CANDIDATES = EF_SEARCH;

export async function lexicalSearch(
  pool: pg.Pool,
  query: string,
  k: number,
  filter: SearchFilter,
): Promise<ChunkHit[]> {
  const terms = lexicalTerms(fold(query));
  if (terms.length === 0) return [];
  // Terms are letters and digits only (lexicalTerms), so quoting them is enough to keep tsquery syntax out.
  const tsquery = terms.map((term) => `'${term}'`).join(" | ");
  const where = filterClause(filter, "d", 3);
  const result = await pool.query<HitRow>(
    `select c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position,
            ts_rank_cd(c.tsv, query) score
     from agente_memory_chunks c join agente_memory_documents d on d.id = c.document_id,
          to_tsquery('simple', $1) query
     where c.tsv @@ query and ${where.sql}
     order by score desc, c.id limit $2`,
    [tsquery, k, ...where.parameters],
  );
  return result.rows.map(toHit);
}

export async function vectorSearch(
  pool: pg.Pool,
  vector: Float32Array,
  embedder: EmbedderIdentity,
  k: number,
  filter: SearchFilter,
): Promise<ChunkHit[]> {
  const collections = await pool.query<{ name: string }>(
    "select name from agente_memory_collections where embedder_name = $1 and dimensions = $2",
    [embedder.name, embedder.dimensions],
  );
  const names = collections.rows
    .map((row) => row.name)
    .filter((name) => filter.collection === undefined || name === filter.collection);
  if (names.length === 0) return [];
  const dimensions = Math.trunc(embedder.dimensions);
  const where = filterClause({ ...filter, collection: undefined }, "d", 5);
  const vectorType = `vector(${dimensions})`;
  const bits = (value: string) => `binary_quantize(${value}::${vectorType})::bit(${dimensions})`;
  // The nearest candidates by Hamming distance over the sign bits (the partial HNSW index: the expression
  // and the `dimensions = D` predicate must match it), re-ranked by exact cosine on their vectors.
  const result = await pool.query<HitRow>(
    `with candidates as (
       select c.id from agente_memory_chunks c join agente_memory_documents d on d.id = c.document_id
       where c.dimensions = ${dimensions} and c.collection = any($2::text[]) and ${where.sql}
       order by ${bits("c.embedding")} <~> ${bits("$1")} limit $4
     )
     select c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position,
            1 - (c.embedding::${vectorType} <=> $1::${vectorType}) score
     from candidates join agente_memory_chunks c on c.id = candidates.id
          join agente_memory_documents d on d.id = c.document_id
     order by c.embedding::${vectorType} <=> $1::${vectorType}, c.id limit $3`,
    [vectorLiteral(vector), names, k, candidateCount(k), ...where.parameters],
  );
  return result.rows.map(toHit);
}

/** Candidates read from the sign-bit index per result wanted, before the exact re-ranking. */
export function candidateCount(k: number): number {
  return Math.max(k * CANDIDATES_PER_RESULT, MIN_CANDIDATES);
}
