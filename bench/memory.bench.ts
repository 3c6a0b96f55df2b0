/**
 * Memory benchmarks.
 * - P5: top-10 vector search latency (p50) and recall@10 at 100k (and, with BENCH_MEMORY_FULL=1, 1M) chunks of
 *   768-d synthetic vectors with planted neighbours; exact ground truth and baseline from sqlite-vec's float
 *   brute-force scan on the same vectors.
 * - P6: ingest rate (chunks/s) through `SqliteStore.putDocument` with precomputed vectors (embedder excluded).
 * - Offline embedder throughput (passages/s).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { OfflineEmbedder } from "../src/embedders/offline-embedder.js";
import { hybridSearch } from "../src/memory/search.js";
import { SqliteStore } from "../src/memory/sqlite-store.js";
import type { DocumentInput, EmbedderIdentity } from "../src/memory/types.js";
import { type Bench, type BenchTable, percentile } from "./table.js";

const DIMENSIONS = 768;
const QUERIES = 50;
const K = 10;
const CHUNKS_PER_DOCUMENT = 500;
const embedder: EmbedderIdentity = { name: "bench:synthetic", dimensions: DIMENSIONS };

/** xorshift32: fast, seeded, good enough to scatter vectors. */
function random(seed: number): () => number {
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

function randomVector(next: () => number): Float32Array {
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

const WORDS = Array.from({ length: 5000 }, (_, index) => `w${index.toString(36)}`);
function chunkText(next: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(" ");
}

interface Corpus {
  store: SqliteStore;
  queries: Float32Array[];
  buildSeconds: number;
}

/** Fills a store with `size` chunks; 10 neighbours of each query are planted at random positions (cosine 0.45–0.9). */
async function buildCorpus(path: string, size: number): Promise<Corpus> {
  const started = performance.now();
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
  const store = new SqliteStore({ path });
  const database = store.database;
  database.pragma("synchronous = OFF");
  database.exec(`create virtual table baseline using vec0(embedding float[${DIMENSIONS}])`);
  const insertBaseline = database.prepare("insert into baseline(rowid, embedding) values (?, ?)");
  for (let start = 0; start < size; start += CHUNKS_PER_DOCUMENT) {
    const count = Math.min(CHUNKS_PER_DOCUMENT, size - start);
    const vectors: Float32Array[] = [];
    for (let offset = 0; offset < count; offset++) {
      const plant = planted.get(start + offset);
      vectors.push(plant ? neighbour(queries[plant.query]!, plant.similarity, next) : randomVector(next));
    }
    await store.putDocument({
      collection: "default",
      source: `/bench/${start}`,
      title: `document ${start}`,
      contentHash: String(start),
      modifiedAt: 0,
      metadata: {},
      chunks: vectors.map((_, offset) => ({ text: chunkText(next, 12), position: offset })),
      vectors,
      embedder,
    });
    database.transaction(() => {
      vectors.forEach((vector, offset) => {
        insertBaseline.run(BigInt(start + offset + 1), Buffer.from(vector.buffer));
      });
    })();
  }
  database.pragma("synchronous = NORMAL");
  return { store, queries, buildSeconds: (performance.now() - started) / 1000 };
}

interface P5Row {
  size: number;
  storeP50: number;
  storeP95: number;
  recall: number;
  baselineP50: number;
  hybridP50: number;
  lexicalP50: number;
  buildSeconds: number;
  firstSearchMs: number;
}

async function measureP5(size: number): Promise<P5Row> {
  const folder = mkdtempSync(join(tmpdir(), "agente-bench-memory-"));
  try {
    const { store, queries, buildSeconds } = await buildCorpus(join(folder, "memory.db"), size);
    // Chunk ids are assigned in insertion order (1…N) in both tables, so ids compare directly.
    const baseline = store.database.prepare("select rowid from baseline where embedding match ? and k = ?");
    const baselineTimes: number[] = [];
    const truth: Array<Set<string>> = [];
    for (const query of queries) {
      const started = performance.now();
      const rows = baseline.all(Buffer.from(query.buffer), K) as Array<{ rowid: number }>;
      baselineTimes.push(performance.now() - started);
      truth.push(new Set(rows.map((row) => String(row.rowid))));
    }
    // The first search loads the bit index into memory (as after every open): timed apart.
    const firstStarted = performance.now();
    await store.vectorSearch(queries[0]!, embedder, K, {});
    const firstSearchMs = performance.now() - firstStarted;
    const times: number[] = [];
    let found = 0;
    for (const [index, query] of queries.entries()) {
      const started = performance.now();
      const hits = await store.vectorSearch(query, embedder, K, {});
      times.push(performance.now() - started);
      for (const hit of hits) if (truth[index]?.has(hit.chunkId)) found++;
    }
    const hybridTimes: number[] = [];
    for (const query of queries.slice(0, 20)) {
      const started = performance.now();
      await hybridSearch(
        store,
        "w1 w2a w3f",
        { vector: query, embedder },
        {
          k: K,
          filter: {},
          mode: "hybrid",
          minSimilarity: 0,
          duplicateThreshold: 0.8,
        },
      );
      hybridTimes.push(performance.now() - started);
    }
    const lexicalTimes: number[] = [];
    for (const [index] of queries.slice(0, 20).entries()) {
      const started = performance.now();
      await store.lexicalSearch(`${WORDS[index]} ${WORDS[index + 100]} ${WORDS[index + 200]}`, K * 4, {});
      lexicalTimes.push(performance.now() - started);
    }
    await store.close();
    return {
      size,
      lexicalP50: percentile(lexicalTimes, 50),
      storeP50: percentile(times, 50),
      storeP95: percentile(times, 95),
      recall: found / (queries.length * K),
      baselineP50: percentile(baselineTimes, 50),
      hybridP50: percentile(hybridTimes, 50),
      buildSeconds,
      firstSearchMs,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Stores `chunks` chunks, `documentsPerTransaction` documents of 20 chunks per `putDocuments` call. */
async function measureP6(
  chunks: number,
  documentsPerTransaction: number,
): Promise<{ rate: number; seconds: number }> {
  const folder = mkdtempSync(join(tmpdir(), "agente-bench-ingest-"));
  try {
    const next = random(7);
    // Vectors and texts are made before the clock starts: the embedder is excluded by design.
    const perDocument = 20;
    const documents: DocumentInput[] = Array.from({ length: chunks / perDocument }, (_, document) => ({
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
    const store = new SqliteStore({ path: join(folder, "memory.db") });
    const started = performance.now();
    for (let start = 0; start < documents.length; start += documentsPerTransaction) {
      await store.putDocuments(documents.slice(start, start + documentsPerTransaction));
    }
    const seconds = (performance.now() - started) / 1000;
    await store.close();
    return { rate: chunks / seconds, seconds };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function measureOfflineEmbedder(): Promise<{ loadMs: number; rate: number; passages: number }> {
  const embedder = new OfflineEmbedder();
  const loadStarted = performance.now();
  await embedder.embed(["warm up"], "document");
  const loadMs = performance.now() - loadStarted;
  const next = random(3);
  const passages = Array.from({ length: 64 }, () => chunkText(next, 60).replace(/w/g, "word "));
  const started = performance.now();
  await embedder.embed(passages, "document");
  const rate = passages.length / ((performance.now() - started) / 1000);
  await embedder.close();
  return { loadMs, rate, passages: passages.length };
}

export default (async () => {
  const sizes = process.env.BENCH_MEMORY_FULL === "1" ? [100_000, 1_000_000] : [100_000];
  const load = loadavg()[0] ?? 0;
  const p6Single = await measureP6(20_000, 1);
  const p6 = await measureP6(20_000, 32);
  const p5: P5Row[] = [];
  for (const size of sizes) p5.push(await measureP5(size));
  const offline = await measureOfflineEmbedder();
  const tables: BenchTable[] = [
    {
      title: "P5 vector search, top-10, 768-d (SQLite store: in-memory sign-bit scan + int8 re-rank)",
      columns: [
        "chunks",
        "p50 ms",
        "p95 ms",
        "recall@10",
        "baseline float scan p50 ms",
        "speed-up",
        "BM25 p50 ms",
        "hybrid p50 ms",
        "first search ms",
        "build s",
      ],
      rows: p5.map((row) => [
        row.size,
        row.storeP50,
        row.storeP95,
        row.recall,
        row.baselineP50,
        `${(row.baselineP50 / row.storeP50).toFixed(1)}x`,
        row.lexicalP50,
        row.hybridP50,
        row.firstSearchMs,
        row.buildSeconds,
      ]),
      notes: [
        "goal: p50 ≤ 10 ms at 100k and ≤ 50 ms at 1M with recall@10 ≥ 0.95; baseline: sqlite-vec float brute force (exact, also the ground truth)",
        "hybrid = BM25 (FTS5) + vector lists fused by RRF, 3-word query",
        "first search: the first vector search after opening the store, which loads the bit index from chunk_bits",
        `1-minute load average when the run started: ${load.toFixed(1)} on ${cpus().length} cores (a shared machine inflates every figure alike)`,
        sizes.length === 1
          ? "1M chunks: run with BENCH_MEMORY_FULL=1 (builds ~6 GB of vectors, several minutes)"
          : "",
      ].filter((note) => note !== ""),
    },
    {
      title: "P6 ingest rate (SQLite store, precomputed 768-d vectors, embedder excluded)",
      columns: ["chunks", "documents per transaction", "seconds", "chunks/s"],
      rows: [
        [20_000, 1, p6Single.seconds, Math.round(p6Single.rate)],
        [20_000, 32, p6.seconds, Math.round(p6.rate)],
      ],
      notes: [
        "goal: ≥ 20k chunks/s; 20 chunks of ~80 words per document; ingest batches up to 32 documents per transaction",
      ],
    },
    {
      title: "Offline embedder (Universal Sentence Encoder lite, 512-d, pure JS)",
      columns: ["load + first call ms", "passages", "passages/s"],
      rows: [[offline.loadMs, offline.passages, offline.rate]],
    },
  ];
  return tables;
}) satisfies Bench;
