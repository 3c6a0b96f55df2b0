/**
 * The store contract against a real PostgreSQL 15 + pgvector (a throwaway cluster). Skipped, with the
 * reason, only outside CI when PostgreSQL or pgvector is not installed; under CI=true a missing one fails.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/memory/postgres-store.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../src/testing/postgres.js";
import { describeStoreContract, documentInput } from "./store-contract.js";

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
  async function freshUrl(): Promise<string> {
    const name = `memory_${databases++}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(server.url);
    url.pathname = `/${name}`;
    return url.href;
  }

  describeStoreContract("PostgreSQL", async () => PostgresStore.connect({ url: await freshUrl() }));

  it("prepares the schema once even when two processes start together, and uses the sign-bit HNSW index", async () => {
    const url = await freshUrl();
    const [first, second] = await Promise.all([
      PostgresStore.connect({ url }),
      PostgresStore.connect({ url }),
    ]);
    await first.putDocument(documentInput("/a", ["indexed words"]));
    const plan = await first.query(
      `explain select id from agente_memory_chunks where dimensions = 64
       order by binary_quantize(embedding::vector(64))::bit(64) <~> binary_quantize($1::vector(64))::bit(64) limit 5`,
      [`[${new Array(64).fill(0.125).join(",")}]`],
    );
    expect(JSON.stringify(plan.rows)).toMatch(/Index Scan using agente_memory_chunks_bq_64/);
    await Promise.all([first.close(), second.close()]);
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
