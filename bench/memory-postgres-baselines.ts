/**
 * Baselines the PostgreSQL store no longer uses, measured beside it on the same data up to
 * `BENCH_MEMORY_POSTGRES_FLOAT_HNSW_MAX` chunks (default 100,000; the float HNSW build grows faster than
 * linearly: 394 s at 100k on a loaded machine, hours at 1M): pgvector's float HNSW index at several
 * `ef_search`, and `ts_rank_cd` over GIN-indexed `tsvector`s (the store's former `simple` ranking, and the
 * Spanish and English configurations). Each index is dropped after, so a kept cluster stays as loaded.
 */
import type pg from "pg";
import { DIMENSIONS, K, queryText } from "./memory-corpus.js";
import { percentile } from "./table.js";
import { timedAsync } from "./timing.js";

const EF_SEARCH = [40, 100, 200];
const CONFIGURATIONS = ["simple", "spanish", "english"];
const VECTOR = `vector(${DIMENSIONS})`;

export const FLOAT_HNSW_MAX = Number(process.env.BENCH_MEMORY_POSTGRES_FLOAT_HNSW_MAX ?? 100_000);

export interface BaselineFigures {
  /** pgvector's default m = 16, ef_construction = 64. */
  floatHnsw: { seconds: number; bytes: number };
  hnsw: Array<{ efSearch: number; p50: number; p95: number; recall: number }>;
  tsvector: Array<{ configuration: string; buildSeconds: number; p50: number; p95: number }>;
}

const seconds = (started: number) => (performance.now() - started) / 1000;
const literal = (vector: Float32Array) => `[${Array.from(vector).join(",")}]`;

export async function measureBaselines(
  client: pg.Client,
  queries: Float32Array[],
  truth: number[][],
): Promise<BaselineFigures> {
  await client.query("set maintenance_work_mem = '1GB'");
  await client.query("set max_parallel_maintenance_workers = 2");
  const started = performance.now();
  await client.query(
    `create index bench_float_hnsw on agente_memory_chunks using hnsw ((embedding::${VECTOR}) vector_cosine_ops)`,
  );
  const floatHnsw = { seconds: seconds(started), bytes: 0 };
  const size = await client.query("select pg_relation_size('bench_float_hnsw')::text bytes");
  floatHnsw.bytes = Number(size.rows[0]?.bytes ?? 0);
  const hnsw: BaselineFigures["hnsw"] = [];
  for (const efSearch of EF_SEARCH) {
    await client.query(`set hnsw.ef_search = ${efSearch}`);
    const times: number[] = [];
    let found = 0;
    for (const [index, query] of queries.entries()) {
      const result = await timedAsync(times, () =>
        client.query(
          `select id::text from agente_memory_chunks order by embedding::${VECTOR} <=> $1::${VECTOR} limit $2`,
          [literal(query), K],
        ),
      );
      const expected = new Set(truth[index]!.slice(0, K));
      for (const row of result.rows) if (expected.has(Number(row.id))) found++;
    }
    hnsw.push({
      efSearch,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      recall: found / (queries.length * K),
    });
  }
  await client.query("reset hnsw.ef_search");
  await client.query("drop index bench_float_hnsw");

  const tsvector: BaselineFigures["tsvector"] = [];
  for (const configuration of CONFIGURATIONS) {
    // The store's former index: its `simple` tsvector folds accents; the others index the raw text.
    const document = configuration === "simple" ? "tsv" : `to_tsvector('${configuration}', text)`;
    const buildStarted = performance.now();
    await client.query(`create index bench_gin on agente_memory_chunks using gin ((${document}))`);
    const buildSeconds = seconds(buildStarted);
    const times: number[] = [];
    for (const index of queries.keys()) {
      await timedAsync(times, () =>
        client.query(
          `select id, ts_rank_cd(${document}, query) score
           from agente_memory_chunks, to_tsquery('${configuration}', $1) query
           where ${document} @@ query order by score desc, id limit $2`,
          [queryText(index).split(" ").join(" | "), K * 4],
        ),
      );
    }
    await client.query("drop index bench_gin");
    tsvector.push({ configuration, buildSeconds, p50: percentile(times, 50), p95: percentile(times, 95) });
  }
  return { floatHnsw, hnsw, tsvector };
}
