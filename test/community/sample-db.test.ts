import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSampleDatabase, redactDatabaseUrl } from "../../scripts/sample-db/load.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../src/testing/postgres.js";

describe.skipIf(!postgresAvailable())("the sample invoicing database", () => {
  let server: RunningPostgres;
  let client: pg.Client;

  beforeAll(async () => {
    server = await startPostgres();
    const summary = await loadSampleDatabase(server.url);
    expect(summary).toEqual({ clientes: 5, productos: 5, facturas: 10, lineas: 15 });
    client = new pg.Client({ connectionString: server.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  it("answers «¿cuántas facturas tiene el cliente Empresa X?»", async () => {
    const result = await client.query<{ facturas: number }>(
      `SELECT count(*)::int AS facturas FROM facturas f JOIN clientes c ON c.id = f.cliente_id
       WHERE c.nombre ILIKE $1`,
      ["%empresa x%"],
    );
    expect(result.rows[0]?.facturas).toBe(4);
  });

  it("keeps the notebook's figures: Empresa X has 100 employees, Empresa Y 200", async () => {
    const result = await client.query<{ nombre: string; empleados: number }>(
      "SELECT nombre, empleados FROM clientes WHERE nombre IN ('Empresa X', 'Empresa Y') ORDER BY nombre",
    );
    expect(result.rows).toEqual([
      { nombre: "Empresa X", empleados: 100 },
      { nombre: "Empresa Y", empleados: 200 },
    ]);
  });

  it("computes invoice totals with VAT, and per-customer totals that leave out drafts and voided invoices", async () => {
    const invoice = await client.query<{ base_imponible: string; iva: string; total: string }>(
      "SELECT base_imponible, iva, total FROM facturas_con_total WHERE numero = 'F2025-0001'",
    );
    // 1 ERP licence (1200) + 10 consulting hours (60) = 1800, 21 % VAT.
    expect(invoice.rows[0]).toEqual({ base_imponible: "1800.00", iva: "378.00", total: "2178.00" });

    const summary = await client.query<{
      cliente: string;
      facturas: string;
      total_facturado: string;
      pendiente_de_cobro: string;
    }>(
      "SELECT cliente, facturas, total_facturado, pendiente_de_cobro FROM resumen_clientes ORDER BY cliente",
    );
    expect(summary.rows.find((row) => row.cliente === "Empresa X")).toEqual({
      cliente: "Empresa X",
      facturas: "4",
      total_facturado: "3000.80",
      pendiente_de_cobro: "520.30",
    });
    // A customer with no invoices still appears, with zeros.
    expect(summary.rows.find((row) => row.cliente === "Talleres Nervión S.A.")).toMatchObject({
      facturas: "0",
      total_facturado: "0",
    });
  });

  it("can be loaded again over itself (the scripts drop and recreate their own tables)", async () => {
    const summary = await loadSampleDatabase(server.url);
    expect(summary.facturas).toBe(10);
  });

  it("loads through the documented command, reading DATABASE_URL", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/sample-db/create.ts"], {
      env: { ...process.env, DATABASE_URL: server.url },
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("5 clientes, 5 productos, 10 facturas, 15 líneas");
  });
});

describe("the sample database command", () => {
  it("says what to pass when no database is given", () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/sample-db/create.ts"], {
      env,
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("set DATABASE_URL");
  });

  it("never prints the password of a connection string", () => {
    expect(redactDatabaseUrl("postgres://agente:s3cr3t@db:5432/demo")).toBe(
      "postgres://agente:***@db:5432/demo",
    );
    expect(redactDatabaseUrl("not a url s3cr3t")).not.toContain("s3cr3t");
  });
});
