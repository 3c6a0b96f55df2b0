/**
 * The PostgreSQL store's vector search: the nearest candidates by Hamming distance over the sign bits (the
 * replica's `BitIndex`, postgres-bit-cache.ts), re-ranked by exact cosine in PostgreSQL in one query by id;
 * with a source or metadata filter, an exact cosine scan of the matching chunks instead. No vector index:
 * pgvector's HNSW took hours to build at 1M chunks and found 0.16–0.33 of the true neighbours over sign
 * bits (docs/memory.md). The lexical search is in postgres-lexicon.ts.
 */
import type pg from "pg";
import { z } from "zod";
import type { PostgresBitCache } from "./postgres-bit-cache.js";
import { filterClause, toHits, vectorLiteral } from "./postgres-rows.js";
import { type ChunkHit, collectionVisible, type EmbedderIdentity, type SearchFilter } from "./types.js";

/** Candidates taken from the bit scan per result wanted, before the exact re-ranking (as SQLite's). */
const OVERSAMPLING = 4;
const MIN_CANDIDATES = 40;

const HIT_COLUMNS =
  "c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position";

const nameSchema = z.array(z.looseObject({ name: z.string() }));

export async function vectorSearch(
  pool: pg.Pool,
  bitIndexes: PostgresBitCache,
  vector: Float32Array,
  embedder: EmbedderIdentity,
  k: number,
  filter: SearchFilter,
): Promise<ChunkHit[]> {
  const collections = await pool.query(
    "select name from agente_memory_collections where embedder_name = $1 and dimensions = $2",
    [embedder.name, embedder.dimensions],
  );
  const names = nameSchema
    .parse(collections.rows)
    .map((row) => row.name)
    .filter((name) => collectionVisible(name, filter));
  if (names.length === 0 || k <= 0) return [];
  const dimensions = Math.trunc(embedder.dimensions);
  const distance = `c.embedding::vector(${dimensions}) <=> $1::vector(${dimensions})`;
  if (filter.sourcePrefix !== undefined || filter.metadata !== undefined) {
    // The bit index is partitioned by collection only: scan the matching chunks exactly.
    const where = filterClause({ ...filter, collection: undefined }, "d", 4);
    const result = await pool.query(
      `select ${HIT_COLUMNS}, 1 - (${distance}) score
       from agente_memory_chunks c join agente_memory_documents d on d.id = c.document_id
       where c.dimensions = ${dimensions} and c.collection = any($2::text[]) and ${where.sql}
       order by ${distance}, c.id limit $3`,
      [vectorLiteral(vector), names, k, ...where.parameters],
    );
    return toHits(result.rows);
  }
  const index = await bitIndexes.synced(dimensions);
  const candidates = index.nearest(vector, Math.max(k * OVERSAMPLING, MIN_CANDIDATES), new Set(names));
  if (candidates.length === 0) return [];
  const result = await pool.query({
    // A named statement per dimension: parsed and planned once per connection. The k best are ranked on the
    // chunks alone, then joined to their documents (joining the candidates first hashed every document).
    name: `agente_memory_rerank_${dimensions}`,
    text: `with best as (
       select c.id, c.document_id, c.text, c.position, ${distance} distance
       from agente_memory_chunks c where c.id = any($2::bigint[]) and c.dimensions = ${dimensions}
       order by distance, c.id limit $3
     )
     select best.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, best.text,
            best.position, 1 - best.distance score
     from best join agente_memory_documents d on d.id = best.document_id order by best.distance, best.id`,
    values: [vectorLiteral(vector), candidates, k],
  });
  return toHits(result.rows);
}
