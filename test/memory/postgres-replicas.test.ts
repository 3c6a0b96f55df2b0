/**
 * The PostgreSQL store's own structures against a real PostgreSQL 15 + pgvector: the sign bits that each
 * store instance (a replica) scans in process and keeps in step with the table, the BM25 postings, the
 * filtered exact scan, and the upgrade of a database made before these tables existed.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PostgresStore } from "../../src/memory/postgres-store.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../src/testing/postgres.js";
import { documentInput, embedderIdentity } from "./store-contract.js";
import { HashingEmbedder } from "./support/hashing-embedder.js";

const available = postgresAvailable({ extensions: ["vector", "unaccent"] });
const skip = !available && !process.env.CI;
const embedder = new HashingEmbedder();
const dimensions = embedderIdentity.dimensions;

describe.skipIf(skip)("PostgresStore sign bits, postings and upgrade", () => {
  let server: RunningPostgres;
  let databases = 0;

  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  const freshUrl = () => server.createDatabase(`replicas_${databases++}`);

  const texts = (hits: Array<{ text: string }>) => hits.map((hit) => hit.text);

  it("ranks by BM25 over the postings, accents folded, in the exact expected order", async () => {
    const store = await PostgresStore.connect({ url: await freshUrl() });
    await store.putDocument(
      documentInput("/zoo", ["gato", "gato gato perro", "perro", "Árbol y gato", "casa"]),
    );
    // N = 5, lengths 1 3 1 3 1 (average 1.8); idf(gato) = ln(1 + 2.5 / 3.5), idf(arbol) = ln(1 + 4.5 / 1.5);
    // a term's part = idf · tf · 2.2 / (tf + 1.2 · (0.25 + 0.75 · length / 1.8)).
    const hits = await store.lexicalSearch("gato árbol", 10, {});
    expect(texts(hits)).toEqual(["Árbol y gato", "gato", "gato gato perro"]);
    expect(hits.map((hit) => hit.score)).toEqual([
      expect.closeTo(1.512728, 5),
      expect.closeTo(0.658774, 5),
      expect.closeTo(0.624101, 5),
    ]);
    expect(texts(await store.lexicalSearch("ARBOL", 10, {}))).toEqual(["Árbol y gato"]);
    await store.close();
  });

  it("keeps the postings and BM25 counts exact through replacements and deletes", async () => {
    const store = await PostgresStore.connect({ url: await freshUrl() });
    const first = await store.putDocument(documentInput("/a", ["uno dos", "dos tres"]));
    await store.putDocument(documentInput("/b", ["tres cuatro cinco"]));
    await store.putDocument(documentInput("/b", ["seis"]));
    await store.deleteDocuments([first.id]);
    const counts = await store.query(
      `select (select count(*)::int from agente_memory_postings) postings,
              (select chunks::int from agente_memory_state) chunks,
              (select total_length::int from agente_memory_state) length`,
    );
    expect(counts.rows[0]).toEqual({ postings: 1, chunks: 1, length: 1 });
    expect(texts(await store.lexicalSearch("tres seis", 10, {}))).toEqual(["seis"]);
    await store.close();
  });

  it("a second store on the same database sees the first one's writes, and reloads after its deletes", async () => {
    const url = await freshUrl();
    const writer = await PostgresStore.connect({ url });
    const reader = await PostgresStore.connect({ url });
    const query = embedder.vector("lince ibérico");
    const first = await writer.putDocument(
      documentInput("/one", ["lince ibérico", "oso pardo", "lobo gris"]),
    );
    expect(texts(await reader.vectorSearch(query, embedderIdentity, 1, {}))).toEqual(["lince ibérico"]);
    expect(reader.loadedVectors(dimensions)).toBe(3);

    await writer.putDocument(documentInput("/two", ["lince ibérico del sur", "águila imperial"]));
    expect(texts(await reader.vectorSearch(query, embedderIdentity, 2, {}))).toEqual([
      "lince ibérico",
      "lince ibérico del sur",
    ]);
    expect(reader.loadedVectors(dimensions)).toBe(5);

    // A delete bumps the generation: the reader drops its index and reads the table again.
    await writer.deleteDocuments([first.id]);
    expect(texts(await reader.vectorSearch(query, embedderIdentity, 2, {}))).toEqual([
      "lince ibérico del sur",
      "águila imperial",
    ]);
    expect(reader.loadedVectors(dimensions)).toBe(2);

    // So does a replacement of a document by another of the same source.
    await writer.putDocument(documentInput("/two", ["lince boreal"]));
    expect(texts(await reader.vectorSearch(query, embedderIdentity, 5, {}))).toEqual(["lince boreal"]);
    expect(reader.loadedVectors(dimensions)).toBe(1);

    // And dropping a collection's vectors (to embed them again with the same embedder).
    await writer.resetCollectionEmbedder("default", embedderIdentity);
    expect(await reader.vectorSearch(query, embedderIdentity, 5, {})).toEqual([]);
    expect(reader.loadedVectors(dimensions)).toBe(0);
    await Promise.all([writer.close(), reader.close()]);
  });

  it("regression: two stores writing batches that span the same collections in opposite orders neither deadlock nor lose bits", async () => {
    const url = await freshUrl();
    const [first, second, reader] = await Promise.all([
      PostgresStore.connect({ url }),
      PostgresStore.connect({ url }),
      PostgresStore.connect({ url }),
    ]);
    const batch = (writer: string, collections: string[]) =>
      collections.map((collection, index) =>
        documentInput(`/${writer}/${index}`, [`${writer} ${collection} uno`, `${writer} ${collection} dos`], {
          collection,
        }),
      );
    for (let round = 0; round < 5; round++) {
      await Promise.all([
        first.putDocuments(batch(`a${round}`, ["norte", "sur"])),
        second.putDocuments(batch(`b${round}`, ["sur", "norte"])),
      ]);
    }
    await reader.vectorSearch(embedder.vector("norte"), embedderIdentity, 1, {});
    expect(reader.loadedVectors(dimensions)).toBe(5 * 2 * 2 * 2);
    await Promise.all([first.close(), second.close(), reader.close()]);
  });

  it("with preloadIndex, loads the bit index as it opens, before any search", async () => {
    const url = await freshUrl();
    const writer = await PostgresStore.connect({ url });
    await writer.putDocument(documentInput("/p", ["uno", "dos", "tres"]));
    const replica = await PostgresStore.connect({ url, preloadIndex: true });
    await vi.waitFor(() => expect(replica.loadedVectors(dimensions)).toBe(3));
    const plain = await PostgresStore.connect({ url });
    expect(plain.loadedVectors(dimensions)).toBe(0);
    await Promise.all([writer.close(), replica.close(), plain.close()]);
  });

  it("adds the bits of vectors stored by reindexing, seen by the other store", async () => {
    const url = await freshUrl();
    const writer = await PostgresStore.connect({ url });
    const reader = await PostgresStore.connect({ url });
    await writer.putDocument({
      ...documentInput("/plain", ["zorro rojo", "garza real"]),
      vectors: undefined,
    });
    expect(await reader.vectorSearch(embedder.vector("zorro rojo"), embedderIdentity, 3, {})).toEqual([]);
    const pending = await writer.chunksWithoutVector("default", 10);
    await writer.putVectors(
      "default",
      embedderIdentity,
      pending.map((chunk) => chunk.chunkId),
      pending.map((chunk) => embedder.vector(chunk.text)),
    );
    expect(texts(await reader.vectorSearch(embedder.vector("zorro rojo"), embedderIdentity, 1, {}))).toEqual([
      "zorro rojo",
    ]);
    expect(reader.loadedVectors(dimensions)).toBe(2);
    await Promise.all([writer.close(), reader.close()]);
  });

  it("scans exactly the chunks that pass a source or metadata filter", async () => {
    const store = await PostgresStore.connect({ url: await freshUrl() });
    await store.putDocument(
      documentInput("/kept/a.md", ["río ebro", "río tajo"], { metadata: { tema: "agua" } }),
    );
    await store.putDocument(
      documentInput("/other/b.md", ["río ebro caudal"], { metadata: { tema: "agua" } }),
    );
    await store.putDocument(documentInput("/kept/c.md", ["monte perdido"], { metadata: { tema: "roca" } }));
    const query = embedder.vector("río ebro");
    expect(texts(await store.vectorSearch(query, embedderIdentity, 10, { sourcePrefix: "/kept/" }))).toEqual([
      "río ebro",
      "río tajo",
      "monte perdido",
    ]);
    expect(
      texts(await store.vectorSearch(query, embedderIdentity, 2, { metadata: { tema: "agua" } })),
    ).toEqual(["río ebro", "río ebro caudal"]);
    expect(texts(await store.lexicalSearch("ebro", 10, { sourcePrefix: "/other/" }))).toEqual([
      "río ebro caudal",
    ]);
    await store.close();
  });

  it("upgrades a database of the earlier schema: bits, postings and counts built from its rows, old indexes dropped", async () => {
    const url = await freshUrl();
    const old = new pg.Client({ connectionString: url });
    await old.connect();
    await old.query(OLD_SCHEMA);
    await old.query("insert into agente_memory_collections values ('default', $1, $2)", [
      embedderIdentity.name,
      dimensions,
    ]);
    await old.query(
      "insert into agente_memory_documents values ('00000000-0000-4000-8000-000000000001', 'default', '/old.md', 'old', 'h', 0, '{}', 2, 0)",
    );
    const vector = (text: string) => `[${Array.from(embedder.vector(text)).join(",")}]`;
    await old.query(
      `insert into agente_memory_chunks(document_id, collection, position, text, dimensions, embedding) values
         ('00000000-0000-4000-8000-000000000001', 'default', 0, 'Cigüeña blanca', $1, $2::vector),
         ('00000000-0000-4000-8000-000000000001', 'default', 1, 'garza real', $1, $3::vector)`,
      [dimensions, vector("Cigüeña blanca"), vector("garza real")],
    );
    await old.query(
      `create index agente_memory_chunks_hnsw_${dimensions} on agente_memory_chunks
         using hnsw ((embedding::vector(${dimensions})) vector_cosine_ops) where dimensions = ${dimensions}`,
    );
    await old.end();

    const store = await PostgresStore.connect({ url });
    expect(texts(await store.lexicalSearch("ciguena", 10, {}))).toEqual(["Cigüeña blanca"]);
    expect(texts(await store.vectorSearch(embedder.vector("garza real"), embedderIdentity, 1, {}))).toEqual([
      "garza real",
    ]);
    expect(store.loadedVectors(dimensions)).toBe(2);
    const indexes = await store.query(
      "select indexname from pg_indexes where tablename = 'agente_memory_chunks' order by indexname",
    );
    expect(indexes.rows.map((row) => row.indexname)).toEqual([
      "agente_memory_chunks_collection",
      "agente_memory_chunks_document",
      "agente_memory_chunks_pkey",
    ]);
    const state = await store.query("select chunks::int, total_length::int from agente_memory_state");
    expect(state.rows[0]).toEqual({ chunks: 2, total_length: 4 });
    await store.close();
  });
});

/** The schema of the store before sign bits and postings (as of December 2026), with its GIN index. */
const OLD_SCHEMA = `
  create extension if not exists vector;
  create extension if not exists unaccent;
  create or replace function agente_memory_fold(text) returns text
        language sql immutable parallel safe strict
        as $$ select public.unaccent('public.unaccent'::regdictionary, lower($1)) $$;
      create table if not exists agente_memory_collections (
        name text primary key,
        embedder_name text,
        dimensions integer
      );
      create table if not exists agente_memory_documents (
        id uuid primary key,
        collection text not null,
        source text not null,
        title text not null,
        content_hash text not null,
        modified_at bigint not null,
        metadata jsonb not null,
        chunk_count integer not null,
        stored_at bigint not null,
        unique (collection, source)
      );
      create table if not exists agente_memory_chunks (
        id bigserial primary key,
        document_id uuid not null references agente_memory_documents(id) on delete cascade,
        collection text not null,
        position integer not null,
        text text not null,
        tsv tsvector generated always as (to_tsvector('simple', agente_memory_fold(text))) stored,
        dimensions integer,
        embedding vector
      );
      create index if not exists agente_memory_chunks_document on agente_memory_chunks(document_id);
      create index if not exists agente_memory_chunks_collection on agente_memory_chunks(collection);
      create index if not exists agente_memory_chunks_tsv on agente_memory_chunks using gin(tsv);
`;
