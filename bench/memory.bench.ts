/**
 * Memory benchmarks (figures and their reading in docs/memory.md).
 * - P5 SQLite (memory-sqlite.ts): vector, BM25 and hybrid top-10 at 100k (and, with BENCH_MEMORY_FULL=1,
 *   1M) chunks of the cached synthetic corpus (memory-corpus.ts), against sqlite-vec's exact float scan (the
 *   same-run baseline and ground truth); the hybrid top 10's overlap with the exhaustive fusion; the first
 *   searches after opening.
 * - P5 PostgreSQL (memory-postgres.ts): the same corpus in a throwaway cluster: build, size, exact scan,
 *   HNSW, tsvector, hybrid.
 * - P6: ingest rate (chunks/s) through `SqliteStore.putDocument` with precomputed vectors (embedder excluded).
 * - Offline embedder throughput (passages/s).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { OfflineEmbedder } from "../src/embedders/offline-embedder.js";
import { SqliteStore } from "../src/memory/sqlite-store.js";
import { cacheFolder, chunkText, ingestDocuments, random } from "./memory-corpus.js";
import { canMeasurePostgres, measurePostgres, type PostgresFigures } from "./memory-postgres.js";
import { measurePostgresIngest, type PostgresIngest } from "./memory-postgres-ingest.js";
import { postgresTables } from "./memory-postgres-tables.js";
import { measureSqlite, PRELOAD_WAIT_MS, type SqliteFigures } from "./memory-sqlite.js";
import { type Bench, type BenchTable, smoke } from "./table.js";

const full = process.env.BENCH_MEMORY_FULL === "1";

/** Stores `chunks` chunks, `documentsPerTransaction` documents of 20 chunks per `putDocuments` call. */
async function measureP6(
  chunks: number,
  documentsPerTransaction: number,
): Promise<{ rate: number; seconds: number }> {
  const folder = mkdtempSync(join(tmpdir(), "agente-bench-ingest-"));
  try {
    const documents = ingestDocuments(chunks);
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
  const passages = Array.from({ length: smoke ? 4 : 64 }, () => chunkText(next, 60).replace(/w/g, "word "));
  const started = performance.now();
  await embedder.embed(passages, "document");
  const rate = passages.length / ((performance.now() - started) / 1000);
  await embedder.close();
  return { loadMs, rate, passages: passages.length };
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

function sqliteTable(rows: SqliteFigures[], load: string): BenchTable {
  return {
    title: "P5 SQLite store, top-10, 768-d: vector (sign-bit scan + int8 re-rank), BM25, hybrid",
    columns: [
      "chunks",
      "vector p50 ms",
      "vector p95 ms",
      "recall@10",
      "baseline float scan p50 ms",
      "BM25 p50 ms",
      "BM25 p95 ms",
      "BM25 join-first p50 ms",
      "hybrid p50 ms",
      "hybrid p95 ms",
      "hybrid overlap@10",
      "hybrid ÷ baseline",
      "first vector search ms",
      "first hybrid ms",
      "first hybrid, preloaded ms",
      "build s",
      "disk",
    ],
    rows: rows.map((row) => [
      row.size,
      row.vector.p50,
      row.vector.p95,
      row.vector.recall,
      row.baselineP50,
      row.lexical.p50,
      row.lexical.p95,
      row.joinFirstLexicalP50,
      row.hybrid.p50,
      row.hybrid.p95,
      row.hybrid.overlap,
      `${((100 * row.hybrid.p50) / row.baselineP50).toFixed(2)}%`,
      row.firstSearchMs,
      row.firstHybridMs,
      row.preloadedHybridMs,
      row.buildSeconds === undefined ? "cached" : row.buildSeconds,
      megabytes(row.sizeBytes),
    ]),
    notes: [
      "goals at 1M: hybrid p50 ≤ 25 ms, recall@10 ≥ 0.95, overlap@10 ≥ 0.95, first search after open ≤ 50 ms (as agente opens the store: the preloaded column; a search in the same instant as opening loads the index itself, see docs/memory.md)",
      "baseline: sqlite-vec exact float scan (also the vector ground truth); BM25 = the store's lexical search (top 40, ranked on the FTS index, then rows read); join-first = the query it replaced (every match joined to its rows, then sorted)",
      "hybrid ÷ baseline: the hybrid p50 as a share of the same run's float-scan p50, which a loaded machine inflates alike (25 ms is 2.5% of the 986 ms the scan takes at 1M on the idle machine)",
      "hybrid overlap@10: share of the hybrid top 10 found in the exhaustive fusion of full BM25 and the exact float scan; 50 queries of 3 words (each in ~0.24% of chunks) and a vector",
      "first vector search / first hybrid: right after opening the store (each in a new store), which loads the bit index",
      `first hybrid, preloaded: ${PRELOAD_WAIT_MS / 1000} s after opening with preloadIndex (as openStore does for the server, serve and the CLI): the index loads in the background meanwhile`,
      `row parsing (zod) of 40 hit rows: median ${rows.map((row) => `${row.rowParsingMicroseconds.toFixed(0)} µs`).join(", ")}`,
      'build: this run\'s ("cached": reused from ' +
        cacheFolder() +
        "); disk: the store's tables and indexes, without the baseline table",
      load,
      full || smoke
        ? ""
        : "1M chunks: run with BENCH_MEMORY_FULL=1 (builds a 4.2 GB file once, then reuses it)",
    ].filter((note) => note !== ""),
  };
}

/** `BENCH_MEMORY_POSTGRES_SIZES=100000,1000000`: the PostgreSQL sizes to measure instead of the run's. */
function postgresSizesFromEnvironment(): number[] | undefined {
  const value = process.env.BENCH_MEMORY_POSTGRES_SIZES?.trim();
  if (!value) return undefined;
  return value
    .split(",")
    .map((size) => Number.parseInt(size, 10))
    .filter((size) => size > 0);
}

export default (async () => {
  const sizes = smoke ? [2_000] : full ? [100_000, 1_000_000] : [100_000];
  const ingestChunks = smoke ? 1_000 : 20_000;
  const load = `1-minute load average when the run started: ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores (a shared machine inflates every figure; compare with the baseline of the same run)`;
  const p6Single = await measureP6(ingestChunks, 1);
  const p6 = await measureP6(ingestChunks, 32);
  const sqlite: SqliteFigures[] = [];
  for (const size of sizes) sqlite.push(await measureSqlite(size));
  const postgres: PostgresFigures[] = [];
  const postgresSizes = smoke ? [2_000] : (postgresSizesFromEnvironment() ?? sizes);
  const postgresIngest: PostgresIngest[] = [];
  if (canMeasurePostgres()) {
    for (const size of postgresSizes) postgres.push(await measurePostgres(size));
    for (const withFloatHnsw of [false, true])
      postgresIngest.push(await measurePostgresIngest(ingestChunks, 32, withFloatHnsw));
  }
  const offline = await measureOfflineEmbedder();
  const tables: BenchTable[] = [
    sqliteTable(sqlite, load),
    ...(postgres.length > 0
      ? postgresTables(postgres, load)
      : [
          {
            title: "P5 PostgreSQL store: not measured (no PostgreSQL 15 with pgvector here)",
            columns: [],
            rows: [],
          },
        ]),
    {
      title: "P6 ingest rate (SQLite store, precomputed 768-d vectors, embedder excluded)",
      columns: ["chunks", "documents per transaction", "seconds", "chunks/s"],
      rows: [
        [ingestChunks, 1, p6Single.seconds, Math.round(p6Single.rate)],
        [ingestChunks, 32, p6.seconds, Math.round(p6.rate)],
      ],
      notes: [
        "goal: ≥ 20k chunks/s; 20 chunks of ~80 words per document; ingest batches up to 32 documents per transaction",
      ],
    },
    ...(postgresIngest.length > 0
      ? [
          {
            title:
              "P6 ingest rate, PostgreSQL store (putDocuments, precomputed 768-d vectors, throwaway cluster)",
            columns: ["chunks", "documents per transaction", "index", "seconds", "chunks/s"],
            rows: postgresIngest.map((row) => [
              ingestChunks,
              row.documentsPerTransaction,
              row.withFloatHnsw ? "float HNSW added (the former design)" : "none (the store's)",
              row.seconds,
              Math.round(row.rate),
            ]),
            notes: [
              "the same documents as SQLite's P6; the store writes chunk rows, postings and one bits row per document",
            ],
          },
        ]
      : []),
    {
      title: "Offline embedder (Universal Sentence Encoder lite, 512-d, pure JS)",
      columns: ["load + first call ms", "passages", "passages/s"],
      rows: [[offline.loadMs, offline.passages, offline.rate]],
    },
  ];
  return tables;
}) satisfies Bench;
