import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    expect(store.database.pragma("user_version", { simple: true })).toBe(2);
    await store.putDocument(documentInput("/a", ["walrus tusks"]));
    await store.putDocument(documentInput("/a", ["walrus whiskers"]));
    expect((await store.lexicalSearch("walrus", 5, {})).map((hit) => hit.text)).toEqual(["walrus whiskers"]);
    expect(
      store.database.prepare("select count(*) n from sqlite_master where type = 'trigger'").get(),
    ).toEqual({ n: 0 });
    expect(await store.lexicalSearch("tusks", 5, {})).toEqual([]);
    await store.close();
  });
});
