/**
 * The scale-out store: PostgreSQL with pgvector. Same contract as `SqliteStore`.
 *
 * Layout (tables prefixed `agente_memory_` so they can share a database): chunks carry their collection,
 * a `tsvector` generated from the accent-folded text (GIN index, `simple` configuration so Spanish and
 * English are treated alike), and an untyped `vector` column with the vector's `dimensions`; each
 * dimension in use gets a partial HNSW index on `embedding::vector(D)` (cosine), so collections embedded
 * by different models live side by side.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { SystemError } from "../util/errors.js";
import { EmbedderMismatchError } from "./errors.js";
import { lexicalTerms } from "./lexical-query.js";
import {
  type DocumentRow,
  filterClause,
  firstLine,
  fold,
  type HitRow,
  isUuid,
  redact,
  toDocument,
  toHit,
  vectorLiteral,
} from "./postgres-rows.js";
import type { ChunkForReindex, MemoryStore } from "./store.js";
import type {
  ChunkHit,
  CollectionInfo,
  DocumentInput,
  EmbedderIdentity,
  SearchFilter,
  StoredDocument,
  StoreStats,
} from "./types.js";

/** HNSW candidate list: 100 keeps recall@10 ≥ 0.95 on our benchmark at ~1–2 ms more than the default 40. */
const EF_SEARCH = 100;

export interface PostgresStoreOptions {
  url: string;
  now?: () => number;
}

type Queryable = pg.Pool | pg.PoolClient;

export class PostgresStore implements MemoryStore {
  readonly #pool: pg.Pool;
  readonly #location: string;
  readonly #now: () => number;

  private constructor(pool: pg.Pool, location: string, now: () => number) {
    this.#pool = pool;
    this.#location = location;
    this.#now = now;
  }

  /** Connects, creates the extensions and tables if needed. */
  static async connect(options: PostgresStoreOptions): Promise<PostgresStore> {
    const location = redact(options.url);
    const pool = new pg.Pool({ connectionString: options.url, max: 4 });
    pool.on("connect", (client) => {
      client
        .query(`set hnsw.ef_search = ${EF_SEARCH}; set hnsw.iterative_scan = relaxed_order`)
        .catch(() => {});
    });
    // An idle client's network error must not crash the process; the next query reports it.
    pool.on("error", () => {});
    const store = new PostgresStore(pool, location, options.now ?? Date.now);
    try {
      await store.#migrate();
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
    return store;
  }

  async #migrate(): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query("begin");
      // Concurrent first starts would race on CREATE: serialise them.
      await client.query("select pg_advisory_xact_lock(hashtext('agente_memory_schema'))");
      await client.query(`
        create extension if not exists vector;
        create extension if not exists unaccent;
        create or replace function agente_memory_fold(text) returns text
          language sql immutable parallel safe strict
          as $$ select public.unaccent('public.unaccent'::regdictionary, lower($1)) $$;
        create table if not exists agente_memory_collections (
          name text primary key,
          embedder_name text,
          dimensions integer
        );
        create table if not exists agente_memory_documents (
          id uuid primary key,
          collection text not null,
          source text not null,
          title text not null,
          content_hash text not null,
          modified_at bigint not null,
          metadata jsonb not null,
          chunk_count integer not null,
          stored_at bigint not null,
          unique (collection, source)
        );
        create table if not exists agente_memory_chunks (
          id bigserial primary key,
          document_id uuid not null references agente_memory_documents(id) on delete cascade,
          collection text not null,
          position integer not null,
          text text not null,
          tsv tsvector generated always as (to_tsvector('simple', agente_memory_fold(text))) stored,
          dimensions integer,
          embedding vector
        );
        create index if not exists agente_memory_chunks_document on agente_memory_chunks(document_id);
        create index if not exists agente_memory_chunks_collection on agente_memory_chunks(collection);
        create index if not exists agente_memory_chunks_tsv on agente_memory_chunks using gin(tsv);
      `);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query("begin");
      const result = await work(client);
      await client.query("commit");
      return result;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async #collectionEmbedder(
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

  async #claimCollection(
    client: pg.PoolClient,
    name: string,
    embedder: EmbedderIdentity | undefined,
  ): Promise<void> {
    await client.query("insert into agente_memory_collections(name) values ($1) on conflict do nothing", [
      name,
    ]);
    const stored = await this.#collectionEmbedder(client, name, true);
    if (!embedder) return;
    if (!stored) {
      await client.query(
        "update agente_memory_collections set embedder_name = $1, dimensions = $2 where name = $3",
        [embedder.name, embedder.dimensions, name],
      );
      await ensureHnswIndex(client, embedder.dimensions);
    } else if (stored.name !== embedder.name || stored.dimensions !== embedder.dimensions) {
      throw new EmbedderMismatchError(name, stored, embedder);
    }
  }

  async putDocument(input: DocumentInput): Promise<StoredDocument> {
    const [stored] = await this.putDocuments([input]);
    return stored!;
  }

  async putDocuments(inputs: DocumentInput[]): Promise<StoredDocument[]> {
    for (const input of inputs) {
      if (input.vectors && input.vectors.length !== input.chunks.length) {
        throw new Error(
          `putDocuments: ${input.vectors.length} vectors for ${input.chunks.length} chunks of ${input.source}`,
        );
      }
    }
    return this.#transaction(async (client) => {
      const stored: StoredDocument[] = [];
      for (const input of inputs) stored.push(await this.#writeDocument(client, input));
      return stored;
    });
  }

  async #writeDocument(client: pg.PoolClient, input: DocumentInput): Promise<StoredDocument> {
    const stored: StoredDocument = {
      id: randomUUID(),
      collection: input.collection,
      source: input.source,
      title: input.title,
      contentHash: input.contentHash,
      modifiedAt: input.modifiedAt,
      metadata: input.metadata,
      chunkCount: input.chunks.length,
      storedAt: this.#now(),
    };
    const embedder = input.vectors ? input.embedder : undefined;
    await this.#claimCollection(client, input.collection, embedder);
    await client.query("delete from agente_memory_documents where collection = $1 and source = $2", [
      input.collection,
      input.source,
    ]);
    await client.query(
      `insert into agente_memory_documents(id, collection, source, title, content_hash, modified_at, metadata, chunk_count, stored_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        stored.id,
        stored.collection,
        stored.source,
        stored.title,
        stored.contentHash,
        stored.modifiedAt,
        JSON.stringify(stored.metadata),
        stored.chunkCount,
        stored.storedAt,
      ],
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
    const result = await this.#pool.query("delete from agente_memory_documents where id = any($1::uuid[])", [
      valid,
    ]);
    return result.rowCount ?? 0;
  }

  async lexicalSearch(query: string, k: number, filter: SearchFilter): Promise<ChunkHit[]> {
    const terms = lexicalTerms(fold(query));
    if (terms.length === 0) return [];
    // Terms are letters and digits only (lexicalTerms), so quoting them is enough to keep tsquery syntax out.
    const tsquery = terms.map((term) => `'${term}'`).join(" | ");
    const where = filterClause(filter, "d", 3);
    const result = await this.#pool.query<HitRow>(
      `select c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position,
              ts_rank_cd(c.tsv, query) score
       from agente_memory_chunks c join agente_memory_documents d on d.id = c.document_id,
            to_tsquery('simple', $1) query
       where c.tsv @@ query and ${where.sql}
       order by score desc, c.id limit $2`,
      [tsquery, k, ...where.parameters],
    );
    return result.rows.map(toHit);
  }

  async vectorSearch(
    vector: Float32Array,
    embedder: EmbedderIdentity,
    k: number,
    filter: SearchFilter,
  ): Promise<ChunkHit[]> {
    const collections = await this.#pool.query<{ name: string }>(
      "select name from agente_memory_collections where embedder_name = $1 and dimensions = $2",
      [embedder.name, embedder.dimensions],
    );
    const names = collections.rows
      .map((row) => row.name)
      .filter((name) => filter.collection === undefined || name === filter.collection);
    if (names.length === 0) return [];
    const dimensions = Math.trunc(embedder.dimensions);
    const where = filterClause({ ...filter, collection: undefined }, "d", 4);
    // The expression and the `dimensions = D` predicate must match the partial HNSW index to use it.
    const result = await this.#pool.query<HitRow>(
      `select c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position,
              1 - (c.embedding::vector(${dimensions}) <=> $1::vector(${dimensions})) score
       from agente_memory_chunks c join agente_memory_documents d on d.id = c.document_id
       where c.dimensions = ${dimensions} and c.collection = any($2::text[]) and ${where.sql}
       order by c.embedding::vector(${dimensions}) <=> $1::vector(${dimensions}) limit $3`,
      [vectorLiteral(vector), names, k, ...where.parameters],
    );
    return result.rows.map(toHit);
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
      embedder: await this.#collectionEmbedder(this.#pool, name),
      documentCount: Number(row?.documents ?? 0),
      chunkCount: Number(row?.chunks ?? 0),
      chunksWithoutVector: Number(row?.missing ?? 0),
    };
  }

  async resetCollectionEmbedder(name: string, embedder: EmbedderIdentity | undefined): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query("insert into agente_memory_collections(name) values ($1) on conflict do nothing", [
        name,
      ]);
      await client.query(
        "update agente_memory_chunks set embedding = null, dimensions = null where collection = $1",
        [name],
      );
      await client.query(
        "update agente_memory_collections set embedder_name = $1, dimensions = $2 where name = $3",
        [embedder?.name ?? null, embedder?.dimensions ?? null, name],
      );
      if (embedder) await ensureHnswIndex(client, embedder.dimensions);
    });
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
    await this.#transaction(async (client) => {
      await this.#claimCollection(client, collection, embedder);
      await client.query(
        `update agente_memory_chunks c set embedding = v.embedding::vector, dimensions = $3
         from unnest($1::bigint[], $2::text[]) as v(id, embedding) where c.id = v.id and c.collection = $4`,
        [chunkIds, vectors.map(vectorLiteral), embedder.dimensions, collection],
      );
    });
  }

  async stats(): Promise<StoreStats> {
    const names = await this.#pool.query<{ name: string }>(
      "select name from agente_memory_collections order by name",
    );
    const collections: CollectionInfo[] = [];
    for (const { name } of names.rows) {
      const info = await this.getCollection(name);
      if (info) collections.push(info);
    }
    const size = await this.#pool.query<{ bytes: string }>(
      `select pg_total_relation_size('agente_memory_chunks') + pg_total_relation_size('agente_memory_documents') bytes`,
    );
    return {
      location: this.#location,
      collections,
      documentCount: collections.reduce((sum, collection) => sum + collection.documentCount, 0),
      chunkCount: collections.reduce((sum, collection) => sum + collection.chunkCount, 0),
      sizeBytes: Number(size.rows[0]?.bytes ?? 0),
    };
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  /** Runs a query on the pool, for the benchmark. */
  query(text: string, values?: unknown[]): Promise<pg.QueryResult> {
    return this.#pool.query(text, values);
  }
}

async function ensureHnswIndex(client: pg.PoolClient, dimensions: number): Promise<void> {
  const size = Math.trunc(dimensions);
  await client.query(
    `create index if not exists agente_memory_chunks_hnsw_${size} on agente_memory_chunks
     using hnsw ((embedding::vector(${size})) vector_cosine_ops) where dimensions = ${size}`,
  );
}
