/**
 * The records the memory works with. A collection holds documents; a document is split into chunks
 * (passages) with a position; each chunk may carry a vector from the collection's embedder.
 */
import type { EmbedderIdentity } from "../embedders/embedder.js";

/** Which embedder produced a collection's vectors (defined with the embedders; the stores record it). */
export type { EmbedderIdentity };

/** Collection used when none is given (by the memory, its server's contract and the CLI). */
export const DEFAULT_COLLECTION = "default";

/** Free-form key/value data attached to a document (author, tags, url…), filterable by exact value. */
export type Metadata = Record<string, string | number | boolean | null>;

export interface CollectionInfo {
  name: string;
  /** Undefined while the collection has no vectors (lexical only so far). */
  embedder: EmbedderIdentity | undefined;
  documentCount: number;
  chunkCount: number;
  /** Chunks without a vector (stored while no embedder was available): `agente memory reindex` fills them. */
  chunksWithoutVector: number;
}

export interface ChunkInput {
  text: string;
  /** 0-based order of the chunk inside its document. */
  position: number;
}

/** A whole document as ingest or `memorizar_informacion` hands it to the store. */
export interface DocumentInput {
  collection: string;
  /** Where it came from: an absolute file path, or `nota:<id>` for a note. Unique per collection. */
  source: string;
  title: string;
  /** sha256 of the raw bytes (files) or the text (notes): unchanged content is skipped. */
  contentHash: string;
  /** Modification time of the file in ms since the epoch; the time of storing for notes. */
  modifiedAt: number;
  metadata: Metadata;
  chunks: ChunkInput[];
  /** One unit-length vector per chunk, or undefined to store the document for lexical search only. */
  vectors: Float32Array[] | undefined;
  /** Required with `vectors`: the embedder that produced them, checked against the collection's. */
  embedder: EmbedderIdentity | undefined;
}

export interface StoredDocument {
  id: string;
  collection: string;
  source: string;
  title: string;
  contentHash: string;
  modifiedAt: number;
  metadata: Metadata;
  chunkCount: number;
  /** When it was (last) stored, ms since the epoch. */
  storedAt: number;
  /**
   * Set by a write: true when it replaced a document already stored under the same source (seen inside
   * the write's transaction, so two concurrent ingests of one file count one "added", not two).
   */
  replaced?: boolean;
}

/** One chunk found by a search, with the document it belongs to. */
export interface ChunkHit {
  chunkId: string;
  documentId: string;
  collection: string;
  source: string;
  title: string;
  metadata: Metadata;
  text: string;
  position: number;
  /** Lexical: BM25-derived, higher is better. Vector: cosine similarity in [-1, 1]. */
  score: number;
}

/**
 * A person's private collection is `private:<person id>`; every other collection is shared (the company's).
 * Only `agente serve` writes private ones, for the person signed in.
 */
export const PRIVATE_COLLECTION_PREFIX = "private:";

export function privateCollection(personId: string): string {
  return `${PRIVATE_COLLECTION_PREFIX}${personId}`;
}

export function isPrivateCollection(name: string): boolean {
  return name.startsWith(PRIVATE_COLLECTION_PREFIX);
}

/** Whether a search or listing with this filter may see the collection (`visibleTo`, `collection`). */
export function collectionVisible(name: string, filter: SearchFilter): boolean {
  if (filter.collection !== undefined && name !== filter.collection) return false;
  if (filter.visibleTo === undefined) return true;
  return !isPrivateCollection(name) || name === privateCollection(filter.visibleTo);
}

/** Restricts searches and listings. Every given field must match. */
export interface SearchFilter {
  collection?: string;
  /** A person's id: only the shared collections and that person's private one. */
  visibleTo?: string;
  /** Keeps documents whose source starts with this string (a folder, a URL prefix). */
  sourcePrefix?: string;
  /** Keeps documents whose metadata has each of these exact values. */
  metadata?: Metadata;
}

export interface StoreStats {
  /** `sqlite:/path/to/memory.db` or `postgres://host/db` (never with the password). */
  location: string;
  collections: CollectionInfo[];
  documentCount: number;
  chunkCount: number;
  /** Size of the database in bytes, when the store can tell. */
  sizeBytes: number | undefined;
}
