/** The printed tables of the memory bench's PostgreSQL part (figures from memory-postgres.ts). */

import { POSTGRES_QUERIES, type PostgresFigures } from "./memory-postgres.js";
import { FLOAT_HNSW_MAX } from "./memory-postgres-baselines.js";
import type { BenchTable } from "./table.js";

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

export function postgresTables(rows: PostgresFigures[], load: string): BenchTable[] {
  const baselineRows = rows.filter((row) => row.baselines !== undefined);
  const efs = baselineRows[0]?.baselines?.hnsw.map((entry) => entry.efSearch) ?? [];
  const configurations = baselineRows[0]?.baselines?.tsvector.map((entry) => entry.configuration) ?? [];
  const tables: BenchTable[] = [
    {
      title:
        "P5 PostgreSQL store (pgvector 0.8, test cluster of src/testing), 768-d, same corpus: vector (in-process sign-bit scan + exact re-rank), BM25, hybrid",
      columns: [
        "chunks",
        "exact scan p50 ms",
        "exact p95 ms",
        "vector p50 ms",
        "vector p95 ms",
        "recall@10",
        "first vector search ms",
        "BM25 p50 ms",
        "BM25 p95 ms",
        "hybrid p50 ms",
        "hybrid p95 ms",
        "hybrid overlap@10",
        "hybrid ÷ exact scan",
      ],
      rows: rows.map((row) => [
        row.size,
        row.exact.p50,
        row.exact.p95,
        row.vector.p50,
        row.vector.p95,
        row.vector.recall,
        row.firstVectorMs,
        row.lexical.p50,
        row.lexical.p95,
        row.hybrid.p50,
        row.hybrid.p95,
        row.hybrid.overlap,
        `${((100 * row.hybrid.p50) / row.exact.p50).toFixed(2)}%`,
      ]),
      notes: [
        "goals at 1M: hybrid p50 ≤ 25 ms, recall@10 ≥ 0.95, overlap@10 ≥ 0.95",
        "exact scan: pgvector's cosine scan of every chunk (no index), the ground truth and the same-run baseline",
        "vector: the store's, the 40 nearest sign-bit codes by an in-process Hamming scan, re-ranked by exact cosine in one query by id",
        "first vector search: a store just opened, without preload: it loads the whole bit index from agente_memory_bits",
        "BM25: the store's lexical top 40, BM25 over the postings table (index-only scan), the exhaustive ranking",
        "hybrid overlap@10: share of the store's hybrid top 10 in the fusion of the same BM25 ranking and the exact scan",
        `${POSTGRES_QUERIES} queries of 3 words (each in ~0.24% of chunks) and a vector`,
        load,
      ],
    },
    {
      title: "P5 PostgreSQL store: load and size",
      columns: [
        "chunks",
        "load s (COPY)",
        "postings s",
        "indexes + vacuum s",
        "chunks table",
        "postings",
        "bits",
        "database",
      ],
      rows: rows.map((row) => [
        row.size,
        row.load?.loadSeconds ?? "cached",
        row.load?.postingsSeconds ?? "cached",
        row.load?.indexSeconds ?? "cached",
        megabytes(row.bytes.chunks),
        megabytes(row.bytes.postings),
        megabytes(row.bytes.bits),
        megabytes(row.bytes.total),
      ]),
      notes: [
        "load: documents by one insert, chunks by one binary COPY with the secondary indexes dropped, one bits row per document; postings made from the chunks' tsvector by one statement; indexes built once (maintenance_work_mem = 1GB, 2 parallel workers)",
        '"cached": the loaded cluster was reused from an earlier run (the bench\'s cache folder)',
        "shared_buffers = 32MB (the throwaway cluster's): the OS page cache holds the rest",
      ],
    },
  ];
  if (baselineRows.length > 0) {
    tables.push({
      title:
        "P5 PostgreSQL baselines the store no longer uses: pgvector float HNSW, ts_rank_cd over tsvector (GIN)",
      columns: [
        "chunks",
        "float HNSW build s",
        "float HNSW index",
        ...efs.flatMap((ef) => [`ef=${ef} p50 ms`, `ef=${ef} p95 ms`, `ef=${ef} recall`]),
        ...configurations.flatMap((name) => [
          `GIN ${name} build s`,
          `ts_rank_cd ${name} p50 ms`,
          `${name} p95 ms`,
        ]),
      ],
      rows: baselineRows.map((row) => {
        const baselines = row.baselines!;
        return [
          row.size,
          baselines.floatHnsw.seconds,
          megabytes(baselines.floatHnsw.bytes),
          ...baselines.hnsw.flatMap((entry) => [entry.p50, entry.p95, entry.recall]),
          ...baselines.tsvector.flatMap((entry) => [entry.buildSeconds, entry.p50, entry.p95]),
        ];
      }),
      notes: [
        `measured up to BENCH_MEMORY_POSTGRES_FLOAT_HNSW_MAX = ${FLOAT_HNSW_MAX} chunks (the float HNSW build takes hours at 1M); m = 16, ef_construction = 64`,
        "ts_rank_cd: top 40, 3 words OR-ed; simple = the store's former ranking (accent-folded tsvector), spanish/english on the raw text",
      ],
    });
  }
  return tables;
}
