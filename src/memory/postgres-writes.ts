/**
 * The PostgreSQL store's writes, each on the client of the caller's transaction: documents with their
 * chunks, the collections' embedders (with the HNSW index of their dimensions), vectors added by reindexing.
 */
import type pg from "pg";
import type { Queryable } from "./postgres-pool.js";
import { vectorLiteral } from "./postgres-rows.js";
import { ensureHnswIndex } from "./postgres-schema.js";
import { checkEmbedder, DOCUMENT_COLUMNS, documentValues, newDocument } from "./store-common.js";
import type { DocumentInput, EmbedderIdentity, StoredDocument } from "./types.js";

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
  const deleted = await client.query(
    "delete from agente_memory_documents where collection = $1 and source = $2",
    [input.collection, input.source],
  );
  stored.replaced = (deleted.rowCount ?? 0) > 0;
  await client.query(
    `insert into agente_memory_documents(${DOCUMENT_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    documentValues(stored),
  );
  if (input.chunks.length === 0) return stored;
  await client.query(
    `insert into agente_memory_chunks(document_id, collection, position, text, dimensions, embedding)
       select $1, $2, chunk.position, chunk.text, $3, chunk.embedding::vector
       from unnest($4::integer[], $5::text[], $6::text[]) as chunk(position, text, embedding)`,
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
  return stored;
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
  await setCollectionEmbedder(client, name, embedder);
}

/** Records `embedder` (undefined: none) as the collection's, with the HNSW index of its dimensions. */
async function setCollectionEmbedder(
  client: pg.PoolClient,
  name: string,
  embedder: EmbedderIdentity | undefined,
): Promise<void> {
  await client.query(
    "update agente_memory_collections set embedder_name = $1, dimensions = $2 where name = $3",
    [embedder?.name ?? null, embedder?.dimensions ?? null, name],
  );
  if (embedder) await ensureHnswIndex(client, embedder.dimensions);
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
}
