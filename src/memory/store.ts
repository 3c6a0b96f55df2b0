/**
 * The persistent memory store: one interface, two implementations (`SqliteStore`, the embedded default,
 * and `PostgresStore`, pgvector for large deployments), both held to the same contract tests.
 */
import type {
  ChunkHit,
  CollectionInfo,
  DocumentInput,
  EmbedderIdentity,
  SearchFilter,
  StoredDocument,
  StoreStats,
} from "./types.js";

/** A chunk handed out for re-embedding by `agente memory reindex`. */
export interface ChunkForReindex {
  chunkId: string;
  text: string;
}

export interface MemoryStore {
  /**
   * Stores a document with its chunks and vectors in one transaction, replacing any document with the same
   * collection and source: a reader sees the old version or the new one, never half of either.
   * Throws `EmbedderMismatchError` when `input.embedder` differs from the collection's.
   */
  putDocument(input: DocumentInput): Promise<StoredDocument>;

  /**
   * `putDocument` for several documents in one transaction (ingest batches them: one commit per batch is
   * much cheaper than one per file). Each document is still whole or absent after a crash.
   */
  putDocuments(inputs: DocumentInput[]): Promise<StoredDocument[]>;

  /** The document stored under this collection and source, if any. */
  findDocument(collection: string, source: string): Promise<StoredDocument | undefined>;

  getDocument(id: string): Promise<StoredDocument | undefined>;

  /** Documents matching the filter, newest first. */
  listDocuments(filter: SearchFilter, limit: number, offset?: number): Promise<StoredDocument[]>;

  /** Deletes documents (with their chunks and vectors) by id; returns how many existed. */
  deleteDocuments(ids: string[]): Promise<number>;

  /** BM25 full-text search over chunk text (FTS5 / tsvector); `query` is plain user text, never syntax. */
  lexicalSearch(query: string, k: number, filter: SearchFilter): Promise<ChunkHit[]>;

  /**
   * K nearest chunks by cosine similarity to a unit-length `vector` made by `embedder`. Chunks of collections
   * whose embedder differs are not searched (their vectors are not comparable).
   */
  vectorSearch(
    vector: Float32Array,
    embedder: EmbedderIdentity,
    k: number,
    filter: SearchFilter,
  ): Promise<ChunkHit[]>;

  getCollection(name: string): Promise<CollectionInfo | undefined>;

  /**
   * Drops every vector of the collection and records `embedder` as its embedder (undefined: none), so that
   * `chunksWithoutVector` hands out all its chunks. Used by `agente memory reindex`.
   */
  resetCollectionEmbedder(name: string, embedder: EmbedderIdentity | undefined): Promise<void>;

  /** Up to `limit` chunks of the collection that have no vector yet. */
  chunksWithoutVector(collection: string, limit: number): Promise<ChunkForReindex[]>;

  /** Stores vectors for existing chunks (from `chunksWithoutVector`) in one transaction. */
  putVectors(
    collection: string,
    embedder: EmbedderIdentity,
    chunkIds: string[],
    vectors: Float32Array[],
  ): Promise<void>;

  stats(): Promise<StoreStats>;

  close(): Promise<void>;
}
