/**
 * `ingestBytes`: a document handed over as bytes (an upload to `agente serve`) is stored under its name as
 * a file would be, with its size, without anything written to disk; the same bytes again are unchanged,
 * new bytes update it, a binary is skipped with its reason, and the size limit names the file only.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestBytes } from "../../src/memory/ingest.js";
import { Memory } from "../../src/memory/memory.js";
import { SqliteStore } from "../../src/memory/sqlite-store.js";
import { HashingEmbedder } from "./support/hashing-embedder.js";

describe("ingestBytes", () => {
  let folder: string;
  let memory: Memory;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "agente-ingest-bytes-"));
    memory = new Memory({
      store: new SqliteStore({ path: join(folder, "memory.db") }),
      embedder: new HashingEmbedder(),
    });
  });
  afterEach(async () => {
    await memory.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const add = (
    source: string,
    text: string | Uint8Array,
    limits?: { maxFileBytes: number; maxExtractedBytes: number },
  ) =>
    ingestBytes(
      memory,
      { source, bytes: typeof text === "string" ? Buffer.from(text) : text, modifiedAt: 1_700_000_000_000 },
      { collection: "default", ...(limits === undefined ? {} : { limits }) },
    );

  it("stores the bytes under the name, with their size, and writes no file", async () => {
    const report = await add("tarifas.txt", "La hora de consultoría cuesta 60 euros.\n");
    expect(report).toMatchObject({ filesSeen: 1, added: 1, updated: 0, unchanged: 0, chunks: 1, failed: [] });
    const [document] = await memory.listDocuments({ collection: "default" }, 10);
    expect(document).toMatchObject({
      source: "tarifas.txt",
      chunkCount: 1,
      metadata: { kind: "text", bytes: 41 },
    });
    expect(readdirSync(folder).filter((name) => !name.startsWith("memory.db"))).toEqual([]);
    expect(
      (await memory.search("consultoría", { k: 3, mode: "lexical" })).map((passage) => passage.source),
    ).toEqual(["tarifas.txt"]);
  });

  it("counts the same bytes again as unchanged, and new bytes as an update", async () => {
    await add("notas.md", "# Notas\n\nuno\n");
    expect(await add("notas.md", "# Notas\n\nuno\n")).toMatchObject({ added: 0, unchanged: 1 });
    expect(await add("notas.md", "# Notas\n\ndos\n")).toMatchObject({ added: 0, updated: 1 });
  });

  it("skips a binary with its reason, and refuses one over the size limit by its name", async () => {
    expect((await add("foto.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).skipped).toEqual([
      { path: "foto.png", reason: "binary by its name (.png)" },
    ]);
    await expect(
      add("grande.txt", "x".repeat(100), { maxFileBytes: 10, maxExtractedBytes: 1000 }),
    ).rejects.toThrow(/^grande\.txt /);
  });
});
