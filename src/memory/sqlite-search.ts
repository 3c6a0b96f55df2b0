/**
 * The SQLite store's vector search: the nearest candidates by Hamming distance over the sign bits (the
 * cached `BitIndex`), re-ranked by cosine on the int8 vectors; with a source or metadata filter, an exact
 * scan of the matching chunks instead. (The lexical search is in sqlite-lexical.ts.)
 */
import { z } from "zod";
import type { BitIndexCache } from "./sqlite-bit-cache.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import {
  blob,
  type ChunkRow,
  chunkRowSchema,
  filterClause,
  HIT_COLUMNS,
  parseRows,
  storedDot,
  toHit,
} from "./sqlite-rows.js";
import { type ChunkHit, collectionVisible, type EmbedderIdentity, type SearchFilter } from "./types.js";

const vectorRowSchema = z.looseObject({ id: z.number(), embedding: blob });
const chunkWithVectorSchema = chunkRowSchema.extend({ embedding: blob });
const nameRowSchema = z.looseObject({ name: z.string() });

/** Candidates taken from the bit scan per result wanted, before the exact re-ranking. */
const OVERSAMPLING = 4;
const MIN_CANDIDATES = 40;

export function vectorSearch(
  connection: SqliteConnection,
  bitIndexes: BitIndexCache,
  vector: Float32Array,
  embedder: EmbedderIdentity,
  k: number,
  filter: SearchFilter,
): ChunkHit[] {
  const collections = searchableCollections(connection, embedder, filter);
  if (collections.length === 0) return [];
  // The bit index is partitioned by collection only: with source or metadata filters, scan the matching
  // chunks exactly instead.
  if (filter.sourcePrefix !== undefined || filter.metadata !== undefined) {
    const scored = filteredRows(connection, collections, filter).map((row) =>
      toHit({ ...row, score: storedDot(vector, row.embedding, embedder.dimensions) }),
    );
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
    return row ? [toHit({ ...row, score: candidate.score })] : [];
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
  const rows = parseRows(
    vectorRowSchema,
    connection
      .prepare(
        "select id, embedding from chunks where id in (select value from json_each(?)) and embedding is not null",
      )
      .all(JSON.stringify(ids)),
  );
  const scored = rows.map((row) => ({ id: row.id, score: storedDot(vector, row.embedding, dimensions) }));
  scored.sort((left, right) => right.score - left.score);
  return scored;
}

function filteredRows(
  connection: SqliteConnection,
  collections: string[],
  filter: SearchFilter,
): Array<ChunkRow & { embedding: Buffer }> {
  const where = filterClause({ ...filter, collection: undefined }, "d");
  const placeholders = collections.map(() => "?").join(", ");
  return parseRows(
    chunkWithVectorSchema,
    connection
      .prepare(
        `select ${HIT_COLUMNS}, c.embedding
           from chunks c join documents d on d.id = c.document_id
           where c.embedding is not null and d.collection in (${placeholders}) and ${where.sql}`,
      )
      .all(...collections, ...where.parameters),
  );
}

function rowsByIds(connection: SqliteConnection, ids: number[]): ChunkRow[] {
  if (ids.length === 0) return [];
  // One statement for any number of ids: the list travels as a JSON array.
  return parseRows(
    chunkRowSchema,
    connection
      .prepare(
        `select ${HIT_COLUMNS}
           from chunks c join documents d on d.id = c.document_id where c.id in (select value from json_each(?))`,
      )
      .all(JSON.stringify(ids)),
  );
}

/** The collections embedded by `embedder` that the filter may see. */
function searchableCollections(
  connection: SqliteConnection,
  embedder: EmbedderIdentity,
  filter: SearchFilter,
): string[] {
  const rows = parseRows(
    nameRowSchema,
    connection
      .prepare("select name from collections where embedder_name = ? and dimensions = ?")
      .all(embedder.name, embedder.dimensions),
  );
  return rows.map((row) => row.name).filter((name) => collectionVisible(name, filter));
}
