/**
 * The in-memory `BitIndex` of each dimension, a cache of `chunk_bits` kept in step with the table: before
 * each use it reads the rows appended since (by any process sharing the file), or reloads whole when the
 * table's generation moved (a row was deleted or rewritten). Nothing lives only in memory.
 */
import { z } from "zod";
import { BitIndex, decodeIds } from "./bit-index.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { blob, parseRow, parseRows } from "./sqlite-rows.js";

const dimensionsRowSchema = z.looseObject({ dimensions: z.number() });
const generationRowSchema = z.looseObject({ generation: z.number() });
const bitsRowSchema = z.looseObject({ id: z.number(), collection: z.string(), chunk_ids: blob, bits: blob });

interface CachedBitIndex {
  index: BitIndex;
  /** `chunk_bits_state.generation` when the index was (re)built. */
  generation: number;
  /** The last `chunk_bits` row appended. */
  lastRowId: number;
}

/** Rows (documents) read per turn of the event loop by `preload`: ~25 ms of work for 500-chunk rows. */
const PRELOAD_ROWS = 64;

export class BitIndexCache {
  readonly #connection: SqliteConnection;
  /** Bit indexes by dimensions, with the `chunk_bits` state they reflect. */
  readonly #indexes = new Map<number, CachedBitIndex>();
  #preloading: NodeJS.Timeout | undefined;

  constructor(connection: SqliteConnection) {
    this.#connection = connection;
  }

  /** The bit index of `dimensions`, brought up to date with `chunk_bits` (appended rows, or a reload). */
  synced(dimensions: number): BitIndex {
    return this.#load(dimensions, -1).index;
  }

  /**
   * Starts loading the bit index of every dimension in use in the background, a few rows per turn of the
   * event loop, so that a first search that comes a moment after opening finds it loaded (a search that
   * comes sooner loads the rest itself), then scans each index once to warm it. The process does not wait for
   * it to exit.
   */
  preload(): void {
    const dimensions = parseRows(
      dimensionsRowSchema,
      // From the small collections table: a scan of chunk_bits would read a page per row (60 ms at 1M chunks).
      this.#connection
        .prepare("select distinct dimensions from collections where dimensions is not null")
        .all(),
    ).map((row) => row.dimensions);
    const step = () => {
      this.#preloading = undefined;
      let more = false;
      for (const size of dimensions) if (this.#load(size, PRELOAD_ROWS).more) more = true;
      if (more) this.#preloading = setTimeout(step, 0).unref();
      // Loaded: one scan now, so that the first search does not pay for the first scan of the process.
      else for (const size of dimensions) this.#indexes.get(size)?.index.warm();
    };
    // A timer, not an immediate: an unref'd immediate runs only when something else wakes the event loop, while
    // an unref'd timer wakes it (and still lets the process exit).
    if (dimensions.length > 0) this.#preloading = setTimeout(step, 0).unref();
  }

  /** Vectors of `dimensions` in memory now, without reading the table (for tests and diagnostics). */
  loaded(dimensions: number): number {
    return this.#indexes.get(dimensions)?.index.size ?? 0;
  }

  /** Stops a preload under way (the store is closing). */
  stop(): void {
    if (this.#preloading !== undefined) clearTimeout(this.#preloading);
    this.#preloading = undefined;
  }

  /** Appends up to `limit` rows (-1: all) not in the index yet; `more` when rows remain. */
  #load(dimensions: number, limit: number): { index: BitIndex; more: boolean } {
    const connection = this.#connection;
    const load = connection.database.transaction(() => {
      const { generation } = parseRow(
        generationRowSchema,
        connection.prepare("select generation from chunk_bits_state").get(),
      );
      let cached = this.#indexes.get(dimensions);
      if (!cached) {
        cached = { index: new BitIndex(dimensions), generation, lastRowId: 0 };
        this.#indexes.set(dimensions, cached);
      } else if (cached.generation !== generation) {
        cached.index.clear();
        cached.generation = generation;
        cached.lastRowId = 0;
      }
      if (cached.lastRowId === 0) {
        // One allocation for the whole index instead of doubling: sizes come from the blobs' lengths.
        const chunks = parseRow(
          z.number(),
          connection
            .prepare("select coalesce(sum(length(chunk_ids)), 0) / 8 from chunk_bits where dimensions = ?")
            .pluck()
            .get(dimensions),
        );
        cached.index.reserve(chunks);
      }
      const rows = connection
        .prepare(
          "select id, collection, chunk_ids, bits from chunk_bits where dimensions = ? and id > ? order by id limit ?",
        )
        .iterate(dimensions, cached.lastRowId, limit);
      let read = 0;
      for (const value of rows) {
        const row = parseRow(bitsRowSchema, value);
        cached.index.append(row.collection, decodeIds(row.chunk_ids), row.bits);
        cached.lastRowId = row.id;
        read++;
      }
      return { index: cached.index, more: limit >= 0 && read === limit };
    });
    return load();
  }
}
