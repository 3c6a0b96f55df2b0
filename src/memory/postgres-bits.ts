/**
 * Writes to `agente_memory_bits`: the sign bits of a document's vectors, in chunk-id order, one row per
 * document, which every replica's `BitIndex` reads (postgres-bit-cache.ts). Rows are only ever appended,
 * except that a delete or rewrite bumps `agente_memory_state.generation` in the same transaction, so that
 * cached indexes reload.
 *
 * A replica reads the rows after the last id it holds, so ids must become visible in order: a writer locks
 * the state row before it takes an id and holds the lock until it commits, so a transaction that took a
 * lower id has always committed first.
 */
import type pg from "pg";
import { z } from "zod";
import { bitStride, decodeIds, idsBlob, signBits } from "./bit-index.js";
import type { Queryable } from "./postgres-pool.js";

const INSERT_BITS =
  "insert into agente_memory_bits(document_id, collection, dimensions, chunk_ids, bits) values ($1, $2, $3, $4, $5)";

const bitsRowSchema = z.looseObject({ chunk_ids: z.instanceof(Buffer), bits: z.instanceof(Buffer) });
const vectorRowSchema = z.looseObject({ id: z.string(), dimensions: z.number(), embedding: z.string() });
const documentRowSchema = z.looseObject({ document_id: z.string(), collection: z.string() });

/** Appends the bits of a document's chunks (none: no row). */
export async function insertBits(
  client: Queryable,
  documentId: string,
  collection: string,
  dimensions: number,
  chunkIds: number[],
  vectors: Float32Array[],
): Promise<void> {
  if (chunkIds.length === 0) return;
  await client.query("select 1 from agente_memory_state for update");
  await client.query(INSERT_BITS, [
    documentId,
    collection,
    dimensions,
    idsBlob(chunkIds),
    Buffer.from(signBits(vectors, dimensions)),
  ]);
}

/** Deletes the bits of the documents `ids`, bumping the generation when there were any. */
export async function deleteDocumentBits(client: Queryable, ids: string[]): Promise<void> {
  const deleted = await client.query("delete from agente_memory_bits where document_id = any($1::uuid[])", [
    ids,
  ]);
  if ((deleted.rowCount ?? 0) > 0) await bumpGeneration(client);
}

/** Deletes the bits of every document of a collection (its vectors were dropped). */
export async function deleteCollectionBits(client: Queryable, collection: string): Promise<void> {
  const deleted = await client.query("delete from agente_memory_bits where collection = $1", [collection]);
  if ((deleted.rowCount ?? 0) > 0) await bumpGeneration(client);
}

/**
 * Rewrites the bits rows of the documents of `vectors` (chunk id → vector, all of `dimensions`): each
 * document's earlier bits, with the new ones over them.
 */
export async function rewriteBits(
  client: Queryable,
  collection: string,
  dimensions: number,
  vectors: Map<number, Float32Array>,
): Promise<void> {
  const owners = await client.query(
    "select id::text, document_id from agente_memory_chunks where id = any($1::bigint[]) and collection = $2",
    [[...vectors.keys()], collection],
  );
  const byDocument = new Map<string, number[]>();
  for (const row of z.array(z.looseObject({ id: z.string(), document_id: z.string() })).parse(owners.rows)) {
    const entry = byDocument.get(row.document_id) ?? [];
    entry.push(Number(row.id));
    byDocument.set(row.document_id, entry);
  }
  const stride = bitStride(dimensions);
  for (const [documentId, ids] of byDocument) {
    const bitsById = new Map<number, Uint8Array>();
    const previous = await client.query(
      "delete from agente_memory_bits where document_id = $1 returning chunk_ids, bits",
      [documentId],
    );
    for (const row of z.array(bitsRowSchema).parse(previous.rows)) {
      decodeIds(row.chunk_ids).forEach((id, index) => {
        bitsById.set(id, row.bits.subarray(index * stride, (index + 1) * stride));
      });
    }
    if (previous.rows.length > 0) await bumpGeneration(client);
    for (const id of ids) bitsById.set(id, signBits([vectors.get(id)!], dimensions));
    const sorted = [...bitsById.keys()].sort((left, right) => left - right);
    const bits = new Uint8Array(sorted.length * stride);
    sorted.forEach((id, index) => {
      bits.set(bitsById.get(id)!, index * stride);
    });
    await client.query("select 1 from agente_memory_state for update");
    await client.query(INSERT_BITS, [documentId, collection, dimensions, idsBlob(sorted), Buffer.from(bits)]);
  }
}

/** Builds the bits rows of every document from its stored vectors (upgrading an older database). */
export async function backfillBits(client: pg.PoolClient): Promise<void> {
  const documents = await client.query(
    "select distinct document_id, collection from agente_memory_chunks where embedding is not null",
  );
  for (const document of z.array(documentRowSchema).parse(documents.rows)) {
    const rows = await client.query(
      `select id::text, dimensions, embedding::text from agente_memory_chunks
         where document_id = $1 and embedding is not null order by id`,
      [document.document_id],
    );
    const parsed = z.array(vectorRowSchema).parse(rows.rows);
    const dimensions = parsed[0]?.dimensions;
    if (dimensions === undefined) continue;
    const vectors = parsed.map((row) =>
      Float32Array.from(z.array(z.number()).parse(JSON.parse(row.embedding))),
    );
    await insertBits(
      client,
      document.document_id,
      document.collection,
      dimensions,
      parsed.map((row) => Number(row.id)),
      vectors,
    );
  }
}

/** Marks the bits as changed other than by appending: cached indexes reload. */
async function bumpGeneration(client: Queryable): Promise<void> {
  await client.query("update agente_memory_state set generation = generation + 1");
}
