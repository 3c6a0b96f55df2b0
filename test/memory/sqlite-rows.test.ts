/** What the SQLite store reads back is parsed: a damaged row fails with one line naming its column. */
import { describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/memory/sqlite-store.js";
import { SystemError } from "../../src/util/errors.js";
import { documentInput } from "./store-contract.js";

describe("SQLite rows are parsed, not cast", () => {
  it("a document whose stored metadata is not an object of plain values is refused by name", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const stored = await store.putDocument(documentInput("/a.md", ["walrus"], { metadata: { tema: "zoo" } }));
    expect((await store.getDocument(stored.id))?.metadata).toEqual({ tema: "zoo" });
    store.database.prepare("update documents set metadata = ?").run('{"tema": {"nested": 1}}');
    const error = await store.getDocument(stored.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SystemError);
    expect((error as SystemError).message).toBe(
      "a document's metadata in the memory database was not what agente expects: tema: Invalid input",
    );
    store.database.prepare("update documents set metadata = ?").run("not json");
    await expect(store.lexicalSearch("walrus", 5, {})).rejects.toThrow(
      "a document's metadata in the memory database is not JSON: not json",
    );
    await store.close();
  });

  it("a chunk whose position is not a number fails the search that reads it, naming the column", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    await store.putDocument(documentInput("/a.md", ["walrus"]));
    store.database.prepare("update chunks set position = 'first'").run();
    await expect(store.lexicalSearch("walrus", 5, {})).rejects.toThrow(
      "a row of the memory database was not what agente expects: 0.position: expected number, received string",
    );
    await store.close();
  });
});
