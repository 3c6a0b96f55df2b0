/**
 * The in-memory `BitIndex` of each dimension, a cache of `chunk_bits` kept in step with the table: before
 * each use it reads the rows appended since (by any process sharing the file), or reloads whole when the
 * table's generation moved (a row was deleted or rewritten). Nothing lives only in memory.
 */
import { z } from "zod";
import { BitIndex, decodeIds } from "./bit-index.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { blob, parseRow } from "./sqlite-rows.js";

const generationRowSchema = z.looseObject({ generation: z.number() });
const bitsRowSchema = z.looseObject({ id: z.number(), collection: z.string(), chunk_ids: blob, bits: blob });

interface CachedBitIndex {
  index: BitIndex;
  /** `chunk_bits_state.generation` when the index was (re)built. */
  generation: number;
  /** The last `chunk_bits` row appended. */
  lastRowId: number;
}

export class BitIndexCache {
  readonly #connection: SqliteConnection;
  /** Bit indexes by dimensions, with the `chunk_bits` state they reflect. */
  readonly #indexes = new Map<number, CachedBitIndex>();

  constructor(connection: SqliteConnection) {
    this.#connection = connection;
  }

  /** The bit index of `dimensions`, brought up to date with `chunk_bits` (appended rows, or a reload). */
  synced(dimensions: number): BitIndex {
    const connection = this.#connection;
    const sync = connection.database.transaction(() => {
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
      const rows = connection
        .prepare(
          "select id, collection, chunk_ids, bits from chunk_bits where dimensions = ? and id > ? order by id",
        )
        .iterate(dimensions, cached.lastRowId);
      for (const value of rows) {
        const row = parseRow(bitsRowSchema, value);
        cached.index.append(row.collection, decodeIds(row.chunk_ids), row.bits);
        cached.lastRowId = row.id;
      }
      return cached.index;
    });
    return sync();
  }
}
