/**
 * Loading the memory bench's corpus into the PostgreSQL store, fast enough for a million chunks: the first
 * document goes through the store (schema, collection, embedder), then its HNSW and GIN indexes are
 * dropped (the float HNSW is rebuilt by the bench up to a size, memory-postgres.ts), every other document is inserted by one statement per document (the store's own `unnest`
 * insert, while the next document's text is made), and the indexes are built once at the end, with
 * `maintenance_work_mem` and parallel workers raised for the build. Building the indexes once is what
 * makes the difference: row by row, the GIN and HNSW indexes made a 100k load take 424 s.
 */
import type pg from "pg";
import type { PostgresStore } from "../src/memory/postgres-store.js";
import { DOCUMENT_COLUMNS, documentValues, newDocument } from "../src/memory/store-common.js";
import { batchDocument, type CorpusStream, DIMENSIONS } from "./memory-corpus.js";

export interface PostgresLoad {
  loadSeconds: number;
  /** Built after the load: the store's GIN over the `simple` tsvector; the bench's HNSW over the sign bits. */
  ginSeconds: number;
  bitHnswSeconds: number;
}

const seconds = (started: number) => (performance.now() - started) / 1000;

/** Nine significant digits: every float32 reads back exactly, in half the text of JavaScript's default. */
const vectorText = (vector: Float32Array) =>
  `[${Array.from(vector, (value) => value.toPrecision(9)).join(",")}]`;

export async function loadPostgres(
  client: pg.Client,
  store: PostgresStore,
  data: CorpusStream,
): Promise<PostgresLoad> {
  const started = performance.now();
  let pending: Promise<unknown> | undefined;
  let first = true;
  for (const batch of data.batches()) {
    if (first) {
      await store.putDocument(batchDocument(batch));
      await client.query(`drop index agente_memory_chunks_hnsw_${DIMENSIONS}`);
      await client.query("drop index agente_memory_chunks_tsv");
      first = false;
      continue;
    }
    const input = batchDocument(batch);
    const stored = newDocument(input, Date.now());
    const embeddings = batch.vectors.map(vectorText);
    await pending;
    pending = client.query(
      `with document as (
         insert into agente_memory_documents(${DOCUMENT_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       )
       insert into agente_memory_chunks(document_id, collection, position, text, dimensions, embedding)
         select $1, $2, chunk.position, chunk.text, ${DIMENSIONS}, chunk.embedding::vector
         from unnest($10::integer[], $11::text[], $12::text[]) as chunk(position, text, embedding)`,
      [
        ...documentValues(stored),
        input.chunks.map((chunk) => chunk.position),
        input.chunks.map((chunk) => chunk.text),
        embeddings,
      ],
    );
  }
  await pending;
  const loadSeconds = seconds(started);
  await client.query("set maintenance_work_mem = '2GB'");
  await client.query("set max_parallel_maintenance_workers = 2");
  const ginStarted = performance.now();
  await client.query("create index agente_memory_chunks_tsv on agente_memory_chunks using gin(tsv)");
  const ginSeconds = seconds(ginStarted);
  const bitStarted = performance.now();
  await client.query(
    `create index bench_bit_hnsw on agente_memory_chunks
     using hnsw ((binary_quantize(embedding::vector(${DIMENSIONS}))::bit(${DIMENSIONS})) bit_hamming_ops)
     where dimensions = ${DIMENSIONS}`,
  );
  return { loadSeconds, ginSeconds, bitHnswSeconds: seconds(bitStarted) };
}
