/** Row shapes of the PostgreSQL store, its SQL filter builder and small conversions. */
import type { ChunkHit, Metadata, SearchFilter, StoredDocument } from "./types.js";

export interface DocumentRow {
  id: string;
  collection: string;
  source: string;
  title: string;
  content_hash: string;
  modified_at: string;
  metadata: Metadata;
  chunk_count: number;
  stored_at: string;
}

export interface HitRow {
  chunk_id: string;
  document_id: string;
  collection: string;
  source: string;
  title: string;
  metadata: Metadata;
  text: string;
  position: number;
  score: number;
}

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

export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.href;
  } catch {
    return "postgres://(unparsable URL)";
  }
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

export function toDocument(row: DocumentRow): StoredDocument {
  return {
    id: row.id,
    collection: row.collection,
    source: row.source,
    title: row.title,
    contentHash: row.content_hash,
    modifiedAt: Number(row.modified_at),
    metadata: row.metadata,
    chunkCount: row.chunk_count,
    storedAt: Number(row.stored_at),
  };
}

export function toHit(row: HitRow): ChunkHit {
  return {
    chunkId: String(row.chunk_id),
    documentId: row.document_id,
    collection: row.collection,
    source: row.source,
    title: row.title,
    metadata: row.metadata,
    text: row.text,
    position: row.position,
    score: Number(row.score),
  };
}
