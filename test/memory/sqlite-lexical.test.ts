/**
 * The SQLite lexical search ranks on the FTS index first and reads the rows of the best matches after: its
 * results must be exactly the exhaustive ranking (every match joined, filtered, then sorted by BM25 and id).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ftsMatch } from "../../src/memory/sqlite-lexical.js";
import { filterClause } from "../../src/memory/sqlite-rows.js";
import { SqliteStore } from "../../src/memory/sqlite-store.js";
import type { ChunkHit, SearchFilter } from "../../src/memory/types.js";
import { documentInput } from "./store-contract.js";

/** The ranking the store must reproduce: join every match, filter, sort by BM25 then chunk id. */
function exhaustive(store: SqliteStore, query: string, k: number, filter: SearchFilter) {
  const match = ftsMatch(query);
  if (match === undefined) return [];
  const where = filterClause(filter, "d");
  const rows = store.database
    .prepare(
      `select c.id, -bm25(chunks_fts) score
         from chunks_fts join chunks c on c.id = chunks_fts.rowid join documents d on d.id = c.document_id
         where chunks_fts match ? and ${where.sql} order by bm25(chunks_fts), c.id limit ?`,
    )
    .all(match, ...where.parameters, k) as Array<{ id: number; score: number }>;
  return rows.map((row) => ({ chunkId: String(row.id), score: row.score }));
}

const summary = (hits: ChunkHit[]) => hits.map((hit) => ({ chunkId: hit.chunkId, score: hit.score }));

describe("SQLite lexical search, a small corpus", () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore({ path: ":memory:" });
    await store.putDocument(
      documentInput("/zoo/arctic.md", [
        "the walrus eats fish",
        "walrus walrus walrus",
        "penguins eat fish too",
      ]),
    );
    await store.putDocument(
      documentInput("/zoo/mixed.md", ["a walrus and a penguin meet", "the penguin colony is loud"], {
        metadata: { kind: "mixed" },
      }),
    );
    // Passages without either word, so that both have a positive IDF (FTS5 floors a negative one).
    await store.putDocument(
      documentInput("/zoo/other.md", [
        "lions sleep",
        "giraffes are tall",
        "zebras have stripes",
        "the keeper feeds them",
        "tickets at the gate",
      ]),
    );
    await store.putDocument(
      documentInput("/farm/notes.md", ["no animals of the sea here", "a walrus statue in the garden"], {
        collection: "farm",
      }),
    );
  });
  afterAll(() => store.close());

  it("ranks by BM25 exactly as pinned", async () => {
    const hits = await store.lexicalSearch("walrus penguin", 10, {});
    expect(hits.map((hit) => hit.text)).toEqual([
      "a walrus and a penguin meet",
      "the penguin colony is loud",
      "walrus walrus walrus",
      "the walrus eats fish",
      "a walrus statue in the garden",
    ]);
    expect(hits.map((hit) => Number(hit.score.toFixed(4)))).toEqual([1.7551, 1.3265, 1.0632, 0.6466, 0.539]);
    expect(hits[0]).toMatchObject({ source: "/zoo/mixed.md", position: 0, metadata: { kind: "mixed" } });
  });

  it("applies each filter to the exhaustive ranking, not to a window of it", async () => {
    expect(
      (await store.lexicalSearch("walrus penguin", 2, { collection: "farm" })).map((hit) => hit.text),
    ).toEqual(["a walrus statue in the garden"]);
    expect(
      (await store.lexicalSearch("walrus penguin", 10, { metadata: { kind: "mixed" } })).map(
        (hit) => hit.text,
      ),
    ).toEqual(["a walrus and a penguin meet", "the penguin colony is loud"]);
    expect(
      (await store.lexicalSearch("walrus", 1, { sourcePrefix: "/zoo/arctic" })).map((hit) => hit.text),
    ).toEqual(["walrus walrus walrus"]);
  });

  it("returns nothing for k = 0 or a query without words", async () => {
    expect(await store.lexicalSearch("walrus", 0, {})).toEqual([]);
    expect(await store.lexicalSearch("¿?!", 5, {})).toEqual([]);
  });
});

describe("SQLite lexical search equals the exhaustive ranking", () => {
  let store: SqliteStore;
  const vocabulary = Array.from({ length: 40 }, (_, index) => `term${index}`);
  let state = 12345;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const words = (count: number) =>
    Array.from({ length: count }, () => vocabulary[Math.floor(next() * next() * vocabulary.length)]).join(
      " ",
    );

  beforeAll(async () => {
    store = new SqliteStore({ path: ":memory:" });
    for (let document = 0; document < 60; document++) {
      await store.putDocument(
        documentInput(
          `/${document % 3 === 0 ? "y" : "x"}/doc-${document}.md`,
          Array.from({ length: 8 }, () => words(4 + Math.floor(next() * 12))),
          {
            collection: document % 4 === 0 ? "rare" : "common",
            metadata: { kind: document % 2 === 0 ? "even" : "odd" },
          },
        ),
      );
    }
    // Copies of one passage: equal scores, so the order among them is the chunk ids'.
    for (let copy = 0; copy < 5; copy++)
      await store.putDocument(documentInput(`/copies/${copy}.md`, ["term0 term1"]));
  });
  afterAll(() => store.close());

  const filters: SearchFilter[] = [
    {},
    { collection: "rare" },
    { collection: "common" },
    { sourcePrefix: "/y/" },
    { metadata: { kind: "odd" } },
    { collection: "rare", metadata: { kind: "even" }, sourcePrefix: "/y/" },
    { sourcePrefix: "/copies/" },
    { collection: "none" },
  ];

  it("for 30 queries × 4 depths × 8 filters, hit for hit", async () => {
    let compared = 0;
    for (let query = 0; query < 30; query++) {
      const text = words(1 + (query % 3));
      for (const k of [1, 3, 10, 40]) {
        for (const filter of filters) {
          const expected = exhaustive(store, text, k, filter);
          expect(
            summary(await store.lexicalSearch(text, k, filter)),
            `${text} k=${k} ${JSON.stringify(filter)}`,
          ).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    // The comparison saw real results, with filters that pass only some of the best matches.
    expect(compared).toBeGreaterThan(5000);
  });

  it("regression: a selective filter whose chunks rank below the first window still finds them", async () => {
    const text = "term0 term1";
    const expected = exhaustive(store, text, 5, { collection: "rare", sourcePrefix: "/y/" });
    expect(expected.length).toBe(5);
    const unfiltered = exhaustive(store, text, 1000, {}).map((hit) => hit.chunkId);
    // The best of them sits beyond 4·k in the overall ranking: the first window alone would miss it.
    expect(unfiltered.indexOf(expected[4]!.chunkId)).toBeGreaterThan(20);
    expect(summary(await store.lexicalSearch(text, 5, { collection: "rare", sourcePrefix: "/y/" }))).toEqual(
      expected,
    );
  });
});
