/**
 * The SQLite store's own lexical index stays exact across ingest, deletion and re-ingest: after each step
 * its top k equals a brute-force BM25 over every live passage (computed here from the texts), its postings
 * equal those of an index rebuilt from scratch, and a file an older agente wrote to is re-indexed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokens } from "../../src/memory/lexical-tokens.js";
import { BLOCK, buildLexicalIndex, decodePostings } from "../../src/memory/sqlite-lexical-index.js";
import { SqliteStore } from "../../src/memory/sqlite-store.js";
import type { SearchFilter } from "../../src/memory/types.js";
import { documentInput } from "./store-contract.js";

const vocabulary = Array.from({ length: 30 }, (_, index) => `palabra${index}`);

function generator(seed: number) {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** FTS5's BM25 over the live passages, computed from scratch: chunk ids and scores, best first. */
function bruteForce(store: SqliteStore, query: string, k: number, filter: SearchFilter) {
  const rows = store.database
    .prepare(
      "select c.id, c.text, d.collection from chunks c join documents d on d.id = c.document_id order by c.id",
    )
    .all() as Array<{ id: number; text: string; collection: string }>;
  const documents = rows.map((row) => ({ ...row, words: tokens(row.text) }));
  const total = documents.length;
  const average = documents.reduce((sum, document) => sum + document.words.length, 0) / total;
  const terms = [...new Set(tokens(query))];
  const idf = terms.map((term) => {
    const hits = documents.filter((document) => document.words.includes(term)).length;
    const value = Math.log((total - hits + 0.5) / (hits + 0.5));
    return value <= 0 ? 1e-6 : value;
  });
  return documents
    .filter((document) => filter.collection === undefined || document.collection === filter.collection)
    .map((document) => {
      let score = 0;
      let matched = false;
      terms.forEach((term, index) => {
        const frequency = document.words.filter((word) => word === term).length;
        if (frequency > 0) matched = true;
        score +=
          (idf[index] ?? 0) *
          ((frequency * 2.2) / (frequency + 1.2 * (1 - 0.75 + (0.75 * document.words.length) / average)));
      });
      return { chunkId: String(document.id), score, matched };
    })
    .filter((hit) => hit.matched)
    .sort((left, right) => right.score - left.score || Number(left.chunkId) - Number(right.chunkId))
    .slice(0, k)
    .map((hit) => ({ chunkId: hit.chunkId, score: Number(hit.score.toPrecision(10)) }));
}

/** Every term's postings, flattened in chunk order, whatever the block boundaries. */
function postingsByTerm(store: SqliteStore): Map<string, number[]> {
  const rows = store.database
    .prepare("select term, postings from lexical_blocks order by term, first_chunk")
    .all() as Array<{ term: string; postings: Buffer }>;
  const terms = new Map<string, number[]>();
  for (const row of rows)
    terms.set(row.term, [...(terms.get(row.term) ?? []), ...decodePostings(row.postings)]);
  return terms;
}

describe("SQLite lexical index across ingest, deletion and re-ingest", () => {
  let folder: string;
  let store: SqliteStore;
  const next = generator(2024);
  const passage = () =>
    Array.from(
      { length: 3 + Math.floor(next() * 10) },
      () => vocabulary[Math.floor(next() * next() * vocabulary.length)],
    ).join(" ");
  const document = (name: string, collection = name.length % 2 === 0 ? "shared" : "private") =>
    documentInput(`/docs/${name}.md`, Array.from({ length: 4 + Math.floor(next() * 8) }, passage), {
      collection,
    });

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "agente-lexical-index-"));
    store = new SqliteStore({ path: join(folder, "memory.db") });
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function expectExact(step: string): Promise<number> {
    let compared = 0;
    for (let query = 0; query < 15; query++) {
      const text = `${vocabulary[query]} ${vocabulary[(query * 7) % 30]}${query % 3 === 0 ? " palabra0" : ""}`;
      for (const k of [1, 10, 40]) {
        for (const filter of [{}, { collection: "shared" }] satisfies SearchFilter[]) {
          const expected = bruteForce(store, text, k, filter);
          const hits = await store.lexicalSearch(text, k, filter);
          expect(
            hits.map((hit) => ({ chunkId: hit.chunkId, score: Number(hit.score.toPrecision(10)) })),
            `${step}: ${text} k=${k} ${JSON.stringify(filter)}`,
          ).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    const stats = store.database.prepare("select chunks, tokens from lexical_stats").get();
    const texts = store.database.prepare("select text from chunks").pluck().all() as string[];
    expect(stats, step).toEqual({
      chunks: texts.length,
      tokens: texts.reduce((sum, text) => sum + tokens(text).length, 0),
    });
    return compared;
  }

  it("equals brute-force BM25 after each step, and an index rebuilt from scratch", async () => {
    // Batches as ingest writes them; the first words are frequent enough to span several blocks.
    for (let batch = 0; batch < 6; batch++) {
      await store.putDocuments(Array.from({ length: 8 }, (_, index) => document(`d${batch * 8 + index}`)));
    }
    const [busiest] = [...postingsByTerm(store).values()].sort((left, right) => right.length - left.length);
    expect(busiest!.length / 2).toBeGreaterThan(BLOCK);
    expect(await expectExact("ingest")).toBeGreaterThan(500);

    // Deletions, from the middle and the end (the end's chunk ids are then reused by new chunks).
    const ids = (await store.listDocuments({}, 100)).map((stored) => stored.id);
    await store.deleteDocuments([ids[3]!, ids[10]!, ids[20]!, ids[0]!, ids[1]!]);
    await expectExact("delete");

    // Re-ingest: changed documents replaced, one of them twice in the same batch, and new ones.
    await store.putDocuments([document("d5"), document("d7"), document("d5"), document("new-1")]);
    await store.putDocuments([document("d40"), document("new-2", "shared")]);
    await expectExact("re-ingest");

    // Delete a document and store another in the same batch, then delete everything of one collection.
    await store.putDocuments([document("d9"), document("new-3")]);
    const shared = (await store.listDocuments({ collection: "shared" }, 100)).map((stored) => stored.id);
    await store.deleteDocuments(shared);
    await expectExact("delete a collection");

    const incremental = postingsByTerm(store);
    store.database.transaction(() =>
      buildLexicalIndex({ database: store.database, prepare: (sql) => store.database.prepare(sql) }),
    )();
    expect(postingsByTerm(store)).toEqual(incremental);
  });

  it("re-indexes a file that an older agente (schema 4) wrote to", async () => {
    const path = join(folder, "older.db");
    let older = new SqliteStore({ path });
    await older.putDocument(documentInput("/a", ["walrus tusks"]));
    await older.close();
    // What agente of schema 4 does: writes chunks without the lexical index, and sets user_version 4.
    older = new SqliteStore({ path });
    const database = older.database;
    const documentId = (database.prepare("select id from documents").pluck().get() as string) ?? "";
    database
      .prepare("insert into chunks(document_id, position, text) values (?, 1, 'walrus whiskers')")
      .run(documentId);
    database.pragma("user_version = 4");
    await older.close();
    const store = new SqliteStore({ path });
    expect((await store.lexicalSearch("whiskers", 5, {})).map((hit) => hit.text)).toEqual([
      "walrus whiskers",
    ]);
    expect(store.database.prepare("select chunks from lexical_stats").pluck().get()).toBe(2);
    await store.close();
  });
});
