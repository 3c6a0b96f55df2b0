import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/memory/postgres-store.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../src/testing/postgres.js";
import { describeStoreContract, documentInput, embedderIdentity } from "./store-contract.js";

const available = postgresAvailable({ extensions: ["vector"] });
const skip = !available && !process.env.CI;
if (skip) {
  console.warn(
    "skipping PostgreSQL store tests: PostgreSQL 15 or pgvector is not installed " +
      "(apt-get install postgresql-15 postgresql-server-dev-15 && scripts/install-pgvector.sh)",
  );
}

describe.skipIf(skip)("PostgresStore", () => {
  let server: RunningPostgres;
  let databases = 0;

  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** A fresh database per test, so each starts empty. */
  const freshUrl = () => server.createDatabase(`memory_${databases++}`);

  describeStoreContract("PostgreSQL", async () => PostgresStore.connect({ url: await freshUrl() }));

  it("prepares the schema once even when two processes start together", async () => {
    const url = await freshUrl();
    const [first, second] = await Promise.all([
      PostgresStore.connect({ url }),
      PostgresStore.connect({ url }),
    ]);
    await first.putDocument(documentInput("/a", ["indexed words"]));
    expect((await second.lexicalSearch("indexed", 5, {})).map((hit) => hit.text)).toEqual(["indexed words"]);
    await Promise.all([first.close(), second.close()]);
  });

  it("finds the same top 10 as a brute-force cosine scan on a small corpus", async () => {
    const store = await PostgresStore.connect({ url: await freshUrl() });
    let state = 99;
    const next = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 4294967296 - 0.5;
    };
    const unit = () => {
      const vector = Float32Array.from({ length: embedderIdentity.dimensions }, next);
      const norm = Math.hypot(...vector);
      return vector.map((value) => value / norm);
    };
    const vectors = Array.from({ length: 150 }, unit);
    const texts = vectors.map((_, index) => `passage ${index}`);
    await store.putDocument({ ...documentInput("/many", texts), vectors });
    const query = unit();
    const cosine = (vector: Float32Array) =>
      vector.reduce((sum, value, index) => sum + value * query[index]!, 0);
    const expected = texts
      .map((text, index) => ({ text, score: cosine(vectors[index]!) }))
      .sort((left, right) => right.score - left.score)
      .slice(0, 10);
    const hits = await store.vectorSearch(query, embedderIdentity, 10, {});
    expect(hits.map((hit) => hit.text)).toEqual(expected.map((hit) => hit.text));
    expect(hits[0]!.score).toBeCloseTo(expected[0]!.score, 5);
    await store.close();
  });

  it("never shows the password of its URL", async () => {
    const url = new URL(await freshUrl());
    url.password = "s3cret-pass";
    // Trust auth ignores the password: the store connects and must still hide it.
    const store = await PostgresStore.connect({ url: url.href });
    expect((await store.stats()).location).not.toContain("s3cret-pass");
    await store.close();
  });
});
