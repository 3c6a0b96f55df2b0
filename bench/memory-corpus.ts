/**
 * The memory bench's synthetic corpus: `size` chunks of 768-d vectors with 10 planted neighbours per query
 * (cosine 0.9 down to 0.45) and 12-word texts over a 5,000-word vocabulary, all from one seed, so every
 * store is filled with the same data. Built SQLite files are cached in the temp folder across runs
 * (`agente-bench-memory/`): building 1M chunks takes minutes on the shared machine.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { fuse, removeNearDuplicates, type SearchOptions } from "../src/memory/search.js";
import { loadSqliteVec } from "../src/memory/sqlite-connection.js";
import { SqliteStore } from "../src/memory/sqlite-store.js";
import type { ChunkHit, DocumentInput, EmbedderIdentity } from "../src/memory/types.js";

export const DIMENSIONS = 768;
export const QUERIES = 50;
export const K = 10;
export const CHUNKS_PER_DOCUMENT = 500;
export const embedder: EmbedderIdentity = { name: "bench:synthetic", dimensions: DIMENSIONS };
/** The hybrid search every store is measured with. */
export const SEARCH_OPTIONS: SearchOptions = {
  k: K,
  filter: {},
  mode: "hybrid",
  minSimilarity: 0,
  duplicateThreshold: 0.8,
};
/** Bump when the data or the way it is stored changes: older cached files are rebuilt. */
const CACHE_VERSION = 2;

/** xorshift32: fast, seeded, good enough to scatter vectors. */
export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

function unit(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum) || 1;
  for (let index = 0; index < vector.length; index++) vector[index] = (vector[index] ?? 0) / norm;
  return vector;
}

export function randomVector(next: () => number): Float32Array {
  const vector = new Float32Array(DIMENSIONS);
  // Sum of two uniforms: cheap, centred, near enough to Gaussian for random directions.
  for (let index = 0; index < DIMENSIONS; index++) vector[index] = next() + next() - 1;
  return unit(vector);
}

/** A vector at roughly cosine `similarity` from `center`. */
function neighbour(center: Float32Array, similarity: number, next: () => number): Float32Array {
  const noise = randomVector(next);
  const weight = Math.sqrt(1 - similarity * similarity) / similarity;
  const vector = new Float32Array(DIMENSIONS);
  for (let index = 0; index < DIMENSIONS; index++)
    vector[index] = (center[index] ?? 0) + weight * (noise[index] ?? 0);
  return unit(vector);
}

export const WORDS = Array.from({ length: 5000 }, (_, index) => `w${index.toString(36)}`);
export function chunkText(next: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(" ");
}

/** The lexical query of query `index`: three words of the vocabulary, each in ~0.24% of the chunks. */
export function queryText(index: number): string {
  return `${WORDS[index]} ${WORDS[index + 100]} ${WORDS[index + 200]}`;
}

/**
 * The ingest benchmark's documents (P6): `chunks` chunks, 20 of ~80 words per document, with precomputed
 * vectors (the embedder is excluded by design).
 */
export function ingestDocuments(chunks: number): DocumentInput[] {
  const next = random(7);
  const perDocument = 20;
  return Array.from({ length: chunks / perDocument }, (_, document) => ({
    collection: "default",
    source: `/ingest/${document}.md`,
    title: String(document),
    contentHash: String(document),
    modifiedAt: 0,
    metadata: { kind: "markdown" },
    chunks: Array.from({ length: perDocument }, (_, position) => ({ text: chunkText(next, 80), position })),
    vectors: Array.from({ length: perDocument }, () => randomVector(next)),
    embedder,
  }));
}

/** One document's worth of the corpus: chunk ids `start + 1 …`, in insertion order. */
export interface CorpusBatch {
  start: number;
  texts: string[];
  vectors: Float32Array[];
}

/** The document a batch is stored as in every store. */
export function batchDocument({ start, texts, vectors }: CorpusBatch): DocumentInput {
  return {
    collection: "default",
    source: `/bench/${start}`,
    title: `document ${start}`,
    contentHash: String(start),
    modifiedAt: 0,
    metadata: {},
    chunks: texts.map((text, offset) => ({ text, position: offset })),
    vectors,
    embedder,
  };
}

/** A vector hit of the exact scan: only its id and text matter to fusion and duplicate removal. */
export function exactHit(id: number, text: string): ChunkHit {
  return {
    chunkId: String(id),
    documentId: "",
    collection: "default",
    source: "",
    title: "",
    metadata: {},
    text,
    position: 0,
    score: 1,
  };
}

/**
 * The chunk ids of the top `K` the exhaustive fusion finds (the full lexical ranking and the exact vector
 * scan, near duplicates removed): what the store's hybrid search is compared with.
 */
export function exhaustiveTop(lexical: ChunkHit[], exactVector: ChunkHit[]): Set<string> {
  return new Set(
    removeNearDuplicates(fuse(lexical, exactVector), SEARCH_OPTIONS.duplicateThreshold)
      .slice(0, K)
      .map((passage) => passage.chunkId),
  );
}

export interface CorpusStream {
  queries: Float32Array[];
  batches: () => Generator<CorpusBatch>;
}

/** The corpus of `size` chunks, generated lazily (the same numbers on every call). */
export function corpus(size: number): CorpusStream {
  const next = random(42);
  const queries = Array.from({ length: QUERIES }, () => randomVector(next));
  const planted = new Map<number, { query: number; similarity: number }>();
  for (let query = 0; query < QUERIES; query++) {
    for (let rank = 0; rank < K; rank++) {
      let position = Math.floor(next() * size);
      while (planted.has(position)) position = (position + 1) % size;
      planted.set(position, { query, similarity: 0.9 - rank * 0.05 });
    }
  }
  return {
    queries,
    *batches() {
      const stream = random(42);
      // Skip what the queries and positions took, so each call yields the same chunks.
      const drawn = QUERIES * DIMENSIONS * 2 + QUERIES * K;
      for (let index = 0; index < drawn; index++) stream();
      for (let start = 0; start < size; start += CHUNKS_PER_DOCUMENT) {
        const count = Math.min(CHUNKS_PER_DOCUMENT, size - start);
        const vectors: Float32Array[] = [];
        for (let offset = 0; offset < count; offset++) {
          const plant = planted.get(start + offset);
          vectors.push(
            plant ? neighbour(queries[plant.query]!, plant.similarity, stream) : randomVector(stream),
          );
        }
        const texts = vectors.map(() => chunkText(stream, 12));
        yield { start, texts, vectors };
      }
    },
  };
}

export interface SqliteCorpus {
  path: string;
  queries: Float32Array[];
  /** Seconds the build took, when this run built it; undefined when it came from the cache. */
  buildSeconds: number | undefined;
  /** Bytes of the store's own tables and indexes (sqlite-vec's baseline table excluded). */
  sizeBytes: number;
}

/** The folder that keeps built corpora between runs (never inside the repository). */
export function cacheFolder(): string {
  return join(process.env.BENCH_MEMORY_CACHE ?? join(tmpdir(), "agente-bench-memory"));
}

/**
 * A SQLite store of the corpus with, beside the store's tables, sqlite-vec's float table `baseline` (the
 * exact scan: ground truth and baseline). Built once per size and version, then reused.
 */
export async function sqliteCorpus(size: number): Promise<SqliteCorpus> {
  const folder = join(cacheFolder(), `sqlite-${size}-v${CACHE_VERSION}`);
  const path = join(folder, "memory.db");
  const done = join(folder, "complete.json");
  const data = corpus(size);
  if (existsSync(done)) {
    const record = z.looseObject({ sizeBytes: z.number() }).parse(JSON.parse(readFileSync(done, "utf8")));
    return { path, queries: data.queries, buildSeconds: undefined, sizeBytes: record.sizeBytes };
  }
  return buildSqliteCorpus(size, folder, data);
}

async function buildSqliteCorpus(size: number, folder: string, data: CorpusStream): Promise<SqliteCorpus> {
  const path = join(folder, "memory.db");
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const started = performance.now();
  const store = new SqliteStore({ path });
  const database = store.database;
  loadSqliteVec(database);
  database.pragma("synchronous = OFF");
  database.exec(`create virtual table baseline using vec0(embedding float[${DIMENSIONS}])`);
  const insertBaseline = database.prepare("insert into baseline(rowid, embedding) values (?, ?)");
  for (const batch of data.batches()) {
    const { start, vectors } = batch;
    await store.putDocument(batchDocument(batch));
    database.transaction(() => {
      vectors.forEach((vector, offset) => {
        insertBaseline.run(BigInt(start + offset + 1), Buffer.from(vector.buffer));
      });
    })();
  }
  database.pragma("synchronous = NORMAL");
  database.pragma("wal_checkpoint(TRUNCATE)");
  const buildSeconds = (performance.now() - started) / 1000;
  const sizeBytes = Number(
    database.prepare("select sum(pgsize) from dbstat where name not like 'baseline%'").pluck().get(),
  );
  await store.close();
  writeFileSync(join(folder, "complete.json"), JSON.stringify({ size, buildSeconds, sizeBytes }));
  return { path, queries: data.queries, buildSeconds, sizeBytes };
}
