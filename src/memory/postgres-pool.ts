/** The PostgreSQL store's connection pool, and transactions on it. */
import pg from "pg";

/** The pool, or one client of it inside a transaction. */
export type Queryable = pg.Pool | pg.ClientBase;

/** A pool of up to 4 connections. Connects lazily. */
export function openPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
  });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on("error", () => {});
  return pool;
}

/** Runs `work` on one client between begin and commit; rolls back and rethrows when it fails. */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
