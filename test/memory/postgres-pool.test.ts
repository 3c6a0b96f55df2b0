/** The PostgreSQL store's pool: every connection is set for HNSW searches before its first query runs. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openPool } from "../../src/memory/postgres-pool.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../src/testing/postgres.js";

const available = postgresAvailable({ extensions: ["vector"] });

describe.skipIf(!available)("openPool", () => {
  let server: RunningPostgres;
  beforeAll(async () => {
    server = await startPostgres({ extensions: ["vector"] });
  });
  afterAll(() => server?.stop());

  it("regression: sets ef_search and iterative scans in the start-up packet, not by a query racing the first", async () => {
    const warnings = vi.spyOn(process, "emitWarning");
    const pool = openPool(server.url);
    try {
      const [efSearch, iterative] = await Promise.all([
        pool.query<{ value: string }>("select current_setting('hnsw.ef_search') as value"),
        pool.query<{ value: string }>("select current_setting('hnsw.iterative_scan') as value"),
      ]);
      expect(efSearch.rows[0]?.value).toBe("100");
      expect(iterative.rows[0]?.value).toBe("relaxed_order");
      expect(warnings).not.toHaveBeenCalled();
    } finally {
      warnings.mockRestore();
      await pool.end();
    }
  });
});
