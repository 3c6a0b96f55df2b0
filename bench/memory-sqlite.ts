/**
 * The memory bench's SQLite measurements on a cached corpus (memory-corpus.ts): vector top-10 against
 * sqlite-vec's exact float scan (baseline and ground truth), BM25 by the store's method and by the
 * join-first query it replaced, hybrid search and how much of its top 10 the exhaustive fusion (full BM25
 * and the exact vector scan) shares, the first search after opening, and the cost of parsing rows.
 */

import { hybridSearch } from "../src/memory/search.js";
import { loadSqliteVec } from "../src/memory/sqlite-connection.js";
import { ftsMatch } from "../src/memory/sqlite-lexical.js";
import { filterClause, HIT_COLUMNS, hitRowSchema, parseRows, toHit } from "../src/memory/sqlite-rows.js";
import { SqliteStore } from "../src/memory/sqlite-store.js";
import {
  embedder,
  exactHit,
  exhaustiveTop,
  K,
  queryText,
  SEARCH_OPTIONS,
  sqliteCorpus,
} from "./memory-corpus.js";
import { percentile } from "./table.js";
import { timed, timedAsync } from "./timing.js";

/** The hybrid search's list depths (search.ts): 4·k lexical, 2·k vector. */
const LEXICAL_DEPTH = K * 4;
const VECTOR_DEPTH = K * 2;

/** How long after opening the preloaded store is first searched (a person typing the first question). */
export const PRELOAD_WAIT_MS = 2000;

export interface SqliteFigures {
  size: number;
  vector: { p50: number; p95: number; recall: number };
  baselineP50: number;
  lexical: { p50: number; p95: number };
  joinFirstLexicalP50: number;
  hybrid: { p50: number; p95: number; overlap: number };
  firstSearchMs: number;
  firstHybridMs: number;
  /** The first hybrid search `PRELOAD_WAIT_MS` after opening with the background preload. */
  preloadedHybridMs: number;
  rowParsingMicroseconds: number;
  buildSeconds: number | undefined;
  sizeBytes: number;
}

const median = (times: number[]) => percentile(times, 50);

export async function measureSqlite(size: number): Promise<SqliteFigures> {
  const corpus = await sqliteCorpus(size);
  const { queries } = corpus;

  // The first searches after opening, before anything else warms the process's caches.
  let store = new SqliteStore({ path: corpus.path });
  const first: number[] = [];
  await timedAsync(first, () => store.vectorSearch(queries[0]!, embedder, K, {}));
  await store.close();
  store = new SqliteStore({ path: corpus.path });
  await timedAsync(first, () =>
    hybridSearch(store, queryText(1), { vector: queries[1]!, embedder }, SEARCH_OPTIONS),
  );

  await store.close();
  // As the memory server opens it: the bit index loads in the background while the first question is typed.
  store = new SqliteStore({ path: corpus.path, preloadIndex: true });
  await new Promise((resolve) => setTimeout(resolve, PRELOAD_WAIT_MS));
  await timedAsync(first, () =>
    hybridSearch(store, queryText(2), { vector: queries[2]!, embedder }, SEARCH_OPTIONS),
  );

  const database = store.database;
  loadSqliteVec(database);
  const baseline = database.prepare("select rowid id from baseline where embedding match ? and k = ?");
  const textsOf = database.prepare(
    "select id, text from chunks where id in (select value from json_each(?))",
  );
  const joinFirst = database.prepare(
    `select ${HIT_COLUMNS}, -bm25(chunks_fts) score
       from chunks_fts join chunks c on c.id = chunks_fts.rowid join documents d on d.id = c.document_id
       where chunks_fts match ? and ${filterClause({}, "d").sql} order by bm25(chunks_fts), c.id limit ?`,
  );

  const baselineTimes: number[] = [];
  const vectorTimes: number[] = [];
  const lexicalTimes: number[] = [];
  const joinFirstTimes: number[] = [];
  const hybridTimes: number[] = [];
  const parseTimes: number[] = [];
  let found = 0;
  let shared = 0;
  for (const [index, query] of queries.entries()) {
    const text = queryText(index);
    const exactIds = timed(baselineTimes, () =>
      (baseline.all(Buffer.from(query.buffer), VECTOR_DEPTH) as Array<{ id: number }>).map((row) => row.id),
    );
    const truth = new Set(exactIds.slice(0, K).map(String));
    const hits = await timedAsync(vectorTimes, () => store.vectorSearch(query, embedder, K, {}));
    for (const hit of hits) if (truth.has(hit.chunkId)) found++;
    await timedAsync(lexicalTimes, () => store.lexicalSearch(text, LEXICAL_DEPTH, {}));
    const fullRows = timed(joinFirstTimes, () => joinFirst.all(ftsMatch(text), LEXICAL_DEPTH));
    const exhaustiveLexical = timed(parseTimes, () => parseRows(hitRowSchema, fullRows)).map(toHit);
    const passages = await timedAsync(hybridTimes, () =>
      hybridSearch(store, text, { vector: query, embedder }, SEARCH_OPTIONS),
    );
    // The exhaustive fusion: full BM25 (join-first, every match scored) and the exact float scan.
    const texts = new Map(
      (textsOf.all(JSON.stringify(exactIds)) as Array<{ id: number; text: string }>).map((row) => [
        row.id,
        row.text,
      ]),
    );
    const exactVector = exactIds.map((id) => exactHit(id, texts.get(id) ?? ""));
    const reference = exhaustiveTop(exhaustiveLexical, exactVector);
    for (const passage of passages) if (reference.has(passage.chunkId)) shared++;
  }
  await store.close();
  return {
    size,
    vector: {
      p50: median(vectorTimes),
      p95: percentile(vectorTimes, 95),
      recall: found / (queries.length * K),
    },
    baselineP50: median(baselineTimes),
    lexical: { p50: median(lexicalTimes), p95: percentile(lexicalTimes, 95) },
    joinFirstLexicalP50: median(joinFirstTimes),
    hybrid: {
      p50: median(hybridTimes),
      p95: percentile(hybridTimes, 95),
      overlap: shared / (queries.length * K),
    },
    firstSearchMs: first[0]!,
    firstHybridMs: first[1]!,
    preloadedHybridMs: first[2]!,
    rowParsingMicroseconds: median(parseTimes) * 1000,
    buildSeconds: corpus.buildSeconds,
    sizeBytes: corpus.sizeBytes,
  };
}
