/**
 * The behaviour every `MemoryStore` must have, run against SQLite and PostgreSQL alike.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmbedderMismatchError } from "../../src/memory/errors.js";
import type { MemoryStore } from "../../src/memory/store.js";
import type { DocumentInput } from "../../src/memory/types.js";
import { HashingEmbedder } from "./support/hashing-embedder.js";

const embedder = new HashingEmbedder();
export const embedderIdentity = { name: embedder.name, dimensions: embedder.dimensions };
const identity = embedderIdentity;

export function documentInput(
  source: string,
  texts: string[],
  overrides: Partial<DocumentInput> = {},
): DocumentInput {
  return {
    collection: "default",
    source,
    title: source,
    contentHash: `hash-of-${texts.join("|")}`,
    modifiedAt: 1_700_000_000_000,
    metadata: {},
    chunks: texts.map((text, position) => ({ text, position })),
    vectors: texts.map((text) => embedder.vector(text)),
    embedder: identity,
    ...overrides,
  };
}

export function describeStoreContract(name: string, open: () => Promise<MemoryStore>): void {
  describe(`${name} store contract`, () => {
    let store: MemoryStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("stores a document with its chunks and finds it by source and id", async () => {
      const stored = await store.putDocument(
        documentInput("/docs/a.md", ["alpha beta", "gamma delta"], { metadata: { tema: "x" } }),
      );
      expect(stored.chunkCount).toBe(2);
      // `replaced` says what the write found; a read has nothing to say about it.
      const { replaced, ...document } = stored;
      expect(replaced).toBe(false);
      expect(await store.findDocument("default", "/docs/a.md")).toEqual(document);
      expect(await store.getDocument(stored.id)).toEqual(document);
      expect(await store.getDocument("00000000-0000-0000-0000-000000000000")).toBeUndefined();
    });

    it("replaces a document with the same source instead of duplicating it", async () => {
      await store.putDocument(documentInput("/docs/a.md", ["old zebra text", "more zebra"]));
      const second = await store.putDocument(documentInput("/docs/a.md", ["new giraffe text"]));
      expect(second.replaced).toBe(true);
      const listed = await store.listDocuments({}, 10);
      expect(listed.map((document) => document.id)).toEqual([second.id]);
      expect(await store.lexicalSearch("zebra", 10, {})).toEqual([]);
      const hits = await store.lexicalSearch("giraffe", 10, {});
      expect(hits.map((hit) => hit.text)).toEqual(["new giraffe text"]);
      expect((await store.getCollection("default"))?.chunkCount).toBe(1);
    });

    it("ranks lexical hits by BM25, folds accents and takes any user text safely", async () => {
      await store.putDocument(documentInput("/a", ["el café de Colombia es suave", "el té verde"]));
      await store.putDocument(documentInput("/b", ["café café café, todo sobre el café"]));
      const hits = await store.lexicalSearch("cafe", 10, {});
      expect(hits.map((hit) => hit.source)).toEqual(["/b", "/a"]);
      expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? 0);
      for (const nasty of ['"', "OR AND NOT (", "col:umn*", "'; drop table x; --", "   "]) {
        await expect(store.lexicalSearch(nasty, 5, {})).resolves.toBeInstanceOf(Array);
      }
    });

    it("finds the nearest chunks by cosine similarity", async () => {
      await store.putDocument(documentInput("/animals", ["cats and dogs", "horses and cows"]));
      await store.putDocument(documentInput("/cars", ["engines and wheels"]));
      const hits = await store.vectorSearch(embedder.vector("dogs cats"), identity, 2, {});
      expect(hits[0]?.text).toBe("cats and dogs");
      expect(hits[0]?.score).toBeCloseTo(2 / Math.sqrt(2 * 3), 4);
      expect(hits[0]?.position).toBe(0);
      expect(hits).toHaveLength(2);
    });

    it("filters searches and listings by collection, source prefix and metadata", async () => {
      await store.putDocument(
        documentInput("/work/a", ["shared words here"], { metadata: { lang: "en", n: 1 } }),
      );
      await store.putDocument(
        documentInput("/home/b", ["shared words here too"], { metadata: { lang: "es" } }),
      );
      await store.putDocument(documentInput("/work/c", ["shared words again"], { collection: "other" }));
      const vector = embedder.vector("shared words");
      const sources = (hits: Array<{ source: string }>) => hits.map((hit) => hit.source).sort();
      expect(sources(await store.lexicalSearch("shared", 10, { collection: "default" }))).toEqual([
        "/home/b",
        "/work/a",
      ]);
      expect(sources(await store.vectorSearch(vector, identity, 10, { collection: "other" }))).toEqual([
        "/work/c",
      ]);
      expect(sources(await store.lexicalSearch("shared", 10, { sourcePrefix: "/work/" }))).toEqual([
        "/work/a",
        "/work/c",
      ]);
      expect(sources(await store.vectorSearch(vector, identity, 10, { sourcePrefix: "/work/" }))).toEqual([
        "/work/a",
        "/work/c",
      ]);
      expect(sources(await store.vectorSearch(vector, identity, 10, { metadata: { lang: "es" } }))).toEqual([
        "/home/b",
      ]);
      expect(sources(await store.listDocuments({ metadata: { lang: "en", n: 1 } }, 10))).toEqual(["/work/a"]);
    });

    it("visibleTo: the shared collections and that person's private one, in every search and listing", async () => {
      await store.putDocument(documentInput("/shared", ["budget words"]));
      await store.putDocument(documentInput("/other-shared", ["budget words"], { collection: "manuals" }));
      await store.putDocument(documentInput("/ana", ["budget words"], { collection: "private:u-ana" }));
      await store.putDocument(documentInput("/luis", ["budget words"], { collection: "private:u-luis" }));
      const vector = embedder.vector("budget words");
      const sources = (hits: Array<{ source: string }>) => hits.map((hit) => hit.source).sort();
      const ana = { visibleTo: "u-ana" };
      const expected = ["/ana", "/other-shared", "/shared"];
      expect(sources(await store.lexicalSearch("budget", 10, ana))).toEqual(expected);
      expect(sources(await store.vectorSearch(vector, identity, 10, ana))).toEqual(expected);
      // The exact scan (a source filter) keeps the scope too.
      expect(sources(await store.vectorSearch(vector, identity, 10, { ...ana, sourcePrefix: "/" }))).toEqual(
        expected,
      );
      expect(sources(await store.listDocuments(ana, 10))).toEqual(expected);
      // Asking for another person's collection by name finds nothing.
      const theirs = { ...ana, collection: "private:u-luis" };
      expect(await store.lexicalSearch("budget", 10, theirs)).toEqual([]);
      expect(await store.vectorSearch(vector, identity, 10, theirs)).toEqual([]);
      expect(await store.listDocuments(theirs, 10)).toEqual([]);
      // Without a person, everything (the CLI).
      expect(await store.listDocuments({}, 10)).toHaveLength(4);
    });

    it("refuses vectors from another embedder on a collection", async () => {
      await store.putDocument(documentInput("/a", ["one"]));
      const other = new HashingEmbedder({ name: "test:other", dimensions: 32 });
      const input = documentInput("/b", ["two"], {
        vectors: [other.vector("two")],
        embedder: { name: other.name, dimensions: other.dimensions },
      });
      await expect(store.putDocument(input)).rejects.toBeInstanceOf(EmbedderMismatchError);
      await expect(store.putDocument(input)).rejects.toMatchObject({
        hint: expect.stringMatching(/agente memory reindex/),
      });
      expect(await store.findDocument("default", "/b")).toBeUndefined();
      // A query vector from another embedder searches nothing rather than comparing unlike spaces.
      expect(
        await store.vectorSearch(other.vector("one"), { name: other.name, dimensions: 32 }, 5, {}),
      ).toEqual([]);
    });

    it("stores a batch of documents in one transaction: all or none", async () => {
      const stored = await store.putDocuments([
        documentInput("/a", ["first batch"]),
        documentInput("/b", ["second batch"]),
      ]);
      expect(stored.map((document) => document.source)).toEqual(["/a", "/b"]);
      const other = { name: "test:other", dimensions: 32 };
      const bad = documentInput("/d", ["bad"], {
        vectors: [new HashingEmbedder(other).vector("bad")],
        embedder: other,
      });
      await expect(store.putDocuments([documentInput("/c", ["third batch"]), bad])).rejects.toBeInstanceOf(
        EmbedderMismatchError,
      );
      expect(await store.findDocument("default", "/c")).toBeUndefined();
      expect((await store.stats()).documentCount).toBe(2);
    });

    it("deletes documents with their chunks", async () => {
      const first = await store.putDocument(documentInput("/a", ["unique marmalade"]));
      await store.putDocument(documentInput("/b", ["keep me"]));
      expect(await store.deleteDocuments([first.id, "00000000-0000-0000-0000-000000000000"])).toBe(1);
      expect(await store.lexicalSearch("marmalade", 5, {})).toEqual([]);
      expect(
        await store.vectorSearch(embedder.vector("unique marmalade"), identity, 5, {}),
      ).not.toContainEqual(expect.objectContaining({ source: "/a" }));
      expect((await store.stats()).documentCount).toBe(1);
    });

    it("keeps lexical-only documents and re-embeds them with another embedder", async () => {
      await store.putDocument(
        documentInput("/a", ["plain words"], { vectors: undefined, embedder: undefined }),
      );
      expect((await store.getCollection("default"))?.chunksWithoutVector).toBe(1);
      const other = new HashingEmbedder({ name: "test:other", dimensions: 32 });
      const otherIdentity = { name: other.name, dimensions: other.dimensions };
      await store.putDocument(documentInput("/b", ["more words"]));
      await store.resetCollectionEmbedder("default", otherIdentity);
      const pending = await store.chunksWithoutVector("default", 10);
      expect(pending.map((chunk) => chunk.text).sort()).toEqual(["more words", "plain words"]);
      await store.putVectors(
        "default",
        otherIdentity,
        pending.map((chunk) => chunk.chunkId),
        pending.map((chunk) => other.vector(chunk.text)),
      );
      const info = await store.getCollection("default");
      expect(info?.embedder).toEqual(otherIdentity);
      expect(info?.chunksWithoutVector).toBe(0);
      const hits = await store.vectorSearch(other.vector("plain words"), otherIdentity, 1, {});
      expect(hits[0]?.source).toBe("/a");
      expect(await store.vectorSearch(embedder.vector("plain words"), identity, 1, {})).toEqual([]);
    });

    it("reports collections and counts in stats", async () => {
      await store.putDocument(documentInput("/a", ["one", "two"]));
      await store.putDocument(documentInput("/n", ["note"], { collection: "notes" }));
      const stats = await store.stats();
      expect(stats.documentCount).toBe(2);
      expect(stats.chunkCount).toBe(3);
      expect(stats.collections.map((collection) => [collection.name, collection.chunkCount])).toEqual([
        ["default", 2],
        ["notes", 1],
      ]);
      expect(stats.location).not.toMatch(/password|secret/);
    });
  });
}
