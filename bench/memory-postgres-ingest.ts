/**
 * P6 for the PostgreSQL store: the ingest rate through `PostgresStore.putDocuments` (chunk rows, postings,
 * sign bits), in a throwaway cluster, and the same with pgvector's float HNSW index on the chunks (the
 * store's former design) as the baseline that shows what that index costs every write.
 */
import { PostgresStore } from "../src/memory/postgres-store.js";
import { startPostgres } from "../src/testing/postgres.js";
import { DIMENSIONS, ingestDocuments } from "./memory-corpus.js";

export interface PostgresIngest {
  documentsPerTransaction: number;
  withFloatHnsw: boolean;
  seconds: number;
  rate: number;
}

export async function measurePostgresIngest(
  chunks: number,
  documentsPerTransaction: number,
  withFloatHnsw: boolean,
): Promise<PostgresIngest> {
  const documents = ingestDocuments(chunks);
  const server = await startPostgres({ extensions: ["vector", "unaccent"] });
  try {
    const store = await PostgresStore.connect({ url: server.url });
    try {
      if (withFloatHnsw) {
        await store.query(
          `create index bench_float_hnsw on agente_memory_chunks
             using hnsw ((embedding::vector(${DIMENSIONS})) vector_cosine_ops) where dimensions = ${DIMENSIONS}`,
        );
      }
      const started = performance.now();
      for (let start = 0; start < documents.length; start += documentsPerTransaction) {
        await store.putDocuments(documents.slice(start, start + documentsPerTransaction));
      }
      const seconds = (performance.now() - started) / 1000;
      return { documentsPerTransaction, withFloatHnsw, seconds, rate: chunks / seconds };
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
  }
}
