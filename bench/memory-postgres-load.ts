/**
 * Loading the memory bench's corpus into the PostgreSQL store, fast enough for a million chunks: the first
 * document goes through the store (schema, collection, embedder); the other documents' rows go in by one
 * insert, their chunks by one binary COPY (vectors as pgvector's binary format: no float text to print or
 * parse), with the secondary indexes dropped; each document's sign bits are computed as its chunks stream
 * and inserted after; then the postings and BM25 counts are built from the chunks by one statement (the
 * one that upgrades an older database) and the indexes once, with `maintenance_work_mem` and parallel
 * workers raised. Row by row through the store, a 1M load took 25 minutes (load average ~20).
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { idsBlob, signBits } from "../src/memory/bit-index.js";
import { addPostings } from "../src/memory/postgres-lexicon.js";
import type { PostgresStore } from "../src/memory/postgres-store.js";
import { DOCUMENT_COLUMNS, documentValues, newDocument } from "../src/memory/store-common.js";
import { batchDocument, type CorpusBatch, type CorpusStream, DIMENSIONS } from "./memory-corpus.js";

export interface PostgresLoad {
  /** Documents, chunks (COPY) and bits rows. */
  loadSeconds: number;
  /** The postings and BM25 counts, made from the chunks' `tsvector`. */
  postingsSeconds: number;
  /** Every index dropped for the load, built once, then `vacuum analyze`. */
  indexSeconds: number;
}

const seconds = (started: number) => (performance.now() - started) / 1000;

/** Indexes dropped during the load and built after it. */
const INDEXES = [
  "create index agente_memory_chunks_document on agente_memory_chunks(document_id)",
  "create index agente_memory_chunks_collection on agente_memory_chunks(collection)",
  "create index agente_memory_bits_document on agente_memory_bits(document_id)",
  "create index agente_memory_postings_term on agente_memory_postings(term, chunk_id) include (tf, length)",
];

const COPY_HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
const COPY_TRAILER = Buffer.from([0xff, 0xff]);

/** One document's chunks as binary COPY tuples: id, document_id, collection, position, text, dimensions, embedding. */
function copyTuples(batch: CorpusBatch, documentId: string): Buffer {
  const parts: Buffer[] = [];
  const uuid = Buffer.from(documentId.replaceAll("-", ""), "hex");
  const collection = Buffer.from("default");
  batch.vectors.forEach((vector, offset) => {
    const text = Buffer.from(batch.texts[offset]!);
    const head = Buffer.alloc(2 + 4 + 8 + 4 + 16 + 4 + collection.length + 4 + 4 + 4);
    let at = head.writeInt16BE(7, 0);
    at = head.writeInt32BE(8, at);
    at = head.writeBigInt64BE(BigInt(batch.start + offset + 1), at);
    at = head.writeInt32BE(16, at);
    at += uuid.copy(head, at);
    at = head.writeInt32BE(collection.length, at);
    at += collection.copy(head, at);
    at = head.writeInt32BE(4, at);
    at = head.writeInt32BE(offset, at);
    head.writeInt32BE(text.length, at);
    const tail = Buffer.alloc(4 + 4 + 4 + 4 + 4 * DIMENSIONS);
    at = tail.writeInt32BE(4, 0);
    at = tail.writeInt32BE(DIMENSIONS, at);
    // pgvector's binary form: int16 dimensions, int16 unused, then big-endian float4s.
    at = tail.writeInt32BE(4 + 4 * DIMENSIONS, at);
    at = tail.writeInt16BE(DIMENSIONS, at);
    at = tail.writeInt16BE(0, at);
    for (const value of vector) at = tail.writeFloatBE(value, at);
    parts.push(head, text, tail);
  });
  return Buffer.concat(parts);
}

export async function loadPostgres(
  client: pg.Client,
  store: PostgresStore,
  data: CorpusStream,
  size: number,
): Promise<PostgresLoad> {
  const started = performance.now();
  const batches = data.batches();
  const first = batches.next();
  if (first.done) throw new Error("empty corpus");
  await store.putDocument(batchDocument(first.value));
  for (const index of INDEXES) await client.query(`drop index ${index.split(" ")[2]}`);
  // The other documents' rows first (the chunks reference them); their chunks only need the count.
  const documents = new Map<number, string>();
  const rows: unknown[][] = [];
  for (let start = first.value.texts.length; start < size; start += first.value.texts.length) {
    const count = Math.min(first.value.texts.length, size - start);
    const input = batchDocument({ start, texts: new Array<string>(count).fill(""), vectors: [] });
    const stored = newDocument(input, Date.now());
    documents.set(start, stored.id);
    rows.push(documentValues(stored));
  }
  const columns = DOCUMENT_COLUMNS.split(", ");
  await client.query(
    `insert into agente_memory_documents(${DOCUMENT_COLUMNS})
       select * from unnest(${columns
         .map(
           (_, index) =>
             `$${index + 1}::${["uuid", "text", "text", "text", "text", "bigint", "jsonb", "integer", "bigint"][index]}[]`,
         )
         .join(", ")})`,
    columns.map((_, index) => rows.map((row) => row[index])),
  );
  const bits: Array<{ documentId: string; ids: number[]; bits: Uint8Array }> = [];
  async function* tuples(): AsyncGenerator<Buffer> {
    yield COPY_HEADER;
    for (let next = batches.next(); !next.done; next = batches.next()) {
      const batch = next.value;
      const documentId = documents.get(batch.start)!;
      yield copyTuples(batch, documentId);
      bits.push({
        documentId,
        ids: batch.vectors.map((_, offset) => batch.start + offset + 1),
        bits: signBits(batch.vectors, DIMENSIONS),
      });
    }
    yield COPY_TRAILER;
  }
  await pipeline(
    Readable.from(tuples()),
    client.query(
      copyFrom(
        "copy agente_memory_chunks(id, document_id, collection, position, text, dimensions, embedding) from stdin (format binary)",
      ),
    ),
  );
  await client.query(
    "select setval('agente_memory_chunks_id_seq', (select max(id) from agente_memory_chunks))",
  );
  for (const row of bits) {
    await client.query(
      "insert into agente_memory_bits(document_id, collection, dimensions, chunk_ids, bits) values ($1, 'default', $2, $3, $4)",
      [row.documentId, DIMENSIONS, idsBlob(row.ids), Buffer.from(row.bits)],
    );
  }
  const loadSeconds = seconds(started);

  const postingsStarted = performance.now();
  // The first document's postings went in through the store: build them all again in one statement.
  await client.query("truncate agente_memory_postings");
  await client.query("update agente_memory_state set chunks = 0, total_length = 0");
  await addPostings(client, "true", []);
  const postingsSeconds = seconds(postingsStarted);

  const indexStarted = performance.now();
  await client.query("set maintenance_work_mem = '1GB'");
  await client.query("set max_parallel_maintenance_workers = 2");
  for (const index of INDEXES) await client.query(index);
  await client.query("vacuum analyze");
  return { loadSeconds, postingsSeconds, indexSeconds: seconds(indexStarted) };
}
