/**
 * The scale-out store: PostgreSQL with pgvector. Same contract as `SqliteStore`.
 *
 * Layout (tables prefixed `agente_memory_` so they can share a database): chunks carry their collection,
 * a `tsvector` generated from the accent-folded text (`simple` configuration, so Spanish and English are
 * treated alike) from which the BM25 postings are made, and an untyped `vector` column with the vector's
 * `dimensions`, so collections embedded by different models live side by side. Each document's sign bits
 * are a row of `agente_memory_bits`, which each store instance (each replica) scans in process.
 *
 * The parts: postgres-pool.ts (connections, transactions), postgres-schema.ts (tables, upgrade),
 * postgres-writes.ts (writes), postgres-bits.ts and postgres-bit-cache.ts (sign bits),
 * postgres-lexicon.ts (postings, BM25), postgres-search.ts (vector search).
 */
import type pg from "pg";
import { z } from "zod";
import { SystemError } from "../util/errors.js";
import { displayUrl } from "../util/url-credentials.js";
import { PostgresBitCache } from "./postgres-bit-cache.js";
import { lexicalSearch } from "./postgres-lexicon.js";
import { openPool } from "./postgres-pool.js";
import { type DocumentRow, filterClause, firstLine, isUuid, toDocument } from "./postgres-rows.js";
import { migrate } from "./postgres-schema.js";
import { vectorSearch } from "./postgres-search.js";
import {
  collectionEmbedder,
  deleteDocumentRows,
  resetCollection,
  writeDocument,
  writeTransaction,
  writeVectors,
} from "./postgres-writes.js";
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

export interface PostgresStoreOptions {
  url: string;
  now?: () => number;
  /**
   * Start loading the sign-bit index of every dimension in use at once, so the first search finds it
   * loaded (at 1M chunks a load reads ~100 MB). Off by default (tests, one-shot commands).
   */
  preloadIndex?: boolean;
}

export class PostgresStore implements MemoryStore {
  readonly #pool: pg.Pool;
  readonly #location: string;
  readonly #now: () => number;
  readonly #bitIndexes: PostgresBitCache;
  #preloading: Promise<void> | undefined;

  private constructor(pool: pg.Pool, location: string, now: () => number) {
    this.#pool = pool;
    this.#bitIndexes = new PostgresBitCache(pool);
    this.#location = location;
    this.#now = now;
  }

  /** Connects, creates the extensions and tables if needed. */
  static async connect(options: PostgresStoreOptions): Promise<PostgresStore> {
    const location = displayUrl(options.url);
    const pool = openPool(options.url);
    const store = new PostgresStore(pool, location, options.now ?? Date.now);
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end().catch(() => {});
      const missingVector = /extension "vector"|vector\.control/.test(String(error));
      throw new SystemError(`cannot prepare the memory database at ${location}: ${firstLine(error)}`, {
        cause: error,
        hint: missingVector
          ? "install pgvector on the server (scripts/install-pgvector.sh on Debian 12), see docs/memory.md"
          : "check AGENTE_MEMORY_URL and that PostgreSQL is running",
      });
    }
    // A failed preload is not lost: the first search syncs again and reports the same failure.
    if (options.preloadIndex === true) store.#preloading = store.#bitIndexes.preload().catch(() => undefined);
    return store;
  }

  async putDocument(input: DocumentInput): Promise<StoredDocument> {
    const [stored] = await this.putDocuments([input]);
    return stored!;
  }

  async putDocuments(inputs: DocumentInput[]): Promise<StoredDocument[]> {
    checkVectors(inputs);
    return writeTransaction(this.#pool, async (client) => {
      const stored: StoredDocument[] = [];
      for (const input of inputs) stored.push(await writeDocument(client, input, this.#now()));
      return stored;
    });
  }

  async findDocument(collection: string, source: string): Promise<StoredDocument | undefined> {
    const result = await this.#pool.query<DocumentRow>(
      "select * from agente_memory_documents where collection = $1 and source = $2",
      [collection, source],
    );
    return result.rows[0] && toDocument(result.rows[0]);
  }

  async getDocument(id: string): Promise<StoredDocument | undefined> {
    if (!isUuid(id)) return undefined;
    const result = await this.#pool.query<DocumentRow>(
      "select * from agente_memory_documents where id = $1",
      [id],
    );
    return result.rows[0] && toDocument(result.rows[0]);
  }

  async listDocuments(filter: SearchFilter, limit: number, offset = 0): Promise<StoredDocument[]> {
    const where = filterClause(filter, "d", 1);
    const result = await this.#pool.query<DocumentRow>(
      `select d.* from agente_memory_documents d where ${where.sql}
       order by d.stored_at desc, d.source limit $${where.next} offset $${where.next + 1}`,
      [...where.parameters, limit, offset],
    );
    return result.rows.map(toDocument);
  }

  async deleteDocuments(ids: string[]): Promise<number> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return 0;
    return writeTransaction(this.#pool, async (client) => {
      const locked = await client.query(
        "select id from agente_memory_documents where id = any($1::uuid[]) for update",
        [valid],
      );
      return deleteDocumentRows(
        client,
        z
          .array(z.looseObject({ id: z.string() }))
          .parse(locked.rows)
          .map((row) => row.id),
      );
    });
  }

  async lexicalSearch(query: string, k: number, filter: SearchFilter): Promise<ChunkHit[]> {
    return lexicalSearch(this.#pool, query, k, filter);
  }

  async vectorSearch(
    vector: Float32Array,
    embedder: EmbedderIdentity,
    k: number,
    filter: SearchFilter,
  ): Promise<ChunkHit[]> {
    return vectorSearch(this.#pool, this.#bitIndexes, vector, embedder, k, filter);
  }

  /** Vectors of `dimensions` in this instance's bit index now, without reading the table (tests). */
  loadedVectors(dimensions: number): number {
    return this.#bitIndexes.loaded(dimensions);
  }

  async getCollection(name: string): Promise<CollectionInfo | undefined> {
    const exists = await this.#pool.query("select 1 from agente_memory_collections where name = $1", [name]);
    if (exists.rowCount === 0) return undefined;
    const counts = await this.#pool.query<{ documents: string; chunks: string; missing: string }>(
      `select (select count(*) from agente_memory_documents where collection = $1) documents,
              count(*) chunks, count(*) filter (where embedding is null) missing
       from agente_memory_chunks where collection = $1`,
      [name],
    );
    const row = counts.rows[0];
    return {
      name,
      embedder: await collectionEmbedder(this.#pool, name),
      documentCount: Number(row?.documents ?? 0),
      chunkCount: Number(row?.chunks ?? 0),
      chunksWithoutVector: Number(row?.missing ?? 0),
    };
  }

  async resetCollectionEmbedder(name: string, embedder: EmbedderIdentity | undefined): Promise<void> {
    await writeTransaction(this.#pool, (client) => resetCollection(client, name, embedder));
  }

  async chunksWithoutVector(collection: string, limit: number): Promise<ChunkForReindex[]> {
    const result = await this.#pool.query<{ id: string; text: string }>(
      "select id, text from agente_memory_chunks where collection = $1 and embedding is null order by id limit $2",
      [collection, limit],
    );
    return result.rows.map((row) => ({ chunkId: String(row.id), text: row.text }));
  }

  async putVectors(
    collection: string,
    embedder: EmbedderIdentity,
    chunkIds: string[],
    vectors: Float32Array[],
  ): Promise<void> {
    await writeTransaction(this.#pool, (client) =>
      writeVectors(client, collection, embedder, chunkIds, vectors),
    );
  }

  async stats(): Promise<StoreStats> {
    const names = await this.#pool.query<{ name: string }>(
      "select name from agente_memory_collections order by name",
    );
    const collections = await collectionInfos(
      names.rows.map((row) => row.name),
      (name) => this.getCollection(name),
    );
    const size = await this.#pool.query<{ bytes: string }>(
      `select pg_total_relation_size('agente_memory_chunks') + pg_total_relation_size('agente_memory_documents')
              + pg_total_relation_size('agente_memory_bits') + pg_total_relation_size('agente_memory_postings') bytes`,
    );
    return storeStats(this.#location, collections, Number(size.rows[0]?.bytes ?? 0));
  }

  async close(): Promise<void> {
    await this.#preloading;
    await this.#pool.end();
  }

  /** Runs a query on the pool, for the benchmark. */
  query(text: string, values?: unknown[]): Promise<pg.QueryResult> {
    return this.#pool.query(text, values);
  }
}
