/**
 * The PostgreSQL store's writes, each on the client of the caller's transaction: documents with their
 * chunks (and the chunks' postings and sign bits), the collections' embedders, vectors added by reindexing.
 */
import type pg from "pg";
import { z } from "zod";
import { deleteCollectionBits, deleteDocumentBits, insertBits, rewriteBits } from "./postgres-bits.js";
import { addPostings, removePostings } from "./postgres-lexicon.js";
import { type Queryable, transaction } from "./postgres-pool.js";
import { vectorLiteral } from "./postgres-rows.js";
import { checkEmbedder, DOCUMENT_COLUMNS, documentValues, newDocument } from "./store-common.js";
import type { DocumentInput, EmbedderIdentity, StoredDocument } from "./types.js";

/**
 * Runs `work` in a transaction that first locks `agente_memory_state`: the store's writes run one at a time
 * (as SQLite's do), so two transactions never wait on each other's collection or document rows while
 * holding the state row (a deadlock), and bits rows become visible in id order (postgres-bits.ts).
 */
export function writeTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return transaction(pool, async (client) => {
    await client.query("select 1 from agente_memory_state for update");
    return work(client);
  });
}

/** The embedder a collection recorded, if any; `lock` holds its row until the transaction ends. */
export async function collectionEmbedder(
  database: Queryable,
  name: string,
  lock = false,
): Promise<EmbedderIdentity | undefined> {
  const result = await database.query<{ embedder_name: string | null; dimensions: number | null }>(
    `select embedder_name, dimensions from agente_memory_collections where name = $1${lock ? " for update" : ""}`,
    [name],
  );
  const row = result.rows[0];
  if (!row?.embedder_name || !row.dimensions) return undefined;
  return { name: row.embedder_name, dimensions: row.dimensions };
}

/** Checks `embedder` against the collection's, recording it when the collection has none. */
async function claimCollection(
  client: pg.PoolClient,
  name: string,
  embedder: EmbedderIdentity | undefined,
): Promise<void> {
  await client.query("insert into agente_memory_collections(name) values ($1) on conflict do nothing", [
    name,
  ]);
  const stored = await collectionEmbedder(client, name, true);
  if (!embedder) return;
  if (!stored) {
    await setCollectionEmbedder(client, name, embedder);
  } else {
    checkEmbedder(name, stored, embedder);
  }
}

/** Stores a document, replacing the one of the same collection and source. */
export async function writeDocument(
  client: pg.PoolClient,
  input: DocumentInput,
  storedAt: number,
): Promise<StoredDocument> {
  const stored = newDocument(input, storedAt);
  const embedder = input.vectors ? input.embedder : undefined;
  await claimCollection(client, input.collection, embedder);
  const previous = await client.query(
    "select id from agente_memory_documents where collection = $1 and source = $2 for update",
    [input.collection, input.source],
  );
  stored.replaced =
    (await deleteDocumentRows(
      client,
      idSchema.parse(previous.rows).map((row) => row.id),
    )) > 0;
  await client.query(
    `insert into agente_memory_documents(${DOCUMENT_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    documentValues(stored),
  );
  if (input.chunks.length === 0) return stored;
  const inserted = await client.query(
    `insert into agente_memory_chunks(document_id, collection, position, text, dimensions, embedding)
       select $1, $2, chunk.position, chunk.text, $3, chunk.embedding::vector
       from unnest($4::integer[], $5::text[], $6::text[]) as chunk(position, text, embedding)
       returning id::text`,
    [
      stored.id,
      stored.collection,
      embedder?.dimensions ?? null,
      input.chunks.map((chunk) => chunk.position),
      input.chunks.map((chunk) => chunk.text),
      input.chunks.map((_, index) => {
        const vector = input.vectors?.[index];
        return vector ? vectorLiteral(vector) : null;
      }),
    ],
  );
  await addPostings(client, "c.document_id = $1", [stored.id]);
  if (embedder) {
    // Ids follow the rows' order in the insert, the order of `input.chunks`.
    const ids = idSchema
      .parse(inserted.rows)
      .map((row) => Number(row.id))
      .sort((left, right) => left - right);
    const withVectors = ids.flatMap((id, index) => {
      const vector = input.vectors?.[index];
      return vector ? [{ id, vector }] : [];
    });
    await insertBits(
      client,
      stored.id,
      stored.collection,
      embedder.dimensions,
      withVectors.map((entry) => entry.id),
      withVectors.map((entry) => entry.vector),
    );
  }
  return stored;
}

const idSchema = z.array(z.looseObject({ id: z.string() }));

/** Deletes the documents `ids` with their chunks, postings and bits; returns how many were deleted. */
export async function deleteDocumentRows(client: Queryable, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  await removePostings(client, "c.document_id = any($1::uuid[])", [ids]);
  await deleteDocumentBits(client, ids);
  const deleted = await client.query("delete from agente_memory_documents where id = any($1::uuid[])", [ids]);
  return deleted.rowCount ?? 0;
}

/** Drops every vector of the collection and records `embedder` (undefined: none) as its embedder. */
export async function resetCollection(
  client: pg.PoolClient,
  name: string,
  embedder: EmbedderIdentity | undefined,
): Promise<void> {
  await client.query("insert into agente_memory_collections(name) values ($1) on conflict do nothing", [
    name,
  ]);
  await client.query(
    "update agente_memory_chunks set embedding = null, dimensions = null where collection = $1",
    [name],
  );
  await deleteCollectionBits(client, name);
  await setCollectionEmbedder(client, name, embedder);
}

/** Records `embedder` (undefined: none) as the collection's. */
async function setCollectionEmbedder(
  client: pg.PoolClient,
  name: string,
  embedder: EmbedderIdentity | undefined,
): Promise<void> {
  await client.query(
    "update agente_memory_collections set embedder_name = $1, dimensions = $2 where name = $3",
    [embedder?.name ?? null, embedder?.dimensions ?? null, name],
  );
}

/** Stores vectors for existing chunks of the collection. */
export async function writeVectors(
  client: pg.PoolClient,
  collection: string,
  embedder: EmbedderIdentity,
  chunkIds: string[],
  vectors: Float32Array[],
): Promise<void> {
  await claimCollection(client, collection, embedder);
  await client.query(
    `update agente_memory_chunks c set embedding = v.embedding::vector, dimensions = $3
       from unnest($1::bigint[], $2::text[]) as v(id, embedding) where c.id = v.id and c.collection = $4`,
    [chunkIds, vectors.map(vectorLiteral), embedder.dimensions, collection],
  );
  const byId = new Map<number, Float32Array>();
  chunkIds.forEach((id, index) => {
    const vector = vectors[index];
    if (vector) byId.set(Number(id), vector);
  });
  await rewriteBits(client, collection, embedder.dimensions, byId);
}
