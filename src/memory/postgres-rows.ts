/** Row shapes of the PostgreSQL store, its SQL filter builder and small conversions. */
import { z } from "zod";
import { parseReply } from "../util/parse-reply.js";
import { metadataSchema } from "./metadata-schema.js";
import { type DocumentColumns, documentFromRow, hitFromRow } from "./store-common.js";
import {
  type ChunkHit,
  type Metadata,
  PRIVATE_COLLECTION_PREFIX,
  privateCollection,
  type SearchFilter,
  type StoredDocument,
} from "./types.js";

/** Bigints come back as strings. */
export interface DocumentRow extends DocumentColumns {
  modified_at: string;
  metadata: Metadata;
  stored_at: string;
}

const ROW_SOURCE = {
  what: "a row of the memory database",
  hint: "the database may have been changed by hand or by a newer agente: check AGENTE_MEMORY_URL",
};

const hitRowSchema = z.looseObject({
  chunk_id: z.union([z.string(), z.number()]),
  document_id: z.string(),
  collection: z.string(),
  source: z.string(),
  title: z.string(),
  metadata: metadataSchema,
  text: z.string(),
  position: z.number(),
  score: z.number(),
});

export function filterClause(
  filter: SearchFilter,
  alias: string,
  firstParameter: number,
): { sql: string; parameters: unknown[]; next: number } {
  const clauses = ["true"];
  const parameters: unknown[] = [];
  const next = () => `$${firstParameter + parameters.length}`;
  if (filter.collection !== undefined) {
    clauses.push(`${alias}.collection = ${next()}`);
    parameters.push(filter.collection);
  }
  if (filter.visibleTo !== undefined) {
    clauses.push(
      `(left(${alias}.collection, ${PRIVATE_COLLECTION_PREFIX.length}) <> ${next()} or ${alias}.collection = ${`$${firstParameter + parameters.length + 1}`})`,
    );
    parameters.push(PRIVATE_COLLECTION_PREFIX, privateCollection(filter.visibleTo));
  }
  if (filter.sourcePrefix !== undefined) {
    clauses.push(`left(${alias}.source, ${next()}) = ${`$${firstParameter + parameters.length + 1}`}`);
    parameters.push(filter.sourcePrefix.length, filter.sourcePrefix);
  }
  for (const [key, value] of Object.entries(filter.metadata ?? {})) {
    clauses.push(`${alias}.metadata @> ${next()}::jsonb`);
    parameters.push(JSON.stringify({ [key]: value }));
  }
  return { sql: clauses.join(" and "), parameters, next: firstParameter + parameters.length };
}

export function vectorLiteral(vector: Float32Array): string {
  return `[${Array.from(vector).join(",")}]`;
}

/** Lower-case and strip accents, as the `tsvector` side does with unaccent. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

export function toDocument(row: DocumentRow): StoredDocument {
  return documentFromRow(row, row.metadata);
}

/** Search hits from rows of `HIT_COLUMNS` and a score, parsed. */
export function toHits(rows: unknown[]): ChunkHit[] {
  return parseReply(z.array(hitRowSchema), rows, ROW_SOURCE).map((row) => hitFromRow(row, row.metadata));
}
