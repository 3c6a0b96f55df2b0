/**
 * The SQLite store's writes, each run inside the caller's transaction: documents with their chunks, FTS
 * rows and bits; deletions; the collections' embedders; vectors added by reindexing.
 */
import { z } from "zod";
import { deleteCollectionBits, deleteDocumentBits, insertBits, rewriteBits } from "./sqlite-bits.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { parseOptionalRow, storedVector } from "./sqlite-rows.js";
import { checkEmbedder, DOCUMENT_COLUMNS, documentValues, newDocument } from "./store-common.js";
import type { DocumentInput, EmbedderIdentity, StoredDocument } from "./types.js";

const embedderRowSchema = z.looseObject({
  embedder_name: z.string().nullable(),
  dimensions: z.number().nullable(),
});
const collectionRowSchema = z.looseObject({ collection: z.string() });
const idRowSchema = z.looseObject({ id: z.string() });

/** The embedder a collection recorded, if any. */
export function collectionEmbedder(connection: SqliteConnection, name: string): EmbedderIdentity | undefined {
  const row = parseOptionalRow(
    embedderRowSchema,
    connection.prepare("select embedder_name, dimensions from collections where name = ?").get(name),
  );
  if (!row?.embedder_name || !row.dimensions) return undefined;
  return { name: row.embedder_name, dimensions: row.dimensions };
}

/** Checks `embedder` against the collection's, recording it when the collection has none. */
function claimCollection(
  connection: SqliteConnection,
  name: string,
  embedder: EmbedderIdentity | undefined,
): void {
  connection.prepare("insert or ignore into collections(name) values (?)").run(name);
  if (!embedder) return;
  const stored = collectionEmbedder(connection, name);
  if (!stored) {
    setCollectionEmbedder(connection, name, embedder);
  } else {
    checkEmbedder(name, stored, embedder);
  }
}

/** Deletes a document with its chunks, FTS rows and bits; false when there was none. */
export function deleteDocumentRows(connection: SqliteConnection, id: string): boolean {
  const document = parseOptionalRow(
    collectionRowSchema,
    connection.prepare("select collection from documents where id = ?").get(id),
  );
  if (!document) return false;
  deleteDocumentBits(connection, id);
  // External-content FTS5 needs the old text to remove a row's terms: delete from the index first.
  connection
    .prepare(
      "insert into chunks_fts(chunks_fts, rowid, text) select 'delete', id, text from chunks where document_id = ?",
    )
    .run(id);
  connection.prepare("delete from chunks where document_id = ?").run(id);
  connection.prepare("delete from documents where id = ?").run(id);
  return true;
}

/** Stores a document, replacing the one of the same collection and source. */
export function writeDocument(
  connection: SqliteConnection,
  input: DocumentInput,
  storedAt: number,
): StoredDocument {
  const stored = newDocument(input, storedAt);
  claimCollection(connection, input.collection, input.vectors ? input.embedder : undefined);
  const previous = parseOptionalRow(
    idRowSchema,
    connection
      .prepare("select id from documents where collection = ? and source = ?")
      .get(input.collection, input.source),
  );
  if (previous) deleteDocumentRows(connection, previous.id);
  stored.replaced = previous !== undefined;
  connection
    .prepare(`insert into documents(${DOCUMENT_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(...documentValues(stored));
  const insertChunk = connection.prepare(
    "insert into chunks(document_id, position, text, embedding) values (?, ?, ?, ?)",
  );
  const insertText = connection.prepare("insert into chunks_fts(rowid, text) values (?, ?)");
  const chunkIds: number[] = [];
  input.chunks.forEach((chunk, index) => {
    const vector = input.vectors?.[index];
    const { lastInsertRowid } = insertChunk.run(
      stored.id,
      chunk.position,
      chunk.text,
      vector ? storedVector(vector) : null,
    );
    insertText.run(lastInsertRowid, chunk.text);
    chunkIds.push(Number(lastInsertRowid));
  });
  if (input.vectors && input.embedder) {
    insertBits(connection, stored.id, input.collection, input.embedder.dimensions, chunkIds, input.vectors);
  }
  return stored;
}

/** Drops every vector of the collection and records `embedder` (undefined: none) as its embedder. */
export function resetCollection(
  connection: SqliteConnection,
  name: string,
  embedder: EmbedderIdentity | undefined,
): void {
  deleteCollectionBits(connection, name);
  connection
    .prepare(
      "update chunks set embedding = null where document_id in (select id from documents where collection = ?)",
    )
    .run(name);
  connection.prepare("insert or ignore into collections(name) values (?)").run(name);
  setCollectionEmbedder(connection, name, embedder);
}

/** Records `embedder` (undefined: none) as the collection's. */
function setCollectionEmbedder(
  connection: SqliteConnection,
  name: string,
  embedder: EmbedderIdentity | undefined,
): void {
  connection
    .prepare("update collections set embedder_name = ?, dimensions = ? where name = ?")
    .run(embedder?.name ?? null, embedder?.dimensions ?? null, name);
}

/** Stores vectors for existing chunks, and rewrites the bits of each document they belong to. */
export function writeVectors(
  connection: SqliteConnection,
  collection: string,
  embedder: EmbedderIdentity,
  chunkIds: string[],
  vectors: Float32Array[],
): void {
  claimCollection(connection, collection, embedder);
  const update = connection.prepare("update chunks set embedding = ? where id = ?");
  const documentOf = connection.prepare("select document_id from chunks where id = ?").pluck();
  // Each touched document's bits row is rewritten whole: its earlier bits, then the new ones.
  const byDocument = new Map<string, Map<number, Float32Array>>();
  chunkIds.forEach((chunkId, index) => {
    const vector = vectors[index];
    const documentId = parseOptionalRow(z.string(), documentOf.get(Number(chunkId)));
    if (!vector || documentId === undefined) return;
    update.run(storedVector(vector), Number(chunkId));
    const chunks = byDocument.get(documentId) ?? new Map<number, Float32Array>();
    byDocument.set(documentId, chunks);
    chunks.set(Number(chunkId), vector);
  });
  for (const [documentId, chunks] of byDocument) {
    rewriteBits(connection, documentId, collection, embedder, chunks);
  }
}
