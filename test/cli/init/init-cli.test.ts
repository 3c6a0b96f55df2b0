/**
 * `agente init` then `agente servers` and `agente tools call` through the real CLI (built dist/), against
 * real servers: the starter config brings up memory, the filesystem and PostgreSQL (the sample database,
 * its connection string only in .env), with Odoo disabled and no Maps key.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReaderRole, loadSampleDatabase } from "../../../scripts/sample-db/load.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../../src/testing/postgres.js";
import { runCli } from "../../support/run-cli.js";

describe.skipIf(!postgresAvailable())("agente init through the real CLI", () => {
  let database: RunningPostgres;
  let folder: string;
  let env: NodeJS.ProcessEnv;
  let readerUrl: string;

  beforeAll(async () => {
    database = await startPostgres();
    await loadSampleDatabase(database.url);
    await createReaderRole(database.url, "agente_lector", "lector-s3cr3t");
    readerUrl = `postgres://agente_lector:lector-s3cr3t@${database.host}:${database.port}/postgres`;
    folder = await mkdtemp(join(tmpdir(), "agente-init-cli-"));
    await mkdir(join(folder, "documentos"));
    await writeFile(
      join(folder, "documentos", "horario.md"),
      "# Horario\nAtención al cliente de 9:00 a 14:00.\n",
    );
    // No DATABASE_URL, ODOO_URL or Maps key in the environment: everything comes from init and .env.
    env = {
      PATH: process.env.PATH,
      HOME: folder,
      AGENTE_MEMORY_PATH: join(folder, "memory.db"),
      AGENTE_EMBEDDER: "none",
    };
  });

  afterAll(async () => {
    await database?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it("writes the config, keeps the password out of it, and the servers come up from it", async () => {
    const init = await runCli(["init", "--folder", "documentos", "--database-url", readerUrl], {
      cwd: folder,
      env,
    });
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(`wrote ${join(folder, "agente.json")}`);
    expect(init.stdout).not.toContain("lector-s3cr3t");
    expect(await readFile(join(folder, "agente.json"), "utf8")).not.toContain("lector-s3cr3t");

    const servers = await runCli(["servers", "--json"], { cwd: folder, env });
    expect(servers.code).toBe(0);
    const statuses = JSON.parse(servers.stdout) as Array<{ name: string; state: string; reason?: string }>;
    expect(Object.fromEntries(statuses.map((status) => [status.name, status.state]))).toEqual({
      memory: "up",
      odoo: "disabled",
      filesystem: "up",
      postgres: "up",
    });
  });

  it("answers «¿cuántas facturas tiene el cliente Empresa X?» with `agente tools call query`", async () => {
    const sql = "SELECT count(*)::int AS facturas FROM facturas_con_total WHERE cliente = 'Empresa X'";
    const call = await runCli(["tools", "call", "query", "--args", JSON.stringify({ sql })], {
      cwd: folder,
      env,
    });
    expect(call.code).toBe(0);
    expect(call.stdout).toContain('"facturas": 4');
  });

  it("reads a document with `agente tools call read_text_file`", async () => {
    const call = await runCli(
      [
        "tools",
        "call",
        "read_text_file",
        "--args",
        JSON.stringify({ path: join(folder, "documentos", "horario.md") }),
      ],
      { cwd: folder, env },
    );
    expect(call.code).toBe(0);
    expect(call.stdout).toContain("Atención al cliente de 9:00 a 14:00.");
  });

  it("refuses a second init without --force, exit 1 with the hint", async () => {
    const again = await runCli(["init"], { cwd: folder, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
    expect(again.stderr).toContain("--force");
  });
});
