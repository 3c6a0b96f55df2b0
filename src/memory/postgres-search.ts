/**
 * The PostgreSQL store's searches. Lexical: `ts_rank_cd` over the generated `tsvector` (GIN index).
 * Vector: cosine distance through the partial HNSW index of the query's dimensions.
 */
import type pg from "pg";
import { lexicalTerms } from "./lexical-query.js";
import { filterClause, fold, type HitRow, toHit, vectorLiteral } from "./postgres-rows.js";
import { type ChunkHit, collectionVisible, type EmbedderIdentity, type SearchFilter } from "./types.js";

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
  const names = collections.rows.map((row) => row.name).filter((name) => collectionVisible(name, filter));
  if (names.length === 0) return [];
  const dimensions = Math.trunc(embedder.dimensions);
  const where = filterClause({ ...filter, collection: undefined }, "d", 4);
  // The expression and the `dimensions = D` predicate must match the partial HNSW index to use it.
  const result = await pool.query<HitRow>(
    `select c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position,
            1 - (c.embedding::vector(${dimensions}) <=> $1::vector(${dimensions})) score
     from agente_memory_chunks c join agente_memory_documents d on d.id = c.document_id
     where c.dimensions = ${dimensions} and c.collection = any($2::text[]) and ${where.sql}
     order by c.embedding::vector(${dimensions}) <=> $1::vector(${dimensions}) limit $3`,
    [vectorLiteral(vector), names, k, ...where.parameters],
  );
  return result.rows.map(toHit);
}
