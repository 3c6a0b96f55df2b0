import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as sqliteVec from "sqlite-vec";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/memory/sqlite-store.js";
import { describeStoreContract, documentInput } from "./store-contract.js";

const folder = mkdtempSync(join(tmpdir(), "agente-sqlite-store-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let counter = 0;

describeStoreContract(
  "SQLite",
  async () => new SqliteStore({ path: join(folder, `memory-${counter++}.db`) }),
);

describe("SqliteStore", () => {
  it("creates its folder, uses WAL and keeps data across reopening", async () => {
    const path = join(folder, "nested", "deeper", "memory.db");
    const store = new SqliteStore({ path });
    await store.putDocument(documentInput("/a", ["persistent words"]));
    expect(store.database.pragma("journal_mode", { simple: true })).toBe("wal");
    await store.close();
    const reopened = new SqliteStore({ path });
    expect((await reopened.lexicalSearch("persistent", 5, {}))[0]?.source).toBe("/a");
    expect((await reopened.stats()).sizeBytes).toBeGreaterThan(0);
    await reopened.close();
  });

  it("upgrades a schema-1 file (FTS kept by triggers) without indexing text twice", async () => {
    const path = join(folder, "schema-1.db");
    const old = new SqliteStore({ path });
    old.database.exec(`
      create trigger chunks_fts_insert after insert on chunks begin
        insert into chunks_fts(rowid, text) values (new.id, new.text);
      end;
      create trigger chunks_fts_delete after delete on chunks begin
        insert into chunks_fts(chunks_fts, rowid, text) values ('delete', old.id, old.text);
      end;
      pragma user_version = 1;
    `);
    await old.close();
    const store = new SqliteStore({ path });
    expect(store.database.pragma("user_version", { simple: true })).toBe(4);
    await store.putDocument(documentInput("/a", ["walrus tusks"]));
    await store.putDocument(documentInput("/a", ["walrus whiskers"]));
    expect((await store.lexicalSearch("walrus", 5, {})).map((hit) => hit.text)).toEqual(["walrus whiskers"]);
    expect(
      store.database.prepare("select count(*) n from sqlite_master where type = 'trigger'").get(),
    ).toEqual({ n: 0 });
    expect(await store.lexicalSearch("tusks", 5, {})).toEqual([]);
    await store.close();
  });

  it("reads vectors stored as float32 by schema-2 files and stores new ones as int8 within 0.002 of exact", async () => {
    const store = new SqliteStore({ path: join(folder, "schema-2.db") });
    const input = documentInput("/old", ["float vector words"]);
    await store.putDocument(input);
    const exact = input.vectors![0]!;
    const stored = store.database.prepare("select embedding from chunks").get() as { embedding: Buffer };
    expect(stored.embedding.byteLength).toBe(exact.length + 4);
    const query = new Float32Array(exact.length).map((_, index) => Math.sin(index + 1));
    const norm = Math.hypot(...query);
    for (let index = 0; index < query.length; index++) query[index] = (query[index] ?? 0) / norm;
    const exactScore = exact.reduce((sum, value, index) => sum + value * (query[index] ?? 0), 0);
    const identity = input.embedder!;
    const [approximate] = await store.vectorSearch(query, identity, 1, {});
    expect(Math.abs((approximate?.score ?? 0) - exactScore)).toBeLessThan(0.002);
    store.database.prepare("update chunks set embedding = ?").run(Buffer.from(exact.buffer));
    const [fromFloat] = await store.vectorSearch(query, identity, 1, {});
    expect(fromFloat?.score).toBeCloseTo(exactScore, 5);
    await store.close();
  });

  it("opens a current file without loading sqlite-vec", async () => {
    const store = new SqliteStore({ path: join(folder, "current.db") });
    expect(() => store.database.prepare("select vec_version()").get()).toThrow(
      "no such function: vec_version",
    );
    await store.close();
  });

  it("upgrades a schema-3 file (bits in sqlite-vec tables): rebuilds the bits from the stored vectors", async () => {
    const path = join(folder, "schema-3.db");
    const old = new SqliteStore({ path });
    const input = documentInput("/old", ["alpha beta", "gamma delta"]);
    await old.putDocument(input);
    const dimensions = input.embedder!.dimensions;
    // Stores of schema 3 had sqlite-vec loaded on every open; the current one loads it only to upgrade.
    sqliteVec.load(old.database);
    old.database.exec(`
      delete from chunk_bits;
      create virtual table vectors_bit_${dimensions} using vec0(embedding bit[${dimensions}], collection text partition key);
      pragma user_version = 3;
    `);
    await old.close();
    const store = new SqliteStore({ path });
    expect(store.database.pragma("user_version", { simple: true })).toBe(4);
    expect(
      store.database.prepare("select name from sqlite_master where name glob 'vectors_bit_*'").all(),
    ).toEqual([]);
    const [hit] = await store.vectorSearch(input.vectors![1]!, input.embedder!, 1, {});
    expect(hit?.text).toBe("gamma delta");
    await store.close();
  });

  it("searches what another connection to the same file added, replaced or deleted since its last search", async () => {
    const path = join(folder, "two-connections.db");
    const reader = new SqliteStore({ path });
    const writer = new SqliteStore({ path });
    const first = documentInput("/first", ["first words"]);
    const second = documentInput("/second", ["second words"]);
    const identity = first.embedder!;
    const search = async (vector: Float32Array) =>
      (await reader.vectorSearch(vector, identity, 5, {})).map((hit) => hit.text);
    await reader.putDocument(first);
    expect(await search(first.vectors![0]!)).toEqual(["first words"]);
    await writer.putDocument(second);
    expect(await search(second.vectors![0]!)).toContain("second words");
    const [stored] = await writer.listDocuments({ sourcePrefix: "/first" }, 1);
    await writer.deleteDocuments([stored!.id]);
    expect(await search(first.vectors![0]!)).toEqual(["second words"]);
    const replaced = documentInput("/second", ["replacement text"]);
    await writer.putDocument(replaced);
    expect(await search(replaced.vectors![0]!)).toEqual(["replacement text"]);
    await reader.close();
    await writer.close();
  });

  it("reindexes a document's chunks over several batches, each chunk keeping its own vector", async () => {
    const store = new SqliteStore({ path: join(folder, "reindex-batches.db") });
    const texts = ["red apples", "green pears", "yellow lemons"];
    const input = documentInput("/fruit", texts);
    await store.putDocument({ ...input, vectors: undefined, embedder: undefined });
    const identity = input.embedder!;
    const pending = await store.chunksWithoutVector("default", 10);
    const vectorOf = (chunkId: string) =>
      input.vectors![texts.indexOf(pending.find((chunk) => chunk.chunkId === chunkId)!.text)]!;
    const [first, ...rest] = pending.map((chunk) => chunk.chunkId);
    await store.putVectors("default", identity, [first!], [vectorOf(first!)]);
    await store.putVectors("default", identity, rest, rest.map(vectorOf));
    for (const [index, text] of texts.entries()) {
      expect((await store.vectorSearch(input.vectors![index]!, identity, 1, {}))[0]?.text).toBe(text);
    }
    expect(store.database.prepare("select count(*) n from chunk_bits").get()).toEqual({ n: 1 });
    await store.close();
  });
});
