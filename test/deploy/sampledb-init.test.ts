/**
 * The sampledb service's first start, replayed on a throwaway cluster: the postgres image's entrypoint
 * runs the files compose.yaml mounts in /docker-entrypoint-initdb.d in name order, `.sql` through psql
 * with ON_ERROR_STOP and `.sh` with the POSTGRES_* variables. The reader role it ends with can read the
 * invoices and cannot write, even through `COMMIT; …`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../src/testing/postgres.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const binDir = process.env.AGENTE_PG_BINDIR ?? "/usr/lib/postgresql/15/bin";

/** compose.yaml's init files for sampledb, as [target name, repository path], in the order they run. */
function initFiles(): Array<[string, string]> {
  const compose = parse(readFileSync(`${root}/compose.yaml`, "utf8")) as {
    services: { sampledb: { volumes: string[] } };
  };
  return compose.services.sampledb.volumes
    .map((volume) => volume.split(":"))
    .filter(([, target]) => target?.startsWith("/docker-entrypoint-initdb.d/"))
    .map(([source, target]) => [target!.split("/").pop()!, source!.replace(/^\.\//, "")] as [string, string])
    .sort(([left], [right]) => left.localeCompare(right));
}

describe.skipIf(!postgresAvailable() || !existsSync(`${binDir}/psql`))("sampledb's init scripts", () => {
  let database: RunningPostgres;
  const readerPassword = "lector con 'comillas'";

  beforeAll(async () => {
    database = await startPostgres();
    const env = {
      ...process.env,
      PATH: `${binDir}:${process.env.PATH}`,
      PGHOST: database.host,
      PGPORT: String(database.port),
      POSTGRES_USER: "postgres",
      POSTGRES_DB: "postgres",
      SAMPLEDB_READER: "agente_lector",
      SAMPLEDB_READER_PASSWORD: readerPassword,
    };
    for (const [name, path] of initFiles()) {
      const command = name.endsWith(".sh")
        ? ["sh", [`${root}/${path}`]]
        : [
            "psql",
            [
              "-v",
              "ON_ERROR_STOP=1",
              "--no-psqlrc",
              "-U",
              "postgres",
              "-d",
              "postgres",
              "-f",
              `${root}/${path}`,
            ],
          ];
      const result = spawnSync(command[0] as string, command[1] as string[], { env, encoding: "utf8" });
      expect({
        name,
        status: result.status,
        stderr: result.stderr.replace(/^psql:.*NOTICE.*\n/gm, ""),
      }).toEqual({
        name,
        status: 0,
        stderr: "",
      });
    }
  });

  afterAll(async () => {
    await database?.stop();
  });

  it("run in the order schema, seed, reader role", () => {
    expect(initFiles().map(([name]) => name)).toEqual(["01-schema.sql", "02-seed.sql", "03-reader-role.sh"]);
  });

  it("leave a reader that answers «¿cuántas facturas tiene el cliente Empresa X?» and cannot write", async () => {
    const reader = new pg.Client({
      host: database.host,
      port: database.port,
      user: "agente_lector",
      password: readerPassword,
      database: "postgres",
    });
    await reader.connect();
    try {
      const count = await reader.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM facturas_con_total WHERE cliente = 'Empresa X'",
      );
      expect(count.rows[0]?.count).toBe(4);
      await expect(reader.query("DELETE FROM lineas_factura")).rejects.toThrow(/read-only transaction/);
      await expect(reader.query("COMMIT; BEGIN READ WRITE; DELETE FROM lineas_factura")).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await reader.end();
    }
  });

  it("refuses to run without a reader password", () => {
    const result = spawnSync("sh", [`${root}/scripts/sample-db/reader-role.sh`], {
      env: { PATH: `${binDir}:${process.env.PATH}` },
      encoding: "utf8",
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("set SAMPLEDB_READER_PASSWORD");
  });
});
