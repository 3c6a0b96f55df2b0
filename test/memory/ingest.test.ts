import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmbedderMismatchError } from "../../src/memory/errors.js";
import { ingest } from "../../src/memory/ingest.js";
import { Memory } from "../../src/memory/memory.js";
import { PathOutsideRootsError } from "../../src/memory/roots.js";
import { SqliteStore } from "../../src/memory/sqlite-store.js";
import { SystemError } from "../../src/util/errors.js";
import { HashingEmbedder } from "./support/hashing-embedder.js";

const corpus = join(import.meta.dirname, "../fixtures/memory/corpus");

describe("ingest", () => {
  let folder: string;
  let root: string;
  let docs: string;
  let memory: Memory;
  let store: SqliteStore;
  let embedder: HashingEmbedder;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "agente-ingest-"));
    root = join(folder, "root");
    docs = join(root, "docs");
    cpSync(corpus, docs, { recursive: true });
    mkdirSync(join(docs, "node_modules", "pkg"), { recursive: true });
    writeFileSync(join(docs, "node_modules", "pkg", "readme.txt"), "dependency text");
    writeFileSync(join(docs, ".hidden.txt"), "hidden text");
    writeFileSync(join(docs, ".gitignore"), "drafts/\n");
    mkdirSync(join(docs, "drafts"));
    writeFileSync(join(docs, "drafts", "draft.txt"), "draft text");
    embedder = new HashingEmbedder();
    store = new SqliteStore({ path: join(folder, "memory.db") });
    memory = new Memory({ store, embedder });
  });
  afterEach(async () => {
    await memory.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const run = (paths: string[], extra: { prune?: boolean; collection?: string } = {}) =>
    ingest(memory, {
      paths,
      collection: extra.collection ?? "default",
      roots: [root],
      cwd: root,
      prune: extra.prune,
    });

  it("ingests every supported file type of a folder, skipping binaries and ignored paths", async () => {
    const progress: number[] = [];
    const report = await ingest(memory, {
      paths: ["docs"],
      collection: "default",
      roots: [root],
      cwd: root,
      onProgress: (update) => {
        progress.push(update.filesDone);
      },
    });
    expect(report.added).toBe(8); // clientes.csv guide.md informe.pdf notes.txt page.html parking.docx settings.json sub/facturas.txt
    expect(report.skippedBinary).toBe(2); // logo.png blob.dat
    expect(report.skippedIgnored).toBe(4); // .gitignore .hidden.txt node_modules/ drafts/
    expect(report.failed).toEqual([]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const [query, file] of [
      ["aceitunas toneladas", "informe.pdf"],
      ["underground garage", "parking.docx"],
      ["biblioteca sábados", "page.html"],
      ["Ferretería Zaragoza", "clientes.csv"],
      ["equipo de plataforma", "settings.json"],
      ["descale coffee machine", "guide.md"],
      ["facturas subcarpeta", "facturas.txt"],
    ] as const) {
      const [best] = await memory.search(query, { k: 1 });
      expect(best?.source, query).toBe(join(docs, file.includes("facturas") ? "sub" : "", file));
    }
    expect(await memory.search("dependency draft hidden", { k: 5, mode: "lexical" })).toEqual([]);
  });

  it("skips unchanged files, replaces changed ones and never duplicates", async () => {
    await run(["docs"]);
    const before = await memory.stats();
    const again = await run(["docs"]);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 8, chunks: 0 });
    expect(await memory.stats()).toMatchObject({
      documentCount: before.documentCount,
      chunkCount: before.chunkCount,
    });

    writeFileSync(join(docs, "notes.txt"), "Nueva nota: el almacén cambia de horario en verano.");
    const changed = await run(["docs"]);
    expect(changed).toMatchObject({ added: 0, updated: 1, unchanged: 7 });
    expect(await memory.search("proveedor papel precios", { k: 3, mode: "lexical" })).toEqual([]);
    expect((await memory.search("almacén horario verano", { k: 1 }))[0]?.source).toBe(
      join(docs, "notes.txt"),
    );
    expect((await memory.stats()).documentCount).toBe(before.documentCount);
  });

  it("removes documents of deleted files only with --prune", async () => {
    await run(["docs"]);
    unlinkSync(join(docs, "notes.txt"));
    expect((await run(["docs"])).pruned).toBe(0);
    expect(await memory.findDocument("default", join(docs, "notes.txt"))).toBeDefined();
    const pruned = await run(["docs"], { prune: true });
    expect(pruned.pruned).toBe(1);
    expect(await memory.findDocument("default", join(docs, "notes.txt"))).toBeUndefined();
    expect((await memory.stats()).documentCount).toBe(7);
  });

  it("refuses paths and symlinks that escape the roots", async () => {
    const outside = join(folder, "outside");
    mkdirSync(outside);
    writeFileSync(join(outside, "secret.txt"), "secret outside text");
    await expect(run([outside])).rejects.toBeInstanceOf(PathOutsideRootsError);
    await expect(run(["../outside/secret.txt"])).rejects.toBeInstanceOf(PathOutsideRootsError);
    symlinkSync(join(outside, "secret.txt"), join(docs, "link-to-secret.txt"));
    symlinkSync(outside, join(docs, "link-to-outside"));
    symlinkSync(join(docs, "notes.txt"), join(docs, "link-inside.txt"));
    await expect(run([join(docs, "link-to-secret.txt")])).rejects.toBeInstanceOf(PathOutsideRootsError);
    const report = await run(["docs"]);
    expect(report.refused.sort()).toEqual([join(docs, "link-to-outside"), join(docs, "link-to-secret.txt")]);
    expect(await memory.search("secret outside", { k: 5, mode: "lexical" })).toEqual([]);
    // A link inside the roots is followed, and its target is stored once.
    expect(report.added).toBe(8);
  });

  it("refuses to ingest into a collection indexed by another embedder, before any work", async () => {
    await run(["docs/notes.txt"]);
    const other = new Memory({
      store,
      embedder: new HashingEmbedder({ name: "test:other", dimensions: 32 }),
    });
    await expect(
      ingest(other, { paths: ["docs"], collection: "default", roots: [root], cwd: root }),
    ).rejects.toBeInstanceOf(EmbedderMismatchError);
    expect((await memory.stats()).documentCount).toBe(1);
    // Another collection is free to use another embedder.
    const report = await ingest(other, {
      paths: ["docs/guide.md"],
      collection: "other",
      roots: [root],
      cwd: root,
    });
    expect(report.added).toBe(1);
  });

  it("stores documents for lexical search when the embedder is down, and reindex embeds them later", async () => {
    embedder.failure = new SystemError("cannot reach Ollama at http://127.0.0.1:11434", {
      hint: "start Ollama",
    });
    const report = await run(["docs/guide.md", "docs/notes.txt"]);
    expect(report.added).toBe(2);
    expect(memory.takeNotice()).toMatch(/cannot reach Ollama.*lexical only.*start Ollama/);
    expect(memory.takeNotice()).toBeUndefined();
    expect((await memory.search("fridge emptied Thursday", { k: 1 }))[0]?.source).toBe(
      join(docs, "guide.md"),
    );
    expect((await memory.getCollection("default"))?.chunksWithoutVector).toBe(2);

    embedder.failure = undefined;
    const reindexed = await memory.reindex("default");
    expect(reindexed.chunks).toBe(2);
    expect((await memory.getCollection("default"))?.chunksWithoutVector).toBe(0);
    const [best] = await memory.search("fridge label food", { k: 1, mode: "vector" });
    expect(best?.source).toBe(join(docs, "guide.md"));
  });

  // Issue 13, lesser defect: both ingests saw no stored document and both counted every file as added.
  it("two concurrent ingests of the same folder count each file added once", async () => {
    const [first, second] = await Promise.all([run([docs]), run([docs])]);
    const files = first.added + first.updated + first.unchanged;
    // The corpus's eight text documents (two binaries skipped, the ignored paths left out).
    expect(files).toBe(8);
    expect(first.added + second.added).toBe(files);
    expect((await memory.stats()).documentCount).toBe(files);
  });
});
