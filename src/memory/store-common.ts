/**
 * What the two stores do the same way, whatever the database: checking a batch of inputs, the record of a
 * new document, mapping rows to documents and hits once each store has decoded its metadata, the embedder
 * check of a collection, and the totals of `stats()`.
 */
import { randomUUID } from "node:crypto";
import { EmbedderMismatchError } from "./errors.js";
import type {
  ChunkHit,
  CollectionInfo,
  DocumentInput,
  EmbedderIdentity,
  Metadata,
  StoredDocument,
  StoreStats,
} from "./types.js";

/** The columns of a `documents` row but its metadata. PostgreSQL returns bigints as strings. */
export interface DocumentColumns {
  id: string;
  collection: string;
  source: string;
  title: string;
  content_hash: string;
  modified_at: number | string;
  chunk_count: number;
  stored_at: number | string;
}

/** The columns of a search hit but its metadata. */
export interface HitColumns {
  chunk_id: number | string;
  document_id: string;
  collection: string;
  source: string;
  title: string;
  text: string;
  position: number;
  score: number;
}

/** Throws when an input's vectors do not match its chunks one for one. */
export function checkVectors(inputs: DocumentInput[]): void {
  for (const input of inputs) {
    if (input.vectors && input.vectors.length !== input.chunks.length) {
      throw new Error(
        `putDocuments: ${input.vectors.length} vectors for ${input.chunks.length} chunks of ${input.source}`,
      );
    }
  }
}

/** The record of `input` about to be stored, with a new id. */
export function newDocument(input: DocumentInput, storedAt: number): StoredDocument {
  return {
    id: randomUUID(),
    collection: input.collection,
    source: input.source,
    title: input.title,
    contentHash: input.contentHash,
    modifiedAt: input.modifiedAt,
    metadata: input.metadata,
    chunkCount: input.chunks.length,
    storedAt,
  };
}

/** The columns of a `documents` row in the order of `documentValues`. */
export const DOCUMENT_COLUMNS =
  "id, collection, source, title, content_hash, modified_at, metadata, chunk_count, stored_at";

/** The values of a document's `documents` row, in the order of `DOCUMENT_COLUMNS` (metadata as JSON). */
export function documentValues(document: StoredDocument): unknown[] {
  return [
    document.id,
    document.collection,
    document.source,
    document.title,
    document.contentHash,
    document.modifiedAt,
    JSON.stringify(document.metadata),
    document.chunkCount,
    document.storedAt,
  ];
}

/** Throws `EmbedderMismatchError` when `embedder` is not the one the collection recorded. */
export function checkEmbedder(
  collection: string,
  stored: EmbedderIdentity,
  embedder: EmbedderIdentity,
): void {
  if (stored.name !== embedder.name || stored.dimensions !== embedder.dimensions) {
    throw new EmbedderMismatchError(collection, stored, embedder);
  }
}

export function documentFromRow(row: DocumentColumns, metadata: Metadata): StoredDocument {
  return {
    id: row.id,
    collection: row.collection,
    source: row.source,
    title: row.title,
    contentHash: row.content_hash,
    modifiedAt: Number(row.modified_at),
    metadata,
    chunkCount: row.chunk_count,
    storedAt: Number(row.stored_at),
  };
}

export function hitFromRow(row: HitColumns, metadata: Metadata): ChunkHit {
  return {
    chunkId: String(row.chunk_id),
    documentId: row.document_id,
    collection: row.collection,
    source: row.source,
    title: row.title,
    metadata,
    text: row.text,
    position: row.position,
    score: Number(row.score),
  };
}

/** The information of each named collection, in order, skipping any `getCollection` no longer finds. */
export async function collectionInfos(
  names: string[],
  getCollection: (name: string) => Promise<CollectionInfo | undefined>,
): Promise<CollectionInfo[]> {
  const collections: CollectionInfo[] = [];
  for (const name of names) {
    const info = await getCollection(name);
    if (info) collections.push(info);
  }
  return collections;
}

export function storeStats(
  location: string,
  collections: CollectionInfo[],
  sizeBytes: number | undefined,
): StoreStats {
  return {
    location,
    collections,
    documentCount: collections.reduce((sum, collection) => sum + collection.documentCount, 0),
    chunkCount: collections.reduce((sum, collection) => sum + collection.chunkCount, 0),
    sizeBytes,
  };
}
