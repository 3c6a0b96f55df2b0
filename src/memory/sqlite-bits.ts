/**
 * Writes to `chunk_bits`: the sign bits of a document's vectors, in chunk order, one row per document.
 * Rows are only ever appended, except that any delete or rewrite bumps `chunk_bits_state.generation` in
 * the same transaction, so a cached `BitIndex` (sqlite-bit-cache.ts) knows to reload.
 */
import { z } from "zod";
import { bitStride, decodeIds, idsBlob, signBits } from "./bit-index.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { blob, parseOptionalRow } from "./sqlite-rows.js";
import type { EmbedderIdentity } from "./types.js";

const bitsRowSchema = z.looseObject({ chunk_ids: blob, bits: blob });

const INSERT_BITS =
  "insert into chunk_bits(document_id, collection, dimensions, chunk_ids, bits) values (?, ?, ?, ?, ?)";

/** Appends the bits of a document's chunks (none: no row). */
export function insertBits(
  connection: SqliteConnection,
  documentId: string,
  collection: string,
  dimensions: number,
  chunkIds: number[],
  vectors: Float32Array[],
): void {
  if (chunkIds.length === 0) return;
  connection
    .prepare(INSERT_BITS)
    .run(documentId, collection, dimensions, idsBlob(chunkIds), signBits(vectors, dimensions));
}

/** Deletes the bits of a document. */
export function deleteDocumentBits(connection: SqliteConnection, documentId: string): void {
  if (connection.prepare("delete from chunk_bits where document_id = ?").run(documentId).changes > 0) {
    bumpBitsGeneration(connection);
  }
}

/** Deletes the bits of every document of a collection. */
export function deleteCollectionBits(connection: SqliteConnection, collection: string): void {
  if (connection.prepare("delete from chunk_bits where collection = ?").run(collection).changes > 0) {
    bumpBitsGeneration(connection);
  }
}

/** Rewrites a document's bits row whole: its earlier bits, with those of `vectors` (by chunk id) over them. */
export function rewriteBits(
  connection: SqliteConnection,
  documentId: string,
  collection: string,
  embedder: EmbedderIdentity,
  vectors: Map<number, Float32Array>,
): void {
  const stride = bitStride(embedder.dimensions);
  const bitsById = new Map<number, Uint8Array>();
  const previous = parseOptionalRow(
    bitsRowSchema,
    connection.prepare("select chunk_ids, bits from chunk_bits where document_id = ?").get(documentId),
  );
  if (previous) {
    decodeIds(previous.chunk_ids).forEach((id, index) => {
      bitsById.set(id, previous.bits.subarray(index * stride, (index + 1) * stride));
    });
    connection.prepare("delete from chunk_bits where document_id = ?").run(documentId);
    bumpBitsGeneration(connection);
  }
  for (const [id, vector] of vectors) bitsById.set(id, signBits([vector], embedder.dimensions));
  const ids = [...bitsById.keys()].sort((left, right) => left - right);
  const bits = new Uint8Array(ids.length * stride);
  ids.forEach((id, index) => {
    bits.set(bitsById.get(id)!, index * stride);
  });
  connection.prepare(INSERT_BITS).run(documentId, collection, embedder.dimensions, idsBlob(ids), bits);
}

/** Marks `chunk_bits` as changed other than by appending: cached indexes reload. */
function bumpBitsGeneration(connection: SqliteConnection): void {
  connection.prepare("update chunk_bits_state set generation = generation + 1").run();
}
