/**
 * @modelcontextprotocol/server-postgres, the real npm package started from node_modules, against a
 * throwaway cluster holding the sample database.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReaderRole, loadSampleDatabase } from "../../scripts/sample-db/load.js";
import { communityServer } from "../../src/config/starter-config.js";
import { connectStdio, firstText, type StdioSession } from "../../src/testing/connect-stdio.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../src/testing/postgres.js";

async function scalar<T>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ value: T }>(sql);
    return result.rows[0]!.value;
  } finally {
    await client.end();
  }
}

const countLines = (url: string) => scalar<number>(url, "SELECT count(*)::int AS value FROM lineas_factura");
const tableExists = (url: string, table: string) =>
  scalar<boolean>(url, `SELECT to_regclass('public.${table}') IS NOT NULL AS value`);

/**
 * Runs `sql` through the server's `query` tool. A refused query comes back as an error: a JSON-RPC
 * error, an `isError` result, or (for multi-statement text, whose result the server cannot serialise)
 * a response the client rejects.
 */
async function runQuery(session: StdioSession, sql: string): Promise<{ ok: boolean; text: string }> {
  try {
    const result = await session.client.callTool({ name: "query", arguments: { sql } });
    return { ok: result.isError !== true, text: firstText(result) };
  } catch (error) {
    return { ok: false, text: error instanceof Error ? error.message : String(error) };
  }
}

describe.skipIf(!postgresAvailable())("@modelcontextprotocol/server-postgres", () => {
  let database: RunningPostgres;
  let readerUrl: string;
  let admin: StdioSession;
  let reader: StdioSession;

  beforeAll(async () => {
    database = await startPostgres();
    await loadSampleDatabase(database.url);
    await createReaderRole(database.url, "agente_lector");
    readerUrl = `postgres://agente_lector@${database.host}:${database.port}/postgres`;
    const server = communityServer("postgres");
    admin = await connectStdio({ command: server.command, args: [...server.args, database.url] });
    reader = await connectStdio({ command: server.command, args: [...server.args, readerUrl] });
  });

  afterAll(async () => {
    await admin?.close();
    await reader?.close();
    await database?.stop();
  });

  it("starts from node_modules on this Node and offers one `query` tool", async () => {
    expect(communityServer("postgres").command).toBe(process.execPath);
    const { tools } = await reader.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["query"]);
  });

  it("lists the sample tables as schema resources", async () => {
    const { resources } = await reader.client.listResources();
    const names = resources.map((resource) => resource.name);
    expect(names).toEqual(
      expect.arrayContaining([
        '"clientes" database schema',
        '"facturas" database schema',
        '"productos" database schema',
        '"lineas_factura" database schema',
      ]),
    );
  });

  it("answers «¿cuántas facturas tiene el cliente Empresa X?» with a SQL query", async () => {
    const result = await runQuery(
      reader,
      "SELECT count(*)::int AS facturas FROM facturas f JOIN clientes c ON c.id = f.cliente_id WHERE c.nombre = 'Empresa X'",
    );
    expect(result.ok).toBe(true);
    expect(JSON.parse(result.text)).toEqual([{ facturas: 4 }]);
  });

  it("refuses a write statement: the server runs each query in a READ ONLY transaction", async () => {
    const before = await countLines(database.url);
    const result = await runQuery(admin, "DELETE FROM lineas_factura");
    expect(result.ok).toBe(false);
    expect(result.text).toMatch(/read-only transaction/);
    expect(await countLines(database.url)).toBe(before);
  });

  it("regression: `COMMIT; <write>` escapes server-postgres 0.6.2's READ ONLY transaction for a role that may write", async () => {
    // Pins a known weakness of the community server (it sends the text as one multi-statement query,
    // so COMMIT ends its read-only transaction). If this starts failing, the package fixed it: update
    // docs/configuration.md, which tells users to connect it as a SELECT-only role for that reason.
    await runQuery(admin, "COMMIT; CREATE TABLE escaped_read_only (id int)");
    expect(await tableExists(database.url, "escaped_read_only")).toBe(true);
  });

  it("cannot write through `COMMIT; <write>` when it connects as the SELECT-only reader role", async () => {
    const before = await countLines(database.url);
    const deleted = await runQuery(reader, "COMMIT; DELETE FROM lineas_factura");
    expect(deleted.ok).toBe(false);
    const created = await runQuery(
      reader,
      "COMMIT; BEGIN READ WRITE; CREATE TABLE lector_t (id int); COMMIT",
    );
    expect(created.ok).toBe(false);
    expect(await tableExists(database.url, "lector_t")).toBe(false);
    expect(await countLines(database.url)).toBe(before);
  });
});
