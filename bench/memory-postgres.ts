/**
 * The memory bench's PostgreSQL measurements, on the same corpus as SQLite (memory-corpus.ts): load time
 * and disk size; pgvector's exact scan (the ground truth and the same-run baseline); the store's vector
 * search (in-process sign-bit scan, exact re-ranking in PostgreSQL), its first search after opening (which
 * loads the bit index), its BM25 search and its hybrid search with the hybrid top 10's overlap with the
 * exhaustive fusion (the store's BM25 ranks every match already; the vector list is the exact scan); and,
 * up to a size, the baselines it no longer uses (memory-postgres-baselines.ts).
 *
 * Loaded clusters are kept in the bench's cache folder (`postgres-<size>-v<version>/`) and reused by later
 * runs, as SQLite files are: a 1M load takes minutes. The smoke pass uses a throwaway cluster.
 */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { PostgresStore } from "../src/memory/postgres-store.js";
import { hybridSearch } from "../src/memory/search.js";
import { postgresAvailable, startPostgres } from "../src/testing/postgres.js";
import {
  cacheFolder,
  corpus,
  DIMENSIONS,
  embedder,
  exactHit,
  exhaustiveTop,
  K,
  queryText,
  SEARCH_OPTIONS,
} from "./memory-corpus.js";
import { type BaselineFigures, FLOAT_HNSW_MAX, measureBaselines } from "./memory-postgres-baselines.js";
import { loadPostgres, type PostgresLoad } from "./memory-postgres-load.js";
import { percentile, sized, smoke } from "./table.js";
import { timedAsync } from "./timing.js";

/** Queries measured (pgvector's exact scan, the ground truth, takes ~1 s each at 1M). */
export const POSTGRES_QUERIES = sized(50, 5);
/** Bump when the schema or the corpus changes: kept clusters of older versions are reloaded. */
const CACHE_VERSION = 1;

export interface PostgresFigures {
  size: number;
  /** This run's load; undefined when the cluster came from the cache. */
  load: PostgresLoad | undefined;
  bytes: { chunks: number; postings: number; bits: number; total: number };
  exact: { p50: number; p95: number };
  vector: { p50: number; p95: number; recall: number };
  /** The first vector search of a store just opened (without preload): it loads the whole bit index. */
  firstVectorMs: number;
  lexical: { p50: number; p95: number };
  hybrid: { p50: number; p95: number; overlap: number };
  baselines: BaselineFigures | undefined;
}

/** Whether this machine can run the PostgreSQL part (server binaries and pgvector). */
export function canMeasurePostgres(): boolean {
  return postgresAvailable({ extensions: ["vector", "unaccent"] });
}

const literal = (vector: Float32Array) => `[${Array.from(vector).join(",")}]`;

/** The ids of the `count` chunks nearest to `query` by pgvector's exact cosine scan, and its time. */
async function exactScan(
  client: pg.Client,
  query: Float32Array,
  count: number,
  times: number[],
): Promise<number[]> {
  const result = await timedAsync(times, () =>
    client.query(
      `select id::text from agente_memory_chunks where dimensions = ${DIMENSIONS}
       order by embedding::vector(${DIMENSIONS}) <=> $1::vector(${DIMENSIONS}), id limit $2`,
      [literal(query), count],
    ),
  );
  return result.rows.map((row) => Number(row.id));
}

async function sizes(client: pg.Client): Promise<PostgresFigures["bytes"]> {
  const result = await client.query(
    `select pg_total_relation_size('agente_memory_chunks')::text chunks,
            pg_total_relation_size('agente_memory_postings')::text postings,
            pg_total_relation_size('agente_memory_bits')::text bits,
            pg_database_size(current_database())::text total`,
  );
  const row = result.rows[0] ?? {};
  return {
    chunks: Number(row.chunks ?? 0),
    postings: Number(row.postings ?? 0),
    bits: Number(row.bits ?? 0),
    total: Number(row.total ?? 0),
  };
}

export async function measurePostgres(size: number): Promise<PostgresFigures> {
  const kept = smoke ? undefined : join(cacheFolder(), `postgres-${size}-v${CACHE_VERSION}`);
  const marker = kept && join(kept, "complete.json");
  const cached = marker !== undefined && existsSync(marker);
  if (kept && !cached) rmSync(kept, { recursive: true, force: true });
  const server = await startPostgres({ extensions: ["vector", "unaccent"], keptDir: kept });
  const client = new pg.Client({ connectionString: server.url });
  let store: PostgresStore | undefined;
  try {
    await client.connect();
    const data = corpus(size);
    let load: PostgresLoad | undefined;
    if (!cached) {
      const loader = await PostgresStore.connect({ url: server.url });
      try {
        load = await loadPostgres(client, loader, data, size);
      } finally {
        await loader.close();
      }
      if (marker) writeFileSync(marker, JSON.stringify({ size, ...load }));
    }
    const queries = data.queries.slice(0, POSTGRES_QUERIES);

    // The first search of a store just opened, before anything else warms this process.
    store = await PostgresStore.connect({ url: server.url });
    const first: number[] = [];
    await timedAsync(first, () => store!.vectorSearch(queries[0]!, embedder, K, {}));

    const exactTimes: number[] = [];
    const truth: number[][] = [];
    for (const query of queries) truth.push(await exactScan(client, query, K * 2, exactTimes));

    const vectorTimes: number[] = [];
    let found = 0;
    for (const [index, query] of queries.entries()) {
      const hits = await timedAsync(vectorTimes, () => store!.vectorSearch(query, embedder, K, {}));
      const expected = new Set(truth[index]!.slice(0, K).map(String));
      for (const hit of hits) if (expected.has(hit.chunkId)) found++;
    }

    const lexicalTimes: number[] = [];
    for (const index of queries.keys())
      await timedAsync(lexicalTimes, () => store!.lexicalSearch(queryText(index), K * 4, {}));

    const hybridTimes: number[] = [];
    let shared = 0;
    for (const [index, query] of queries.entries()) {
      const text = queryText(index);
      const passages = await timedAsync(hybridTimes, () =>
        hybridSearch(store!, text, { vector: query, embedder }, SEARCH_OPTIONS),
      );
      // The store's BM25 top 40 is the exhaustive ranking's; the vector list is replaced by the exact scan.
      const exhaustiveLexical = await store.lexicalSearch(text, K * 4, {});
      const texts = await client.query(
        "select id::text, text from agente_memory_chunks where id = any($1::bigint[])",
        [truth[index]],
      );
      const byId = new Map(texts.rows.map((row) => [String(row.id), String(row.text)]));
      const exactVector = truth[index]!.map((id) => exactHit(id, byId.get(String(id)) ?? ""));
      const reference = exhaustiveTop(exhaustiveLexical, exactVector);
      for (const passage of passages) if (reference.has(passage.chunkId)) shared++;
    }

    const baselines = size <= FLOAT_HNSW_MAX ? await measureBaselines(client, queries, truth) : undefined;
    return {
      size,
      load,
      bytes: await sizes(client),
      exact: { p50: percentile(exactTimes, 50), p95: percentile(exactTimes, 95) },
      vector: {
        p50: percentile(vectorTimes, 50),
        p95: percentile(vectorTimes, 95),
        recall: found / (queries.length * K),
      },
      firstVectorMs: first[0] ?? 0,
      lexical: { p50: percentile(lexicalTimes, 50), p95: percentile(lexicalTimes, 95) },
      hybrid: {
        p50: percentile(hybridTimes, 50),
        p95: percentile(hybridTimes, 95),
        overlap: shared / (queries.length * K),
      },
      baselines,
    };
  } finally {
    await store?.close();
    await client.end().catch(() => undefined);
    await server.stop();
  }
}
