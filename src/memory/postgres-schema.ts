/**
 * The PostgreSQL store's schema, created if missing: the `vector` and `unaccent` extensions, the accent
 * folding function and the tables (prefixed `agente_memory_`). Besides documents and chunks:
 * - `agente_memory_bits`: the sign bits of a document's vectors, one row per document, which every replica
 *   loads into its in-process `BitIndex` (postgres-bit-cache.ts);
 * - `agente_memory_postings`: one row per (term, chunk) with the term's frequency and the chunk's length,
 *   read by an index-only scan for BM25 (postgres-lexicon.ts);
 * - `agente_memory_state`: one row, the bits' generation (bumped by any delete or rewrite of a bits row,
 *   so replicas know to reload) and the chunk count and total length BM25 needs.
 * A database made before these tables existed is upgraded in place: its float HNSW and GIN indexes are
 * dropped (nothing searches them any more) and the bits, postings and counts are built from its rows.
 */
import type pg from "pg";
import { z } from "zod";
import { backfillBits } from "./postgres-bits.js";
import { addPostings } from "./postgres-lexicon.js";
import { transaction } from "./postgres-pool.js";

/** Creates the extensions, function, tables and indexes that are missing, and upgrades older databases. */
export async function migrate(pool: pg.Pool): Promise<void> {
  await transaction(pool, async (client) => {
    // Concurrent first starts would race on CREATE: serialise them.
    await client.query("select pg_advisory_xact_lock(hashtext('agente_memory_schema'))");
    const state = await client.query("select to_regclass('agente_memory_state') is null missing");
    const upgrade = z.array(z.looseObject({ missing: z.boolean() })).parse(state.rows)[0]?.missing === true;
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
      create table if not exists agente_memory_bits (
        id bigserial primary key,
        document_id uuid not null references agente_memory_documents(id) on delete cascade,
        collection text not null,
        dimensions integer not null,
        chunk_ids bytea not null,
        bits bytea not null
      );
      create index if not exists agente_memory_bits_document on agente_memory_bits(document_id);
      -- No foreign key: it would need an index on chunk_id; the store deletes a chunk's postings itself.
      create table if not exists agente_memory_postings (
        term text not null,
        chunk_id bigint not null,
        tf integer not null,
        length integer not null
      );
      create index if not exists agente_memory_postings_term
        on agente_memory_postings(term, chunk_id) include (tf, length);
      create table if not exists agente_memory_state (
        singleton boolean primary key default true check (singleton),
        generation bigint not null default 0,
        chunks bigint not null default 0,
        total_length bigint not null default 0
      );
      insert into agente_memory_state default values on conflict do nothing;
    `);
    if (upgrade) {
      // Random bits do not compress: skip the attempt (once, as the table is made: ALTER TABLE locks it).
      await client.query("alter table agente_memory_bits alter column bits set storage external");
      await buildFromStoredRows(client);
    }
  });
}

/** Drops the indexes of the earlier design and builds bits, postings and counts from the stored rows. */
async function buildFromStoredRows(client: pg.PoolClient): Promise<void> {
  await client.query("drop index if exists agente_memory_chunks_tsv");
  const hnsw = await client.query(
    "select indexname name from pg_indexes where tablename = 'agente_memory_chunks' and indexname like 'agente_memory_chunks_hnsw_%'",
  );
  for (const { name } of z.array(z.looseObject({ name: z.string() })).parse(hnsw.rows))
    await client.query(`drop index if exists ${client.escapeIdentifier(name)}`);
  await addPostings(client, "true", []);
  await backfillBits(client);
}
