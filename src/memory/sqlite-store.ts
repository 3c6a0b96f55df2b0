/**
 * The embedded store: one SQLite file (better-sqlite3 + sqlite-vec), WAL mode.
 *
 * Layout: `documents` and `chunks` tables; `chunks_fts` (FTS5, external content on `chunks`, written by
 * the store alongside each chunk) for BM25;
 * each chunk's unit vector in `chunks.embedding` (int8 with a scale), and the sign bits of a document's
 * vectors in one `chunk_bits` row. A vector search takes the nearest candidates by Hamming distance over
 * the bits (a `BitIndex` scan of 1/32 of the data, cached in memory and kept in step with the table), then
 * re-ranks them by cosine on the int8 vectors (within ~0.001 of exact).
 *
 * The parts: sqlite-connection.ts (opening, statements), sqlite-schema.ts (tables, upgrades),
 * sqlite-writes.ts and sqlite-bits.ts (writes), sqlite-search.ts and sqlite-bit-cache.ts (searches).
 */
import { statSync } from "node:fs";
import type Database from "better-sqlite3";
import { z } from "zod";
import { BitIndexCache } from "./sqlite-bit-cache.js";
import { openSqlite, type SqliteConnection } from "./sqlite-connection.js";
import { lexicalSearch } from "./sqlite-lexical.js";
import {
  documentRowSchema,
  filterClause,
  parseOptionalRow,
  parseRow,
  parseRows,
  toDocument,
} from "./sqlite-rows.js";
import { migrate } from "./sqlite-schema.js";
import { vectorSearch } from "./sqlite-search.js";
import {
  collectionEmbedder,
  deleteDocumentRows,
  resetCollection,
  writeDocument,
  writeVectors,
} from "./sqlite-writes.js";
import type { ChunkForReindex, MemoryStore } from "./store.js";
import { checkVectors, collectionInfos, storeStats } from "./store-common.js";
import type {
  ChunkHit,
  CollectionInfo,
  DocumentInput,
  EmbedderIdentity,
  SearchFilter,
  StoredDocument,
  StoreStats,
} from "./types.js";

const nameRowSchema = z.looseObject({ name: z.string() });
const chunkTextRowSchema = z.looseObject({ id: z.number(), text: z.string() });
const countsRowSchema = z.looseObject({
  documents: z.number(),
  chunks: z.number(),
  missing: z.number().nullable(),
});

export interface SqliteStoreOptions {
  /** File path, or `:memory:` for tests. Its folder is created. */
  path: string;
  /** Clock for `storedAt` (tests pass a fixed one). */
  now?: () => number;
  /**
   * Load the in-memory vector index in the background from the start (`BitIndexCache.preload`), for a
   * long-lived process whose first search should not wait for it. Default false.
   */
  preloadIndex?: boolean;
}

export class SqliteStore implements MemoryStore {
  readonly #connection: SqliteConnection;
  readonly #path: string;
  readonly #now: () => number;
  readonly #bitIndexes: BitIndexCache;

  constructor(options: SqliteStoreOptions) {
    this.#path = options.path;
    this.#now = options.now ?? Date.now;
    this.#connection = openSqlite(options.path);
    this.#bitIndexes = new BitIndexCache(this.#connection);
    migrate(this.#connection);
    if (options.preloadIndex === true) this.#bitIndexes.preload();
  }

  async putDocument(input: DocumentInput): Promise<StoredDocument> {
    const [stored] = await this.putDocuments([input]);
    return stored!;
  }

  async putDocuments(inputs: DocumentInput[]): Promise<StoredDocument[]> {
    checkVectors(inputs);
    const write = this.database.transaction(() =>
      inputs.map((input) => writeDocument(this.#connection, input, this.#now())),
    );
    return write.immediate();
  }

  async findDocument(collection: string, source: string): Promise<StoredDocument | undefined> {
    const row = parseOptionalRow(
      documentRowSchema,
      this.#connection
        .prepare("select * from documents where collection = ? and source = ?")
        .get(collection, source),
    );
    return row && toDocument(row);
  }

  async getDocument(id: string): Promise<StoredDocument | undefined> {
    const row = parseOptionalRow(
      documentRowSchema,
      this.#connection.prepare("select * from documents where id = ?").get(id),
    );
    return row && toDocument(row);
  }

  async listDocuments(filter: SearchFilter, limit: number, offset = 0): Promise<StoredDocument[]> {
    const where = filterClause(filter, "d");
    const rows = parseRows(
      documentRowSchema,
      this.#connection
        .prepare(
          `select d.* from documents d where ${where.sql} order by d.stored_at desc, d.source limit ? offset ?`,
        )
        .all(...where.parameters, limit, offset),
    );
    return rows.map(toDocument);
  }

  async deleteDocuments(ids: string[]): Promise<number> {
    let deleted = 0;
    this.database
      .transaction(() => {
        for (const id of ids) if (deleteDocumentRows(this.#connection, id)) deleted++;
      })
      .immediate();
    return deleted;
  }

  async lexicalSearch(query: string, k: number, filter: SearchFilter): Promise<ChunkHit[]> {
    return lexicalSearch(this.#connection, query, k, filter);
  }

  async vectorSearch(
    vector: Float32Array,
    embedder: EmbedderIdentity,
    k: number,
    filter: SearchFilter,
  ): Promise<ChunkHit[]> {
    return vectorSearch(this.#connection, this.#bitIndexes, vector, embedder, k, filter);
  }

  async getCollection(name: string): Promise<CollectionInfo | undefined> {
    const exists = this.#connection.prepare("select 1 from collections where name = ?").get(name);
    if (!exists) return undefined;
    const counts = parseRow(
      countsRowSchema,
      this.#connection
        .prepare(
          `select count(distinct d.id) documents, count(c.id) chunks, sum(c.id is not null and c.embedding is null) missing
           from documents d left join chunks c on c.document_id = d.id where d.collection = ?`,
        )
        .get(name),
    );
    return {
      name,
      embedder: collectionEmbedder(this.#connection, name),
      documentCount: counts.documents,
      chunkCount: counts.chunks,
      chunksWithoutVector: counts.missing ?? 0,
    };
  }

  async resetCollectionEmbedder(name: string, embedder: EmbedderIdentity | undefined): Promise<void> {
    this.database.transaction(() => resetCollection(this.#connection, name, embedder)).immediate();
  }

  async chunksWithoutVector(collection: string, limit: number): Promise<ChunkForReindex[]> {
    const rows = parseRows(
      chunkTextRowSchema,
      this.#connection
        .prepare(
          `select c.id, c.text from chunks c join documents d on d.id = c.document_id
           where d.collection = ? and c.embedding is null order by c.id limit ?`,
        )
        .all(collection, limit),
    );
    return rows.map((row) => ({ chunkId: String(row.id), text: row.text }));
  }

  async putVectors(
    collection: string,
    embedder: EmbedderIdentity,
    chunkIds: string[],
    vectors: Float32Array[],
  ): Promise<void> {
    this.database
      .transaction(() => writeVectors(this.#connection, collection, embedder, chunkIds, vectors))
      .immediate();
  }

  async stats(): Promise<StoreStats> {
    const names = parseRows(
      nameRowSchema,
      this.#connection.prepare("select name from collections order by name").all(),
    );
    const collections = await collectionInfos(
      names.map((row) => row.name),
      (name) => this.getCollection(name),
    );
    let sizeBytes: number | undefined;
    if (this.#path !== ":memory:") {
      sizeBytes = 0;
      for (const suffix of ["", "-wal"]) {
        try {
          sizeBytes += statSync(this.#path + suffix).size;
        } catch {
          // No WAL file right after a checkpoint: nothing to add.
        }
      }
    }
    return storeStats(`sqlite:${this.#path}`, collections, sizeBytes);
  }

  async close(): Promise<void> {
    this.#bitIndexes.stop();
    if (this.database.open) this.database.close();
  }

  /** The underlying connection, for the benchmark's baseline scan. */
  get database(): Database.Database {
    return this.#connection.database;
  }
}
