/**
 * The SQLite store's own lexical index: for each term, its postings (chunk id, term frequency, chunk
 * length) in blocks of up to `BLOCK` postings, ordered by chunk id, in `lexical_blocks`; the number of
 * chunks and of tokens in `lexical_stats`. BM25 over it reads a few rows per query term instead of FTS5's
 * position lists (sqlite-lexical-rank.ts; figures in docs/memory.md).
 *
 * It is written in the same transaction as the chunks: a transaction stages the chunks it adds and removes
 * in a `LexicalChanges` and flushes it before committing, so removals and additions of the same batch cost
 * one read and one write per term and block touched.
 */
import { z } from "zod";
import { termFrequencies } from "./lexical-tokens.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { blob, parseOptionalRow, parseRows } from "./sqlite-rows.js";

/** Postings per block: 1 KiB rows, so appending to a term's last block rewrites little. */
export const BLOCK = 128;
/** Chunks read per step while building the index of an older file. */
const BUILD_BATCH = 20_000;

const blockRowSchema = z.looseObject({ first_chunk: z.number(), postings: blob });
const chunkTextSchema = z.looseObject({ id: z.number(), text: z.string() });

/** The index's tables (schema 5), created if missing. Additive: older agente versions ignore them. */
export const LEXICAL_TABLES = `
  create table if not exists lexical_blocks (
    term text not null,
    first_chunk integer not null,
    postings blob not null,
    primary key (term, first_chunk)
  ) without rowid;
  create table if not exists lexical_stats (chunks integer not null, tokens integer not null);
`;

/** A posting's second word: term frequency in the high half, chunk length in the low half (each capped). */
export function packPosting(frequency: number, length: number): number {
  return Math.min(frequency, 0xffff) * 0x10000 + Math.min(length, 0xffff);
}

/** The postings of a block as [chunk id, packed, …] (a copy: the blob's bytes need not be aligned). */
export function decodePostings(bytes: Buffer): Uint32Array {
  const words = new Uint32Array(bytes.length >>> 2);
  new Uint8Array(words.buffer).set(bytes.subarray(0, words.length * 4));
  return words;
}

function encodePostings(postings: number[]): Buffer {
  const words = Uint32Array.from(postings);
  return Buffer.from(words.buffer, words.byteOffset, words.byteLength);
}

/** The chunks a transaction adds to and removes from the index, written by `flush`. */
export class LexicalChanges {
  readonly #added = new Map<number, string>();
  readonly #removed = new Map<number, string>();

  add(chunkId: number, text: string): void {
    this.#added.set(chunkId, text);
  }

  /** `text` must be the text the chunk was indexed with. */
  remove(chunkId: number, text: string): void {
    // Added in this same transaction: never written, nothing to remove.
    if (this.#added.delete(chunkId)) return;
    this.#removed.set(chunkId, text);
  }

  /** Writes the staged changes (removals first: a new chunk may reuse a removed chunk's id). */
  flush(connection: SqliteConnection): void {
    let chunks = 0;
    let tokens = 0;
    const removals = new Map<string, number[]>();
    for (const [chunkId, text] of this.#removed) {
      const { terms, length } = termFrequencies(text);
      chunks--;
      tokens -= length;
      for (const term of terms.keys()) push(removals, term, chunkId);
    }
    for (const [term, ids] of removals) removeFromTerm(connection, term, ids);
    const additions = new Map<string, number[]>();
    for (const chunkId of [...this.#added.keys()].sort((left, right) => left - right)) {
      const { terms, length } = termFrequencies(this.#added.get(chunkId) ?? "");
      chunks++;
      tokens += length;
      for (const [term, frequency] of terms) push(additions, term, chunkId, packPosting(frequency, length));
    }
    for (const [term, postings] of additions) appendToTerm(connection, term, postings);
    if (chunks !== 0 || tokens !== 0) {
      connection
        .prepare("update lexical_stats set chunks = chunks + ?, tokens = tokens + ?")
        .run(chunks, tokens);
    }
    this.#added.clear();
    this.#removed.clear();
  }
}

function push(map: Map<string, number[]>, term: string, ...values: number[]): void {
  const list = map.get(term);
  if (list) list.push(...values);
  else map.set(term, values);
}

function writeBlock(
  connection: SqliteConnection,
  term: string,
  firstChunk: number,
  postings: number[],
): void {
  if (postings.length === 0) {
    connection.prepare("delete from lexical_blocks where term = ? and first_chunk = ?").run(term, firstChunk);
    return;
  }
  connection
    .prepare("insert or replace into lexical_blocks(term, first_chunk, postings) values (?, ?, ?)")
    .run(term, firstChunk, encodePostings(postings));
}

/** Removes chunks `ids` from the term's blocks (each block keeps its key: still ≤ every id in it). */
function removeFromTerm(connection: SqliteConnection, term: string, ids: number[]): void {
  const find = connection.prepare(
    "select first_chunk, postings from lexical_blocks where term = ? and first_chunk <= ? order by first_chunk desc limit 1",
  );
  const touched = new Map<number, { postings: number[]; gone: Set<number> }>();
  for (const id of ids) {
    const row = parseOptionalRow(blockRowSchema, find.get(term, id));
    if (!row) continue;
    let block = touched.get(row.first_chunk);
    if (!block) {
      block = { postings: Array.from(decodePostings(row.postings)), gone: new Set() };
      touched.set(row.first_chunk, block);
    }
    block.gone.add(id);
  }
  for (const [firstChunk, block] of touched) {
    const kept: number[] = [];
    for (let index = 0; index + 1 < block.postings.length; index += 2) {
      const id = block.postings[index] ?? 0;
      if (!block.gone.has(id)) kept.push(id, block.postings[index + 1] ?? 0);
    }
    writeBlock(connection, term, firstChunk, kept);
  }
}

/** Appends postings (ascending chunk ids, after every id indexed) to the term's last block and new ones. */
function appendToTerm(connection: SqliteConnection, term: string, postings: number[]): void {
  const last = parseOptionalRow(
    blockRowSchema,
    connection
      .prepare(
        "select first_chunk, postings from lexical_blocks where term = ? order by first_chunk desc limit 1",
      )
      .get(term),
  );
  let rest = postings;
  if (last) {
    const existing = Array.from(decodePostings(last.postings));
    const lastId = existing[existing.length - 2] ?? -1;
    if (lastId >= (postings[0] ?? 0)) {
      // Not after every id indexed (ids are only ever appended, so this is a safeguard): rewrite the term.
      rewriteTerm(connection, term, postings);
      return;
    }
    const room = Math.max(0, 2 * BLOCK - existing.length);
    if (room > 0) {
      writeBlock(connection, term, last.first_chunk, [...existing, ...rest.slice(0, room)]);
      rest = rest.slice(room);
    }
  }
  for (let start = 0; start < rest.length; start += 2 * BLOCK) {
    const block = rest.slice(start, start + 2 * BLOCK);
    writeBlock(connection, term, block[0] ?? 0, block);
  }
}

/** Merges `postings` into every posting of the term, sorted by chunk id, and writes it in fresh blocks. */
function rewriteTerm(connection: SqliteConnection, term: string, postings: number[]): void {
  const rows = parseRows(
    blockRowSchema,
    connection.prepare("select first_chunk, postings from lexical_blocks where term = ?").all(term),
  );
  const pairs: Array<[number, number]> = [];
  for (const row of rows) {
    const words = decodePostings(row.postings);
    for (let index = 0; index + 1 < words.length; index += 2)
      pairs.push([words[index] ?? 0, words[index + 1] ?? 0]);
  }
  for (let index = 0; index + 1 < postings.length; index += 2)
    pairs.push([postings[index] ?? 0, postings[index + 1] ?? 0]);
  pairs.sort((left, right) => left[0] - right[0]);
  connection.prepare("delete from lexical_blocks where term = ?").run(term);
  for (let start = 0; start < pairs.length; start += BLOCK) {
    const block = pairs.slice(start, start + BLOCK).flat();
    writeBlock(connection, term, block[0] ?? 0, block);
  }
}

/** (Re)builds the index from every chunk stored, in the caller's transaction. */
export function buildLexicalIndex(connection: SqliteConnection): void {
  connection.database.exec("delete from lexical_blocks; delete from lexical_stats");
  connection.database.prepare("insert into lexical_stats(chunks, tokens) values (0, 0)").run();
  const batch = connection.prepare("select id, text from chunks where id > ? order by id limit ?");
  let after = 0;
  for (;;) {
    const rows = parseRows(chunkTextSchema, batch.all(after, BUILD_BATCH));
    if (rows.length === 0) return;
    const changes = new LexicalChanges();
    for (const row of rows) changes.add(row.id, row.text);
    changes.flush(connection);
    after = rows[rows.length - 1]?.id ?? after;
  }
}
