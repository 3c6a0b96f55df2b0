/**
 * The memory bench's PostgreSQL measurements, on the same corpus as SQLite (memory-corpus.ts), in a
 * throwaway cluster (src/testing/postgres.ts): load and index build times, disk size, pgvector's exact scan
 * (the ground truth here) and HNSW at several `ef_search`, the `tsvector` lexical search in the `simple`
 * (the store's), Spanish and English configurations, and the store's hybrid search with its overlap with
 * the exhaustive fusion (full ranking and exact scan).
 */
import pg from "pg";
import { PostgresStore } from "../src/memory/postgres-store.js";
import { hybridSearch } from "../src/memory/search.js";
import { postgresAvailable, startPostgres } from "../src/testing/postgres.js";
import {
  corpus,
  DIMENSIONS,
  embedder,
  exactHit,
  exhaustiveTop,
  K,
  queryText,
  SEARCH_OPTIONS,
} from "./memory-corpus.js";
import { loadPostgres } from "./memory-postgres-load.js";
import { percentile, sized } from "./table.js";
import { timedAsync } from "./timing.js";

/** PostgreSQL's exact scan is slow at scale: fewer queries than SQLite's 50. */
const QUERIES = sized(20, 5);
const EF_SEARCH = [40, 100, 200];
const CONFIGURATIONS = ["spanish", "english"];

export interface PostgresFigures {
  size: number;
  loadSeconds: number;
  /** The float HNSW index (pgvector's default m = 16, ef_construction = 64): built up to `FLOAT_HNSW_MAX`. */
  floatHnsw: { seconds: number; bytes: number } | undefined;
  bitHnswSeconds: number;
  bitHnswBytes: number;
  ginSeconds: Record<string, number>;
  tableBytes: number;
  ginBytes: number;
  exact: { p50: number; p95: number };
  hnsw: Array<{ efSearch: number; p50: number; p95: number; recall: number }>;
  /** Sign-bit HNSW, `candidates` re-ranked by exact cosine (ef_search = candidates). */
  bitHnsw: Array<{ candidates: number; p50: number; p95: number; recall: number }>;
  lexical: Array<{ configuration: string; p50: number; p95: number }>;
  /** The store's hybrid search; undefined where its float HNSW index was not built. */
  hybrid: { p50: number; p95: number; overlap: number; recall: number } | undefined;
}

/**
 * The float HNSW index is built and measured up to this many chunks (`BENCH_MEMORY_POSTGRES_FLOAT_HNSW_MAX`):
 * at 100k it took 394 s on the loaded machine, and the build grows faster than linearly.
 */
const FLOAT_HNSW_MAX = Number(process.env.BENCH_MEMORY_POSTGRES_FLOAT_HNSW_MAX ?? 100_000);
/** Sign-bit candidates re-ranked (`BENCH_MEMORY_POSTGRES_CANDIDATES`, comma-separated). */
const CANDIDATES = (process.env.BENCH_MEMORY_POSTGRES_CANDIDATES ?? "100,200,400,800")
  .split(",")
  .map((count) => Number.parseInt(count, 10))
  .filter((count) => count > 0);

/** Whether this machine can run the PostgreSQL part (server binaries and pgvector). */
export function canMeasurePostgres(): boolean {
  return postgresAvailable({ extensions: ["vector", "unaccent"] });
}

const literal = (vector: Float32Array) => `[${Array.from(vector).join(",")}]`;

const seconds = (started: number) => (performance.now() - started) / 1000;

const VECTOR = `vector(${DIMENSIONS})`;
const bits = (value: string) => `binary_quantize(${value}::${VECTOR})::bit(${DIMENSIONS})`;

/** Builds the store's float HNSW index and measures it (it stays, for the store's hybrid search). */
async function measureFloatHnsw(
  client: pg.Client,
  queries: Float32Array[],
  truth: number[][],
): Promise<{ build: { seconds: number; bytes: number }; hnsw: PostgresFigures["hnsw"] }> {
  const started = performance.now();
  await client.query(
    `create index agente_memory_chunks_hnsw_${DIMENSIONS} on agente_memory_chunks
     using hnsw ((embedding::${VECTOR}) vector_cosine_ops) where dimensions = ${DIMENSIONS}`,
  );
  const buildSeconds = seconds(started);
  const size = await client.query<{ bytes: string }>(
    `select pg_relation_size('agente_memory_chunks_hnsw_${DIMENSIONS}') bytes`,
  );
  const hnsw: PostgresFigures["hnsw"] = [];
  for (const efSearch of EF_SEARCH) {
    await client.query(`set hnsw.ef_search = ${efSearch}`);
    const times: number[] = [];
    let found = 0;
    for (const [index, query] of queries.entries()) {
      const result = await timedAsync(times, () =>
        client.query<{ id: string }>(
          `select id from agente_memory_chunks where dimensions = ${DIMENSIONS}
           order by embedding::${VECTOR} <=> $1::${VECTOR} limit $2`,
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
  return { build: { seconds: buildSeconds, bytes: Number(size.rows[0]?.bytes ?? 0) }, hnsw };
}

/** Sign-bit HNSW, then exact re-ranking, at several candidate counts (the store does not use it). */
async function measureBitHnsw(
  client: pg.Client,
  queries: Float32Array[],
  truth: number[][],
): Promise<PostgresFigures["bitHnsw"]> {
  const figures: PostgresFigures["bitHnsw"] = [];
  for (const candidates of CANDIDATES) {
    // ef_search stops at 1,000: beyond it, iterative scans bring the rest of the candidates.
    await client.query(`set hnsw.ef_search = ${Math.min(candidates, 1000)}`);
    await client.query("set hnsw.iterative_scan = relaxed_order");
    const times: number[] = [];
    let found = 0;
    for (const [index, query] of queries.entries()) {
      const result = await timedAsync(times, () =>
        client.query<{ id: string }>(
          `select id from (
             select id, embedding from agente_memory_chunks where dimensions = ${DIMENSIONS}
             order by ${bits("embedding")} <~> ${bits("$1")} limit $3
           ) candidates order by embedding::${VECTOR} <=> $1::${VECTOR} limit $2`,
          [literal(query), K, candidates],
        ),
      );
      const expected = new Set(truth[index]!.slice(0, K));
      for (const row of result.rows) if (expected.has(Number(row.id))) found++;
    }
    figures.push({
      candidates,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      recall: found / (queries.length * K),
    });
  }
  await client.query("reset hnsw.ef_search");
  await client.query("reset hnsw.iterative_scan");
  return figures;
}

export async function measurePostgres(size: number): Promise<PostgresFigures> {
  const server = await startPostgres({ extensions: ["vector", "unaccent"] });
  const client = new pg.Client({ connectionString: server.url });
  let store: PostgresStore | undefined;
  try {
    await client.connect();
    store = await PostgresStore.connect({ url: server.url });
    const data = corpus(size);
    const loaded = await loadPostgres(client, store, data);
    const ginSeconds: Record<string, number> = { simple: loaded.ginSeconds };
    for (const configuration of CONFIGURATIONS) {
      const ginStarted = performance.now();
      await client.query(
        `create index bench_chunks_${configuration} on agente_memory_chunks using gin (to_tsvector('${configuration}', text))`,
      );
      ginSeconds[configuration] = seconds(ginStarted);
    }
    await client.query("vacuum analyze agente_memory_chunks");
    const sizes = await client.query<{ table: string; bq: string; gin: string }>(
      `select pg_total_relation_size('agente_memory_chunks') "table",
              pg_relation_size('bench_bit_hnsw') bq,
              pg_relation_size('agente_memory_chunks_tsv') gin`,
    );
    const sizeRow = sizes.rows[0];

    const queries = data.queries.slice(0, QUERIES);
    const exactTimes: number[] = [];
    const truth: number[][] = [];
    for (const query of queries) {
      const ids = await timedAsync(exactTimes, async () => {
        await client.query("begin");
        await client.query("set local enable_indexscan = off");
        const result = await client.query<{ id: string }>(
          `select id from agente_memory_chunks where dimensions = ${DIMENSIONS}
           order by embedding::vector(${DIMENSIONS}) <=> $1::vector(${DIMENSIONS}) limit $2`,
          [literal(query), K * 2],
        );
        await client.query("commit");
        return result.rows.map((row) => Number(row.id));
      });
      truth.push(ids);
    }

    const float = size <= FLOAT_HNSW_MAX ? await measureFloatHnsw(client, queries, truth) : undefined;
    const bitHnsw = await measureBitHnsw(client, queries, truth);

    const lexical: PostgresFigures["lexical"] = [];
    const simpleTimes: number[] = [];
    for (const index of queries.keys())
      await timedAsync(simpleTimes, () => store!.lexicalSearch(queryText(index), K * 4, {}));
    lexical.push({
      configuration: "simple (the store's)",
      p50: percentile(simpleTimes, 50),
      p95: percentile(simpleTimes, 95),
    });
    for (const configuration of CONFIGURATIONS) {
      const times: number[] = [];
      for (const index of queries.keys()) {
        await timedAsync(times, () =>
          client.query(
            `select id, ts_rank_cd(to_tsvector('${configuration}', text), query) score
             from agente_memory_chunks, to_tsquery('${configuration}', $1) query
             where to_tsvector('${configuration}', text) @@ query order by score desc, id limit $2`,
            [queryText(index).split(" ").join(" | "), K * 4],
          ),
        );
      }
      lexical.push({ configuration, p50: percentile(times, 50), p95: percentile(times, 95) });
    }

    const hybridTimes: number[] = [];
    let shared = 0;
    let found = 0;
    // Without the store's float HNSW index (above FLOAT_HNSW_MAX) its vector search is an exact scan: not measured.
    for (const [index, query] of float ? queries.entries() : []) {
      const text = queryText(index);
      const passages = await timedAsync(hybridTimes, () =>
        hybridSearch(store!, text, { vector: query, embedder }, SEARCH_OPTIONS),
      );
      // The store's lexical list ranks every match already; the vector list is replaced by the exact scan.
      const exhaustiveLexical = await store.lexicalSearch(text, K * 4, {});
      const exactVector = truth[index]!.map((id) => exactHit(id, ""));
      const texts = await client.query<{ id: string; text: string }>(
        "select id, text from agente_memory_chunks where id = any($1::bigint[])",
        [truth[index]],
      );
      const byId = new Map(texts.rows.map((row) => [row.id, row.text]));
      for (const hit of exactVector) hit.text = byId.get(hit.chunkId) ?? "";
      const reference = exhaustiveTop(exhaustiveLexical, exactVector);
      for (const passage of passages) if (reference.has(passage.chunkId)) shared++;
      const vectorHits = await store.vectorSearch(query, embedder, K, {});
      const expected = new Set(truth[index]!.slice(0, K).map(String));
      for (const hit of vectorHits) if (expected.has(hit.chunkId)) found++;
    }
    return {
      size,
      loadSeconds: loaded.loadSeconds,
      floatHnsw: float?.build,
      bitHnswSeconds: loaded.bitHnswSeconds,
      bitHnswBytes: Number(sizeRow?.bq ?? 0),
      ginSeconds,
      tableBytes: Number(sizeRow?.table ?? 0),
      ginBytes: Number(sizeRow?.gin ?? 0),
      exact: { p50: percentile(exactTimes, 50), p95: percentile(exactTimes, 95) },
      hnsw: float?.hnsw ?? [],
      bitHnsw,
      lexical,
      hybrid: float && {
        p50: percentile(hybridTimes, 50),
        p95: percentile(hybridTimes, 95),
        overlap: shared / (queries.length * K),
        recall: found / (queries.length * K),
      },
    };
  } finally {
    await store?.close();
    await client.end().catch(() => undefined);
    await server.stop();
  }
}
