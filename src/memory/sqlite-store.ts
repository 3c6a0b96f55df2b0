/**
 * The embedded store: one SQLite file (better-sqlite3 + sqlite-vec), WAL mode.
 *
 * Layout: `documents` and `chunks` tables; `chunks_fts` (FTS5, external content on `chunks`, written by
 * the store alongside each chunk) for BM25;
 * each chunk's unit vector in `chunks.embedding` (int8 with a scale), and the sign bits of a document's
 * vectors in one `chunk_bits` row. A vector search takes the nearest candidates by Hamming distance over
 * the bits (a `BitIndex` scan of 1/32 of the data, cached in memory and kept in step with the table), then
 * re-ranks them by cosine on the int8 vectors (within ~0.001 of exact).
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import * as sqliteVec from "sqlite-vec";
import { SystemError } from "../util/errors.js";
import { BitIndex, bitStride, decodeIds, idsBlob, signBits } from "./bit-index.js";
import { EmbedderMismatchError } from "./errors.js";
import { lexicalTerms } from "./lexical-query.js";
import {
  type DocumentRow,
  decodeStoredVector,
  filterClause,
  type HitRow,
  storedDot,
  storedVector,
  toDocument,
  toHit,
} from "./sqlite-rows.js";
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

/**
 * 4: sign bits in `chunk_bits` (one row per document) instead of sqlite-vec `vec0` tables. 3: vectors stored
 * as int8 (older float32 blobs still read). 2: FTS written directly.
 */
const SCHEMA_VERSION = 4;

/** Candidates taken from the bit scan per result wanted, before the exact re-ranking. */
const OVERSAMPLING = 4;
const MIN_CANDIDATES = 40;

export interface SqliteStoreOptions {
  /** File path, or `:memory:` for tests. Its folder is created. */
  path: string;
  /** Clock for `storedAt` (tests pass a fixed one). */
  now?: () => number;
}

export class SqliteStore implements MemoryStore {
  readonly #database: Database.Database;
  readonly #path: string;
  readonly #now: () => number;
  /** Prepared statements by SQL text: preparing costs more than running most of ours. */
  readonly #statements = new Map<string, Database.Statement>();
  /** Bit indexes by dimensions, with the `chunk_bits` state they reflect. */
  readonly #bitIndexes = new Map<number, CachedBitIndex>();

  constructor(options: SqliteStoreOptions) {
    this.#path = options.path;
    this.#now = options.now ?? Date.now;
    try {
      if (options.path !== ":memory:") mkdirSync(dirname(options.path), { recursive: true });
      this.#database = new Database(options.path);
      sqliteVec.load(this.#database);
    } catch (error) {
      throw new SystemError(`cannot open the memory database ${options.path}`, {
        cause: error,
        hint: "check that the folder is writable, or set AGENTE_MEMORY_PATH to another file",
      });
    }
    this.#migrate();
  }

  #migrate(): void {
    const database = this.#database;
    // 16 KiB pages (effective for a new file only): a chunk row holds a 3 KiB vector, which on 4 KiB pages
    // spills into overflow pages; measured ~30% faster ingest.
    database.pragma("page_size = 16384");
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma("foreign_keys = ON");
    database.pragma("busy_timeout = 5000");
    database.exec(`
      create table if not exists collections (
        name text primary key,
        embedder_name text,
        dimensions integer
      );
      create table if not exists documents (
        id text primary key,
        collection text not null,
        source text not null,
        title text not null,
        content_hash text not null,
        modified_at integer not null,
        metadata text not null,
        chunk_count integer not null,
        stored_at integer not null,
        unique (collection, source)
      );
      create table if not exists chunks (
        id integer primary key,
        document_id text not null references documents(id) on delete cascade,
        position integer not null,
        text text not null,
        embedding blob
      );
      create index if not exists chunks_by_document on chunks(document_id);
      create virtual table if not exists chunks_fts using fts5(
        text, content='chunks', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
      );
      -- Schema 1 kept the index in step with triggers; the store now writes it directly (twice as fast).
      drop trigger if exists chunks_fts_insert;
      drop trigger if exists chunks_fts_delete;
      -- The sign bits of a document's vectors, in chunk order; rows only ever appended, except that any
      -- delete or rewrite bumps chunk_bits_state.generation, so a cached index knows to reload.
      create table if not exists chunk_bits (
        id integer primary key,
        document_id text not null unique,
        collection text not null,
        dimensions integer not null,
        chunk_ids blob not null,
        bits blob not null
      );
      create table if not exists chunk_bits_state (generation integer not null);
      insert into chunk_bits_state select 0 where not exists (select 1 from chunk_bits_state);
    `);
    const version = database.pragma("user_version", { simple: true }) as number;
    if (version > 0 && version < 4) database.transaction(() => this.#migrateBits())();
    database.pragma(`user_version = ${SCHEMA_VERSION}`);
  }

  /** Schema ≤ 3 kept the bits in sqlite-vec tables: rebuild them from the stored vectors, drop those. */
  #migrateBits(): void {
    const database = this.#database;
    const documents = database
      .prepare(
        `select d.id, d.collection, c.dimensions from documents d join collections c on c.name = d.collection
           where c.dimensions is not null`,
      )
      .all() as Array<{ id: string; collection: string; dimensions: number }>;
    const chunks = database.prepare(
      "select id, embedding from chunks where document_id = ? and embedding is not null order by id",
    );
    for (const document of documents) {
      const rows = chunks.all(document.id) as Array<{ id: number; embedding: Buffer }>;
      this.#insertBits(
        document.id,
        document.collection,
        document.dimensions,
        rows.map((row) => row.id),
        rows.map((row) => decodeStoredVector(row.embedding, document.dimensions)),
      );
    }
    const tables = database
      .prepare("select name from sqlite_master where type = 'table' and name glob 'vectors_bit_[0-9]*'")
      .all() as Array<{ name: string }>;
    for (const { name } of tables) {
      if (/^vectors_bit_\d+$/.test(name)) database.exec(`drop table if exists ${name}`);
    }
  }

  #insertBits(
    documentId: string,
    collection: string,
    dimensions: number,
    chunkIds: number[],
    vectors: Float32Array[],
  ): void {
    if (chunkIds.length === 0) return;
    this.#prepare(
      "insert into chunk_bits(document_id, collection, dimensions, chunk_ids, bits) values (?, ?, ?, ?, ?)",
    ).run(documentId, collection, dimensions, idsBlob(chunkIds), signBits(vectors, dimensions));
  }

  /** Marks `chunk_bits` as changed other than by appending: cached indexes reload. */
  #bumpBitsGeneration(): void {
    this.#prepare("update chunk_bits_state set generation = generation + 1").run();
  }

  /** The bit index of `dimensions`, brought up to date with `chunk_bits` (appended rows, or a reload). */
  #syncedBitIndex(dimensions: number): BitIndex {
    const sync = this.#database.transaction(() => {
      const { generation } = this.#prepare("select generation from chunk_bits_state").get() as {
        generation: number;
      };
      let cached = this.#bitIndexes.get(dimensions);
      if (!cached) {
        cached = { index: new BitIndex(dimensions), generation, lastRowId: 0 };
        this.#bitIndexes.set(dimensions, cached);
      } else if (cached.generation !== generation) {
        cached.index.clear();
        cached.generation = generation;
        cached.lastRowId = 0;
      }
      const rows = this.#prepare(
        "select id, collection, chunk_ids, bits from chunk_bits where dimensions = ? and id > ? order by id",
      ).iterate(dimensions, cached.lastRowId) as IterableIterator<{
        id: number;
        collection: string;
        chunk_ids: Buffer;
        bits: Buffer;
      }>;
      for (const row of rows) {
        cached.index.append(row.collection, decodeIds(row.chunk_ids), row.bits);
        cached.lastRowId = row.id;
      }
      return cached.index;
    });
    return sync();
  }

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#database.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #collectionEmbedder(name: string): EmbedderIdentity | undefined {
    const row = this.#prepare("select embedder_name, dimensions from collections where name = ?").get(name) as
      | { embedder_name: string | null; dimensions: number | null }
      | undefined;
    if (!row?.embedder_name || !row.dimensions) return undefined;
    return { name: row.embedder_name, dimensions: row.dimensions };
  }

  /** Checks `embedder` against the collection's, recording it when the collection has none. */
  #claimCollection(name: string, embedder: EmbedderIdentity | undefined): void {
    this.#prepare("insert or ignore into collections(name) values (?)").run(name);
    if (!embedder) return;
    const stored = this.#collectionEmbedder(name);
    if (!stored) {
      this.#prepare("update collections set embedder_name = ?, dimensions = ? where name = ?").run(
        embedder.name,
        embedder.dimensions,
        name,
      );
    } else if (stored.name !== embedder.name || stored.dimensions !== embedder.dimensions) {
      throw new EmbedderMismatchError(name, stored, embedder);
    }
  }

  #deleteDocumentRows(id: string): boolean {
    const document = this.#prepare("select collection from documents where id = ?").get(id) as
      | { collection: string }
      | undefined;
    if (!document) return false;
    if (this.#prepare("delete from chunk_bits where document_id = ?").run(id).changes > 0) {
      this.#bumpBitsGeneration();
    }
    // External-content FTS5 needs the old text to remove a row's terms: delete from the index first.
    this.#prepare(
      "insert into chunks_fts(chunks_fts, rowid, text) select 'delete', id, text from chunks where document_id = ?",
    ).run(id);
    this.#prepare("delete from chunks where document_id = ?").run(id);
    this.#prepare("delete from documents where id = ?").run(id);
    return true;
  }

  async putDocument(input: DocumentInput): Promise<StoredDocument> {
    const [stored] = await this.putDocuments([input]);
    return stored!;
  }

  async putDocuments(inputs: DocumentInput[]): Promise<StoredDocument[]> {
    for (const input of inputs) checkVectors(input);
    const write = this.#database.transaction(() => inputs.map((input) => this.#writeDocument(input)));
    return write.immediate();
  }

  #writeDocument(input: DocumentInput): StoredDocument {
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
    this.#claimCollection(input.collection, input.vectors ? input.embedder : undefined);
    const previous = this.#prepare("select id from documents where collection = ? and source = ?").get(
      input.collection,
      input.source,
    ) as { id: string } | undefined;
    if (previous) this.#deleteDocumentRows(previous.id);
    this.#prepare(
      `insert into documents(id, collection, source, title, content_hash, modified_at, metadata, chunk_count, stored_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      stored.id,
      stored.collection,
      stored.source,
      stored.title,
      stored.contentHash,
      stored.modifiedAt,
      JSON.stringify(stored.metadata),
      stored.chunkCount,
      stored.storedAt,
    );
    const insertChunk = this.#prepare(
      "insert into chunks(document_id, position, text, embedding) values (?, ?, ?, ?)",
    );
    const insertText = this.#prepare("insert into chunks_fts(rowid, text) values (?, ?)");
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
      this.#insertBits(stored.id, input.collection, input.embedder.dimensions, chunkIds, input.vectors);
    }
    return stored;
  }

  async findDocument(collection: string, source: string): Promise<StoredDocument | undefined> {
    const row = this.#prepare("select * from documents where collection = ? and source = ?").get(
      collection,
      source,
    ) as DocumentRow | undefined;
    return row && toDocument(row);
  }

  async getDocument(id: string): Promise<StoredDocument | undefined> {
    const row = this.#prepare("select * from documents where id = ?").get(id) as DocumentRow | undefined;
    return row && toDocument(row);
  }

  async listDocuments(filter: SearchFilter, limit: number, offset = 0): Promise<StoredDocument[]> {
    const where = filterClause(filter, "d");
    const rows = this.#prepare(
      `select d.* from documents d where ${where.sql} order by d.stored_at desc, d.source limit ? offset ?`,
    ).all(...where.parameters, limit, offset) as DocumentRow[];
    return rows.map(toDocument);
  }

  async deleteDocuments(ids: string[]): Promise<number> {
    let deleted = 0;
    this.#database
      .transaction(() => {
        for (const id of ids) if (this.#deleteDocumentRows(id)) deleted++;
      })
      .immediate();
    return deleted;
  }

  async lexicalSearch(query: string, k: number, filter: SearchFilter): Promise<ChunkHit[]> {
    const terms = lexicalTerms(query);
    if (terms.length === 0) return [];
    const match = terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(" OR ");
    const where = filterClause(filter, "d");
    const rows = this.#prepare(
      `select c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position,
                -bm25(chunks_fts) score
         from chunks_fts join chunks c on c.id = chunks_fts.rowid join documents d on d.id = c.document_id
         where chunks_fts match ? and ${where.sql}
         order by bm25(chunks_fts) limit ?`,
    ).all(match, ...where.parameters, k) as HitRow[];
    return rows.map(toHit);
  }

  async vectorSearch(
    vector: Float32Array,
    embedder: EmbedderIdentity,
    k: number,
    filter: SearchFilter,
  ): Promise<ChunkHit[]> {
    const collections = this.#searchableCollections(embedder, filter.collection);
    if (collections.length === 0) return [];
    // The bit index is partitioned by collection only: with source or metadata filters, scan the matching
    // chunks exactly instead.
    if (filter.sourcePrefix !== undefined || filter.metadata !== undefined) {
      const scored = this.#filteredRows(collections, filter).map((row) => ({
        ...toHit(row),
        score: storedDot(vector, row.embedding, embedder.dimensions),
      }));
      scored.sort((left, right) => right.score - left.score);
      return scored.slice(0, k);
    }
    // Re-rank the candidates on their vectors alone, then read the k best chunks whole.
    const candidates = this.#bitCandidates(vector, embedder.dimensions, k, collections);
    const best = this.#rerank(vector, embedder.dimensions, candidates).slice(0, k);
    const rows = new Map(
      this.#rowsByIds(best.map((candidate) => candidate.id)).map((row) => [row.chunk_id, row]),
    );
    return best.flatMap((candidate) => {
      const row = rows.get(candidate.id);
      return row ? [{ ...toHit(row), score: candidate.score }] : [];
    });
  }

  /** The chunks `ids` by descending cosine to `vector`, from their stored vectors. */
  #rerank(vector: Float32Array, dimensions: number, ids: number[]): Array<{ id: number; score: number }> {
    if (ids.length === 0) return [];
    const rows = this.#prepare(
      "select id, embedding from chunks where id in (select value from json_each(?)) and embedding is not null",
    ).all(JSON.stringify(ids)) as Array<{ id: number; embedding: Buffer }>;
    const scored = rows.map((row) => ({ id: row.id, score: storedDot(vector, row.embedding, dimensions) }));
    scored.sort((left, right) => right.score - left.score);
    return scored;
  }

  #bitCandidates(vector: Float32Array, dimensions: number, k: number, collections: string[]): number[] {
    const candidates = Math.max(k * OVERSAMPLING, MIN_CANDIDATES);
    return this.#syncedBitIndex(dimensions).nearest(vector, candidates, new Set(collections));
  }

  #filteredRows(collections: string[], filter: SearchFilter): Array<HitRow & { embedding: Buffer }> {
    const where = filterClause({ ...filter, collection: undefined }, "d");
    const placeholders = collections.map(() => "?").join(", ");
    return this.#prepare(
      `select c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position, c.embedding
         from chunks c join documents d on d.id = c.document_id
         where c.embedding is not null and d.collection in (${placeholders}) and ${where.sql}`,
    ).all(...collections, ...where.parameters) as Array<HitRow & { embedding: Buffer }>;
  }

  #rowsByIds(ids: number[]): HitRow[] {
    if (ids.length === 0) return [];
    // One statement for any number of ids: the list travels as a JSON array.
    return this.#prepare(
      `select c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position
         from chunks c join documents d on d.id = c.document_id where c.id in (select value from json_each(?))`,
    ).all(JSON.stringify(ids)) as HitRow[];
  }

  #searchableCollections(embedder: EmbedderIdentity, only: string | undefined): string[] {
    const rows = this.#prepare("select name from collections where embedder_name = ? and dimensions = ?").all(
      embedder.name,
      embedder.dimensions,
    ) as Array<{ name: string }>;
    return rows.map((row) => row.name).filter((name) => only === undefined || name === only);
  }

  async getCollection(name: string): Promise<CollectionInfo | undefined> {
    const exists = this.#prepare("select 1 from collections where name = ?").get(name);
    if (!exists) return undefined;
    const counts = this.#prepare(
      `select count(distinct d.id) documents, count(c.id) chunks, sum(c.id is not null and c.embedding is null) missing
         from documents d left join chunks c on c.document_id = d.id where d.collection = ?`,
    ).get(name) as { documents: number; chunks: number; missing: number | null };
    return {
      name,
      embedder: this.#collectionEmbedder(name),
      documentCount: counts.documents,
      chunkCount: counts.chunks,
      chunksWithoutVector: counts.missing ?? 0,
    };
  }

  async resetCollectionEmbedder(name: string, embedder: EmbedderIdentity | undefined): Promise<void> {
    this.#database
      .transaction(() => {
        if (this.#prepare("delete from chunk_bits where collection = ?").run(name).changes > 0) {
          this.#bumpBitsGeneration();
        }
        this.#prepare(
          "update chunks set embedding = null where document_id in (select id from documents where collection = ?)",
        ).run(name);
        this.#prepare("insert or ignore into collections(name) values (?)").run(name);
        this.#prepare("update collections set embedder_name = ?, dimensions = ? where name = ?").run(
          embedder?.name ?? null,
          embedder?.dimensions ?? null,
          name,
        );
      })
      .immediate();
  }

  async chunksWithoutVector(collection: string, limit: number): Promise<ChunkForReindex[]> {
    const rows = this.#prepare(
      `select c.id, c.text from chunks c join documents d on d.id = c.document_id
         where d.collection = ? and c.embedding is null order by c.id limit ?`,
    ).all(collection, limit) as Array<{ id: number; text: string }>;
    return rows.map((row) => ({ chunkId: String(row.id), text: row.text }));
  }

  async putVectors(
    collection: string,
    embedder: EmbedderIdentity,
    chunkIds: string[],
    vectors: Float32Array[],
  ): Promise<void> {
    this.#database
      .transaction(() => {
        this.#claimCollection(collection, embedder);
        const update = this.#prepare("update chunks set embedding = ? where id = ?");
        const documentOf = this.#prepare("select document_id from chunks where id = ?").pluck();
        // Each touched document's bits row is rewritten whole: its earlier bits, then the new ones.
        const byDocument = new Map<string, Map<number, Float32Array>>();
        chunkIds.forEach((chunkId, index) => {
          const vector = vectors[index];
          const documentId = documentOf.get(Number(chunkId)) as string | undefined;
          if (!vector || documentId === undefined) return;
          update.run(storedVector(vector), Number(chunkId));
          const chunks = byDocument.get(documentId) ?? new Map<number, Float32Array>();
          byDocument.set(documentId, chunks);
          chunks.set(Number(chunkId), vector);
        });
        for (const [documentId, chunks] of byDocument)
          this.#rewriteBits(documentId, collection, embedder, chunks);
      })
      .immediate();
  }

  #rewriteBits(
    documentId: string,
    collection: string,
    embedder: EmbedderIdentity,
    vectors: Map<number, Float32Array>,
  ): void {
    const stride = bitStride(embedder.dimensions);
    const bitsById = new Map<number, Uint8Array>();
    const previous = this.#prepare("select chunk_ids, bits from chunk_bits where document_id = ?").get(
      documentId,
    ) as { chunk_ids: Buffer; bits: Buffer } | undefined;
    if (previous) {
      decodeIds(previous.chunk_ids).forEach((id, index) => {
        bitsById.set(id, previous.bits.subarray(index * stride, (index + 1) * stride));
      });
      this.#prepare("delete from chunk_bits where document_id = ?").run(documentId);
      this.#bumpBitsGeneration();
    }
    for (const [id, vector] of vectors) bitsById.set(id, signBits([vector], embedder.dimensions));
    const ids = [...bitsById.keys()].sort((left, right) => left - right);
    const bits = new Uint8Array(ids.length * stride);
    ids.forEach((id, index) => {
      bits.set(bitsById.get(id)!, index * stride);
    });
    this.#prepare(
      "insert into chunk_bits(document_id, collection, dimensions, chunk_ids, bits) values (?, ?, ?, ?, ?)",
    ).run(documentId, collection, embedder.dimensions, idsBlob(ids), bits);
  }

  async stats(): Promise<StoreStats> {
    const names = this.#prepare("select name from collections order by name").all() as Array<{
      name: string;
    }>;
    const collections: CollectionInfo[] = [];
    for (const { name } of names) {
      const info = await this.getCollection(name);
      if (info) collections.push(info);
    }
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
    return {
      location: `sqlite:${this.#path}`,
      collections,
      documentCount: collections.reduce((sum, collection) => sum + collection.documentCount, 0),
      chunkCount: collections.reduce((sum, collection) => sum + collection.chunkCount, 0),
      sizeBytes,
    };
  }

  async close(): Promise<void> {
    if (this.#database.open) this.#database.close();
  }

  /** The underlying connection, for the benchmark's baseline scan. */
  get database(): Database.Database {
    return this.#database;
  }
}

interface CachedBitIndex {
  index: BitIndex;
  /** `chunk_bits_state.generation` when the index was (re)built. */
  generation: number;
  /** The last `chunk_bits` row appended. */
  lastRowId: number;
}

function checkVectors(input: DocumentInput): void {
  if (input.vectors && input.vectors.length !== input.chunks.length) {
    throw new Error(
      `putDocuments: ${input.vectors.length} vectors for ${input.chunks.length} chunks of ${input.source}`,
    );
  }
}
