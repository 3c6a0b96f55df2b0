import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmbedderMismatchError } from "../../src/memory/errors.js";
import { Memory } from "../../src/memory/memory.js";
import { fuse, removeNearDuplicates } from "../../src/memory/search.js";
import { SqliteStore } from "../../src/memory/sqlite-store.js";
import type { ChunkHit } from "../../src/memory/types.js";
import { UserError } from "../../src/util/errors.js";
import { documentInput } from "./store-contract.js";
import { HashingEmbedder } from "./support/hashing-embedder.js";

describe("Memory", () => {
  let store: SqliteStore;
  let memory: Memory;

  beforeEach(() => {
    store = new SqliteStore({ path: ":memory:" });
    memory = new Memory({ store, embedder: new HashingEmbedder() });
  });
  afterEach(async () => {
    await memory.close();
  });

  it("remembers notes and refuses an empty one", async () => {
    const note = await memory.remember("  Prefiero el té sin azúcar.  ", { tema: "gustos" });
    expect(note).toMatchObject({
      source: expect.stringMatching(/^nota:/),
      title: "Prefiero el té sin azúcar.",
      chunkCount: 1,
    });
    await expect(memory.remember("   ")).rejects.toBeInstanceOf(UserError);
    const [hit] = await memory.search("té azúcar", { k: 1 });
    expect(hit).toMatchObject({ documentId: note.id, lexicalRank: 1, vectorRank: 1, score: 1 });
  });

  it("returns nothing for an unrelated question rather than the least bad passage", async () => {
    await memory.remember("The invoice module exports PDF files.");
    expect(await memory.search("zebra giraffe savanna", { k: 3 })).toEqual([]);
  });

  it("forgets a file or a folder, never a sibling that only shares a prefix", async () => {
    await store.putDocument(documentInput("/docs/report", ["one"]));
    await store.putDocument(documentInput("/docs/report2", ["two"]));
    await store.putDocument(documentInput("/docs/report/part", ["three"]));
    const forgotten = await memory.forget({ source: "/docs/report" });
    expect(forgotten.map((document) => document.source).sort()).toEqual([
      "/docs/report",
      "/docs/report/part",
    ]);
    expect((await store.listDocuments({}, 10)).map((document) => document.source)).toEqual(["/docs/report2"]);
  });

  it("groups passages by document for document search", async () => {
    await store.putDocument(documentInput("/a", ["apples grow on trees", "apples are red or green"]));
    await store.putDocument(documentInput("/b", ["pears are sweet"]));
    const [first, ...rest] = await memory.searchDocuments("apples", { k: 5 });
    expect(first?.document.source).toBe("/a");
    expect(first?.passages).toHaveLength(2);
    expect(rest.every((match) => match.document.source !== "/a")).toBe(true);
  });

  it("refuses a search of a collection indexed by another embedder, and tells once about others", async () => {
    const other = new HashingEmbedder({ name: "test:other", dimensions: 32 });
    await store.putDocument(
      documentInput("/old", ["legacy words"], {
        collection: "old",
        vectors: [other.vector("legacy words")],
        embedder: { name: other.name, dimensions: 32 },
      }),
    );
    await expect(memory.search("legacy", { k: 3, filter: { collection: "old" } })).rejects.toBeInstanceOf(
      EmbedderMismatchError,
    );
    const hits = await memory.search("legacy words", { k: 3 });
    expect(hits.map((hit) => hit.source)).toEqual(["/old"]);
    expect(memory.takeNotice()).toMatch(
      /collection "old" was indexed with test:other.*agente memory reindex/,
    );
    await memory.search("legacy words", { k: 3 });
    expect(memory.takeNotice()).toBeUndefined();
  });

  it("re-indexes a collection to the current embedder", async () => {
    const other = new HashingEmbedder({ name: "test:other", dimensions: 32 });
    await store.putDocument(
      documentInput("/old", ["legacy words"], {
        vectors: [other.vector("legacy words")],
        embedder: { name: other.name, dimensions: 32 },
      }),
    );
    const progress: number[] = [];
    expect(
      await memory.reindex("default", { onProgress: (update) => progress.push(update.chunksDone) }),
    ).toEqual({
      chunks: 1,
    });
    expect(progress).toEqual([1]);
    expect((await store.getCollection("default"))?.embedder).toEqual({
      name: "test:hashing",
      dimensions: 64,
    });
    expect((await memory.search("legacy", { k: 1, mode: "vector" }))[0]?.source).toBe("/old");
    await expect(memory.reindex("missing")).rejects.toBeInstanceOf(UserError);
  });
});

describe("fuse and removeNearDuplicates", () => {
  const hit = (chunkId: string, text = chunkId): ChunkHit => ({
    chunkId,
    documentId: "d",
    collection: "default",
    source: "/s",
    title: "t",
    metadata: {},
    text,
    position: 0,
    score: 0.5,
  });

  it("ranks a passage found by both lists above passages found by one", () => {
    const fused = fuse([hit("a"), hit("b")], [hit("c"), hit("b")]);
    expect(fused.map((passage) => passage.chunkId)).toEqual(["b", "a", "c"]);
    expect(fused[0]).toMatchObject({ lexicalRank: 2, vectorRank: 2, similarity: 0.5 });
    expect(fused[1]?.score).toBeCloseTo(0.5, 5);
  });

  it("drops near-duplicate passages, keeping the better one", () => {
    const passages = [
      hit("1", "The office opens at nine on weekdays."),
      hit("2", "the office opens at nine on weekdays"),
      hit("3", "Parking is free."),
    ];
    expect(removeNearDuplicates(passages, 0.8).map((passage) => passage.chunkId)).toEqual(["1", "3"]);
  });
});
