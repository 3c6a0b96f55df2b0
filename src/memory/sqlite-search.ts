/**
 * The SQLite store's searches. Lexical: BM25 over `chunks_fts`. Vector: the nearest candidates by Hamming
 * distance over the sign bits (the cached `BitIndex`), re-ranked by cosine on the int8 vectors; with a
 * source or metadata filter, an exact scan of the matching chunks instead.
 */
import { lexicalTerms } from "./lexical-query.js";
import type { BitIndexCache } from "./sqlite-bit-cache.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { filterClause, type HitRow, storedDot, toHit } from "./sqlite-rows.js";
import type { ChunkHit, EmbedderIdentity, SearchFilter } from "./types.js";

/** Candidates taken from the bit scan per result wanted, before the exact re-ranking. */
const OVERSAMPLING = 4;
const MIN_CANDIDATES = 40;

export function lexicalSearch(
  connection: SqliteConnection,
  query: string,
  k: number,
  filter: SearchFilter,
): ChunkHit[] {
  const terms = lexicalTerms(query);
  if (terms.length === 0) return [];
  const match = terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(" OR ");
  const where = filterClause(filter, "d");
  const rows = connection
    .prepare(
      `select c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position,
                -bm25(chunks_fts) score
         from chunks_fts join chunks c on c.id = chunks_fts.rowid join documents d on d.id = c.document_id
         where chunks_fts match ? and ${where.sql}
         order by bm25(chunks_fts) limit ?`,
    )
    .all(match, ...where.parameters, k) as HitRow[];
  return rows.map(toHit);
}

export function vectorSearch(
  connection: SqliteConnection,
  bitIndexes: BitIndexCache,
  vector: Float32Array,
  embedder: EmbedderIdentity,
  k: number,
  filter: SearchFilter,
): ChunkHit[] {
  const collections = searchableCollections(connection, embedder, filter.collection);
  if (collections.length === 0) return [];
  // The bit index is partitioned by collection only: with source or metadata filters, scan the matching
  // chunks exactly instead.
  if (filter.sourcePrefix !== undefined || filter.metadata !== undefined) {
    const scored = filteredRows(connection, collections, filter).map((row) => ({
      ...toHit(row),
      score: storedDot(vector, row.embedding, embedder.dimensions),
    }));
    scored.sort((left, right) => right.score - left.score);
    return scored.slice(0, k);
  }
  // Re-rank the candidates on their vectors alone, then read the k best chunks whole.
  const count = Math.max(k * OVERSAMPLING, MIN_CANDIDATES);
  const candidates = bitIndexes.synced(embedder.dimensions).nearest(vector, count, new Set(collections));
  const best = rerank(connection, vector, embedder.dimensions, candidates).slice(0, k);
  const rows = new Map(
    rowsByIds(
      connection,
      best.map((candidate) => candidate.id),
    ).map((row) => [row.chunk_id, row]),
  );
  return best.flatMap((candidate) => {
    const row = rows.get(candidate.id);
    return row ? [{ ...toHit(row), score: candidate.score }] : [];
  });
}

/** The chunks `ids` by descending cosine to `vector`, from their stored vectors. */
function rerank(
  connection: SqliteConnection,
  vector: Float32Array,
  dimensions: number,
  ids: number[],
): Array<{ id: number; score: number }> {
  if (ids.length === 0) return [];
  const rows = connection
    .prepare(
      "select id, embedding from chunks where id in (select value from json_each(?)) and embedding is not null",
    )
    .all(JSON.stringify(ids)) as Array<{ id: number; embedding: Buffer }>;
  const scored = rows.map((row) => ({ id: row.id, score: storedDot(vector, row.embedding, dimensions) }));
  scored.sort((left, right) => right.score - left.score);
  return scored;
}

function filteredRows(
  connection: SqliteConnection,
  collections: string[],
  filter: SearchFilter,
): Array<HitRow & { embedding: Buffer }> {
  const where = filterClause({ ...filter, collection: undefined }, "d");
  const placeholders = collections.map(() => "?").join(", ");
  return connection
    .prepare(
      `select c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position, c.embedding
         from chunks c join documents d on d.id = c.document_id
         where c.embedding is not null and d.collection in (${placeholders}) and ${where.sql}`,
    )
    .all(...collections, ...where.parameters) as Array<HitRow & { embedding: Buffer }>;
}

function rowsByIds(connection: SqliteConnection, ids: number[]): HitRow[] {
  if (ids.length === 0) return [];
  // One statement for any number of ids: the list travels as a JSON array.
  return connection
    .prepare(
      `select c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position
         from chunks c join documents d on d.id = c.document_id where c.id in (select value from json_each(?))`,
    )
    .all(JSON.stringify(ids)) as HitRow[];
}

/** The collections embedded by `embedder` (only `only`, when given). */
function searchableCollections(
  connection: SqliteConnection,
  embedder: EmbedderIdentity,
  only: string | undefined,
): string[] {
  const rows = connection
    .prepare("select name from collections where embedder_name = ? and dimensions = ?")
    .all(embedder.name, embedder.dimensions) as Array<{ name: string }>;
  return rows.map((row) => row.name).filter((name) => only === undefined || name === only);
}
