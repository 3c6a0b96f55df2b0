/**
 * Loads the sample invoicing database (schema.sql + seed.sql beside this file) into a PostgreSQL
 * database, in one transaction: either everything is there afterwards or nothing changed.
 * Re-loading replaces the sample tables (and only them).
 */
import { readFile } from "node:fs/promises";
import pg from "pg";

export interface SampleDatabaseSummary {
  clientes: number;
  productos: number;
  facturas: number;
  lineas: number;
}

/** The SQL files, in the order they run. */
export const SAMPLE_DATABASE_FILES = ["schema.sql", "seed.sql"] as const;

export async function loadSampleDatabase(databaseUrl: string): Promise<SampleDatabaseSummary> {
  const scripts = await Promise.all(
    SAMPLE_DATABASE_FILES.map((name) => readFile(new URL(name, import.meta.url), "utf8")),
  );
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    try {
      for (const script of scripts) await client.query(script);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    const counts = await client.query<{
      clientes: number;
      productos: number;
      facturas: number;
      lineas: number;
    }>(
      `SELECT (SELECT count(*) FROM clientes)::int AS clientes,
              (SELECT count(*) FROM productos)::int AS productos,
              (SELECT count(*) FROM facturas)::int AS facturas,
              (SELECT count(*) FROM lineas_factura)::int AS lineas`,
    );
    return counts.rows[0]!;
  } finally {
    await client.end();
  }
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for messages. */
export function redactDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password !== "") url.password = "***";
    return url.toString();
  } catch {
    return "<unparseable connection string>";
  }
}

/**
 * Creates (or updates) a login role that may only read the sample tables, with read-only transactions
 * by default: what the PostgreSQL MCP server should connect as. Its READ ONLY transaction alone can be
 * escaped with `COMMIT; <write>`; a role without write privileges cannot be.
 */
export async function createReaderRole(databaseUrl: string, role: string, password?: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const name = client.escapeIdentifier(role);
    const login = password === undefined ? "LOGIN" : `LOGIN PASSWORD ${client.escapeLiteral(password)}`;
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    await client.query(
      exists.rowCount === 0 ? `CREATE ROLE ${name} ${login}` : `ALTER ROLE ${name} ${login}`,
    );
    const database = client.escapeIdentifier(client.database ?? "postgres");
    await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${name}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${name}`);
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${name}`);
    await client.query(`ALTER ROLE ${name} SET default_transaction_read_only = on`);
  } finally {
    await client.end();
  }
}
