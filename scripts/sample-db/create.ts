/**
 * Creates the sample invoicing database in the PostgreSQL database you name.
 *
 *   npx tsx scripts/sample-db/create.ts "postgres://user:password@localhost:5432/agente_demo"
 *   DATABASE_URL=postgres://… npx tsx scripts/sample-db/create.ts
 *
 * It drops and recreates its own tables (clientes, productos, facturas, lineas_factura and two views);
 * nothing else in the database is touched. The database itself must exist (createdb agente_demo).
 */
import { loadSampleDatabase, redactDatabaseUrl } from "./load.js";

const databaseUrl = process.argv[2] ?? process.env.DATABASE_URL;
if (databaseUrl === undefined || databaseUrl === "") {
  process.stderr.write(
    "error: no database given\nhint: pass a connection string (postgres://user:password@host:5432/db) or set DATABASE_URL\n",
  );
  process.exit(2);
}
try {
  const summary = await loadSampleDatabase(databaseUrl);
  process.stdout.write(
    `sample database loaded into ${redactDatabaseUrl(databaseUrl)}: ${summary.clientes} clientes, ` +
      `${summary.productos} productos, ${summary.facturas} facturas, ${summary.lineas} líneas\n`,
  );
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `error: could not load the sample database into ${redactDatabaseUrl(databaseUrl)}: ${message}\n` +
      "hint: check that the server is running, the database exists and the user may create tables\n",
  );
  process.exit(1);
}
