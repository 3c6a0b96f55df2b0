/**
 * The PostgreSQL store's schema, created if missing: the `vector` and `unaccent` extensions, the accent
 * folding function, the tables (prefixed `agente_memory_`), and a partial HNSW index per dimension in use.
 */
import type pg from "pg";
import { transaction } from "./postgres-pool.js";

/** Creates the extensions, function, tables and indexes that are missing. */
export async function migrate(pool: pg.Pool): Promise<void> {
  await transaction(pool, async (client) => {
    // Concurrent first starts would race on CREATE: serialise them.
    await client.query("select pg_advisory_xact_lock(hashtext('agente_memory_schema'))");
    await client.query(`
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
    `);
  });
}

/** The partial HNSW index (cosine) of the chunks of `dimensions`, created if missing. */
export async function ensureHnswIndex(client: pg.PoolClient, dimensions: number): Promise<void> {
  const size = Math.trunc(dimensions);
  await client.query(
    `create index if not exists agente_memory_chunks_hnsw_${size} on agente_memory_chunks
     using hnsw ((embedding::vector(${size})) vector_cosine_ops) where dimensions = ${size}`,
  );
}
