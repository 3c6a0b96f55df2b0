/**
 * Child process for postgres.test.ts: starts a cluster, prints `{url, root}` and waits to be
 * killed, so the test can check that a SIGKILLed test process leaves no postgres behind.
 */
import { dirname } from "node:path";
import pg from "pg";
import { startPostgres } from "../../src/testing/postgres.js";

const server = await startPostgres();
const client = new pg.Client({ connectionString: server.url });
await client.connect();
const result = await client.query<{ setting: string }>(
  "SELECT setting FROM pg_settings WHERE name = 'data_directory'",
);
await client.end();
const root = dirname(result.rows[0]!.setting);
process.stdout.write(`${JSON.stringify({ url: server.url, root })}\n`);
setInterval(() => undefined, 1000);
