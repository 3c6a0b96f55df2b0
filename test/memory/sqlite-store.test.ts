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
});
