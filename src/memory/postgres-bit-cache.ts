/**
 * The in-process `BitIndex` of each dimension, a cache of `agente_memory_bits` that each replica (each
 * `PostgresStore`) keeps in step with the table: before each use, one query reads the state's generation
 * with the rows appended since the last one held; when the generation moved (a row was deleted or
 * rewritten, by any replica), the index reloads whole. Nothing lives only in memory. A replica holds
 * `bitStride(dimensions)` + 8 bytes per chunk: ~104 MB per million 768-d chunks.
 */
import type pg from "pg";
import { z } from "zod";
import { BitIndex, decodeIds } from "./bit-index.js";

/** Rows (documents) read per query: a reload at 1M chunks of 500-chunk documents reads ~9 MB per query. */
const PAGE_ROWS = 192;

const syncRowSchema = z.looseObject({
  generation: z.string(),
  id: z.string().nullable(),
  collection: z.string().nullable(),
  chunk_ids: z.instanceof(Buffer).nullable(),
  bits: z.instanceof(Buffer).nullable(),
});
const totalSchema = z.array(z.looseObject({ chunks: z.string() }));
const dimensionsSchema = z.array(z.looseObject({ dimensions: z.number() }));

interface CachedBitIndex {
  index: BitIndex;
  /** `agente_memory_state.generation` the index reflects. */
  generation: string;
  /** The last `agente_memory_bits` row appended. */
  lastRowId: string;
}

export class PostgresBitCache {
  readonly #pool: pg.Pool;
  readonly #indexes = new Map<number, CachedBitIndex>();
  /** The sync under way per dimension: syncs of one index run one after the other. */
  readonly #syncs = new Map<number, Promise<BitIndex>>();

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** The bit index of `dimensions`, brought up to date with the table (appended rows, or a reload). */
  synced(dimensions: number): Promise<BitIndex> {
    const previous = this.#syncs.get(dimensions);
    const next = (previous ?? Promise.resolve()).catch(() => undefined).then(() => this.#sync(dimensions));
    this.#syncs.set(dimensions, next);
    return next;
  }

  /**
   * Loads the index of every dimension in use (the store's preload; a search meanwhile waits for it), then
   * scans each once, so that the first search does not pay for the process's first scan.
   */
  async preload(): Promise<void> {
    const rows = await this.#pool.query(
      "select distinct dimensions from agente_memory_collections where dimensions is not null",
    );
    const indexes = await Promise.all(
      dimensionsSchema.parse(rows.rows).map((row) => this.synced(row.dimensions)),
    );
    for (const index of indexes) index.warm();
  }

  /** Vectors of `dimensions` in memory now, without reading the table (for tests and diagnostics). */
  loaded(dimensions: number): number {
    return this.#indexes.get(dimensions)?.index.size ?? 0;
  }

  async #sync(dimensions: number): Promise<BitIndex> {
    let cached = this.#indexes.get(dimensions);
    if (!cached) {
      cached = { index: new BitIndex(dimensions), generation: "", lastRowId: "0" };
      this.#indexes.set(dimensions, cached);
    }
    for (;;) {
      // The generation and the rows come from one statement, so from one snapshot.
      const result = await this.#pool.query(
        `select s.generation::text, b.id::text, b.collection, b.chunk_ids, b.bits
           from agente_memory_state s
           left join lateral (
             select id, collection, chunk_ids, bits from agente_memory_bits
             where dimensions = $1 and id > $2::bigint order by id limit $3
           ) b on true`,
        [dimensions, cached.lastRowId, PAGE_ROWS],
      );
      const rows = z.array(syncRowSchema).parse(result.rows);
      const generation = rows[0]?.generation ?? "";
      if (generation !== cached.generation) {
        await this.#reset(cached, dimensions, generation);
        continue;
      }
      let read = 0;
      for (const row of rows) {
        if (row.id === null || row.collection === null || !row.chunk_ids || !row.bits) continue;
        cached.index.append(row.collection, decodeIds(row.chunk_ids), row.bits);
        cached.lastRowId = row.id;
        read++;
      }
      if (read < PAGE_ROWS) return cached.index;
    }
  }

  /** Empties the index to reload it from the first row, with room for every vector of the table. */
  async #reset(cached: CachedBitIndex, dimensions: number, generation: string): Promise<void> {
    cached.index.clear();
    cached.generation = generation;
    cached.lastRowId = "0";
    const total = await this.#pool.query(
      "select (coalesce(sum(length(chunk_ids)), 0) / 8)::text chunks from agente_memory_bits where dimensions = $1",
      [dimensions],
    );
    cached.index.reserve(Number(totalSchema.parse(total.rows)[0]?.chunks ?? 0));
  }
}
