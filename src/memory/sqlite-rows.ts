/**
 * Row shapes of the SQLite store and their conversions, apart from the store's logic. What SQLite returns
 * is parsed as a network reply is (zod, loose objects): a file damaged, or written by another program or a
 * newer agente, fails with one line that names the first wrong column instead of a wrong value downstream.
 */
import { z } from "zod";
import { parseJsonReply, parseReply } from "../util/parse-reply.js";
import { metadataSchema } from "./metadata-schema.js";
import { documentFromRow, hitFromRow } from "./store-common.js";
import {
  type ChunkHit,
  PRIVATE_COLLECTION_PREFIX,
  privateCollection,
  type SearchFilter,
  type StoredDocument,
} from "./types.js";

const ROW_SOURCE = {
  what: "a row of the memory database",
  hint: "the file may be damaged or written by a newer agente: set AGENTE_MEMORY_PATH to another file, or restore a copy",
};

/** A BLOB column (better-sqlite3 returns a Buffer). */
export const blob = z.custom<Buffer>((value) => Buffer.isBuffer(value), "expected a BLOB");

export const documentRowSchema = z.looseObject({
  id: z.string(),
  collection: z.string(),
  source: z.string(),
  title: z.string(),
  content_hash: z.string(),
  modified_at: z.number(),
  /** JSON text. */
  metadata: z.string(),
  chunk_count: z.number(),
  stored_at: z.number(),
});
export type DocumentRow = z.output<typeof documentRowSchema>;

/** A chunk with its document's columns, as `HIT_COLUMNS` selects them. */
export const chunkRowSchema = z.looseObject({
  chunk_id: z.number(),
  document_id: z.string(),
  collection: z.string(),
  source: z.string(),
  title: z.string(),
  /** JSON text. */
  metadata: z.string(),
  text: z.string(),
  position: z.number(),
});
export type ChunkRow = z.output<typeof chunkRowSchema>;

export const hitRowSchema = chunkRowSchema.extend({ score: z.number() });
export type HitRow = z.output<typeof hitRowSchema>;

/** The columns of a search hit but its score, for `select … from chunks c join documents d`. */
export const HIT_COLUMNS =
  "c.id chunk_id, d.id document_id, d.collection, d.source, d.title, d.metadata, c.text, c.position";

/** Rows as `schema` says they are, or a `SystemError` naming the first column that is not. */
export function parseRows<Schema extends z.ZodType>(
  schema: Schema,
  rows: unknown[],
): Array<z.output<Schema>> {
  return parseReply(z.array(schema), rows, ROW_SOURCE);
}

/** A row as `schema` says it is (a missing row fails too). */
export function parseRow<Schema extends z.ZodType>(schema: Schema, row: unknown): z.output<Schema> {
  return parseReply(schema, row, ROW_SOURCE);
}

/** A row, or undefined when there was none, as `schema` says it is. */
export function parseOptionalRow<Schema extends z.ZodType>(
  schema: Schema,
  row: unknown,
): z.output<Schema> | undefined {
  return row === undefined ? undefined : parseReply(schema, row, ROW_SOURCE);
}

/** The float32 bytes of a vector, as sqlite-vec's functions take it. */
export function floatBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/**
 * The stored form of a unit vector for re-ranking: a float32 scale, then one int8 per dimension. A quarter
 * of float32's size (ingest writes twice as fast, the file is far smaller); the cosine it yields is within
 * ~0.001 of the exact one, far below the gaps that decide a ranking.
 */
export function storedVector(vector: Float32Array): Buffer {
  let largest = 0;
  for (let index = 0; index < vector.length; index++) {
    const value = Math.abs(vector[index]!);
    if (value > largest) largest = value;
  }
  const scale = largest / 127 || 1;
  const inverse = 1 / scale;
  const blob = Buffer.allocUnsafe(4 + vector.length);
  blob.writeFloatLE(scale, 0);
  // A typed view writes each code without Buffer's per-call checks (ingest stores every vector this way).
  const codes = new Int8Array(blob.buffer, blob.byteOffset + 4, vector.length);
  // Math.floor(x + 0.5) is Math.round, but V8 compiles it to a few instructions (measured 7× faster).
  for (let index = 0; index < vector.length; index++)
    codes[index] = Math.floor(vector[index]! * inverse + 0.5);
  return blob;
}

/** Decodes a stored vector: the int8 form, or the float32 form that files of schema ≤ 2 hold. */
export function decodeStoredVector(blob: Buffer, dimensions: number): Float32Array {
  if (blob.byteLength === dimensions * 4) {
    // Copy: better-sqlite3's buffers are not guaranteed to be 4-byte aligned.
    const copy = new Uint8Array(blob.byteLength);
    copy.set(blob);
    return new Float32Array(copy.buffer);
  }
  const scale = blob.readFloatLE(0);
  const codes = new Int8Array(blob.buffer, blob.byteOffset + 4, dimensions);
  const vector = new Float32Array(dimensions);
  for (let index = 0; index < dimensions; index++) vector[index] = (codes[index] ?? 0) * scale;
  return vector;
}

/** The dot product of `vector` with a stored vector (either form), without decoding it into a new array. */
export function storedDot(vector: Float32Array, blob: Buffer, dimensions: number): number {
  if (blob.byteLength === dimensions * 4) {
    let sum = 0;
    for (let index = 0; index < dimensions; index++) sum += vector[index]! * blob.readFloatLE(index * 4);
    return sum;
  }
  const codes = new Int8Array(blob.buffer, blob.byteOffset + 4, dimensions);
  let sum = 0;
  for (let index = 0; index < dimensions; index++) sum += vector[index]! * codes[index]!;
  return sum * blob.readFloatLE(0);
}

export function filterClause(filter: SearchFilter, alias: string): { sql: string; parameters: unknown[] } {
  const clauses = ["1 = 1"];
  const parameters: unknown[] = [];
  if (filter.collection !== undefined) {
    clauses.push(`${alias}.collection = ?`);
    parameters.push(filter.collection);
  }
  if (filter.visibleTo !== undefined) {
    clauses.push(`(substr(${alias}.collection, 1, ?) <> ? or ${alias}.collection = ?)`);
    parameters.push(
      PRIVATE_COLLECTION_PREFIX.length,
      PRIVATE_COLLECTION_PREFIX,
      privateCollection(filter.visibleTo),
    );
  }
  if (filter.sourcePrefix !== undefined) {
    clauses.push(`substr(${alias}.source, 1, ?) = ?`);
    parameters.push(filter.sourcePrefix.length, filter.sourcePrefix);
  }
  for (const [key, value] of Object.entries(filter.metadata ?? {})) {
    const path = `$."${key.replaceAll('"', "")}"`;
    if (value === null) {
      clauses.push(`json_type(${alias}.metadata, ?) = 'null'`);
      parameters.push(path);
    } else {
      clauses.push(`json_extract(${alias}.metadata, ?) = ?`);
      parameters.push(path, typeof value === "boolean" ? Number(value) : value);
    }
  }
  return { sql: clauses.join(" and "), parameters };
}

/** A document's metadata, stored as JSON text. */
function parseMetadata(text: string) {
  // Most documents have none: skip the parser for the common "{}".
  if (text === "{}") return {};
  return parseJsonReply(metadataSchema, text, {
    ...ROW_SOURCE,
    what: "a document's metadata in the memory database",
  });
}

export function toDocument(row: DocumentRow): StoredDocument {
  return documentFromRow(row, parseMetadata(row.metadata));
}

export function toHit(row: HitRow): ChunkHit {
  return hitFromRow(row, parseMetadata(row.metadata));
}
