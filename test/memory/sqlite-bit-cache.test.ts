/** The bit index cache loads in the background when asked, a few rows per turn, and stops on request. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BitIndexCache } from "../../src/memory/sqlite-bit-cache.js";
import { openSqlite } from "../../src/memory/sqlite-connection.js";
import { SqliteStore } from "../../src/memory/sqlite-store.js";
import { documentInput, embedderIdentity } from "./store-contract.js";

const folder = mkdtempSync(join(tmpdir(), "agente-bit-cache-"));
const path = join(folder, "memory.db");
const DOCUMENTS = 150;

beforeAll(async () => {
  const store = new SqliteStore({ path });
  await store.putDocuments(
    Array.from({ length: DOCUMENTS }, (_, index) =>
      documentInput(`/doc-${index}.md`, [`passage ${index}`, "more"]),
    ),
  );
  await store.close();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("BitIndexCache preload", () => {
  it("loads every row in the background, 64 rows per turn of the event loop", async () => {
    const connection = openSqlite(path);
    const cache = new BitIndexCache(connection);
    cache.preload();
    expect(cache.loaded(embedderIdentity.dimensions)).toBe(0);
    // 64 rows (of 2 vectors each) per turn of the event loop: 128, 256, then the last 22 rows.
    const counts: number[] = [];
    for (let turn = 0; turn < 4; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      counts.push(cache.loaded(embedderIdentity.dimensions));
    }
    expect(counts).toEqual([128, 256, 300, 300]);
    const index = cache.synced(embedderIdentity.dimensions);
    expect(index.size).toBe(DOCUMENTS * 2);
    // Once loaded, the index was scanned once to warm it, and only once.
    expect(index.scans).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(index.scans).toBe(1);
    connection.database.close();
  });

  it("stops when the store closes: nothing is read after", async () => {
    const connection = openSqlite(path);
    const cache = new BitIndexCache(connection);
    cache.preload();
    cache.stop();
    // Without stop() every row would be in memory by now (the test above: three turns).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cache.loaded(embedderIdentity.dimensions)).toBe(0);
    connection.database.close();
  });

  it("a store opened with preloadIndex answers vector searches as one opened without", async () => {
    const preloaded = new SqliteStore({ path, preloadIndex: true });
    const plain = new SqliteStore({ path });
    const query = documentInput("/q", ["passage 7"]).vectors![0]!;
    const expected = await plain.vectorSearch(query, embedderIdentity, 5, {});
    expect(expected.length).toBe(5);
    expect(await preloaded.vectorSearch(query, embedderIdentity, 5, {})).toEqual(expected);
    await preloaded.close();
    await plain.close();
  });
});
