import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { extensionInstalled, postgresAvailable, startPostgres } from "../../src/testing/postgres.js";

const available = postgresAvailable();

/** True while some process is listening on the port (connection accepted). */
async function accepting(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  // The server may be shutting down under us: a terminated connection is an answer, not a crash.
  client.on("error", () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// Each test starts real clusters (initdb alone takes seconds on a loaded 2-core machine).
describe.skipIf(!available)("startPostgres", { timeout: 90_000 }, () => {
  it("starts a cluster on loopback that accepts SQL, with durability off, and stop() removes it", async () => {
    const server = await startPostgres();
    try {
      expect(server.host).toBe("127.0.0.1");
      expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        await client.query("CREATE TABLE t (name text)");
        await client.query("INSERT INTO t VALUES ('Empresa Ñandú')");
        const rows = await client.query<{ name: string }>("SELECT name FROM t");
        expect(rows.rows).toEqual([{ name: "Empresa Ñandú" }]);
        const fsync = await client.query<{ fsync: string }>("SHOW fsync");
        expect(fsync.rows[0]?.fsync).toBe("off");
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
    }
    expect(await accepting(server.url)).toBe(false);
    await server.stop();
  });

  it("runs two clusters side by side on different ports", async () => {
    const [first, second] = await Promise.all([startPostgres(), startPostgres()]);
    try {
      expect(first.port).not.toBe(second.port);
      expect(await accepting(first.url)).toBe(true);
      expect(await accepting(second.url)).toBe(true);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it("creates the requested extensions", async () => {
    const server = await startPostgres({ extensions: ["pg_trgm"] });
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const result = await client.query("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'");
        expect(result.rowCount).toBe(1);
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
    }
  });

  it("fails clearly, and leaves nothing running, when an extension is not installed", async () => {
    await expect(startPostgres({ extensions: ["no_such_extension_here"] })).rejects.toThrow(
      /no_such_extension_here/,
    );
    expect(extensionInstalled("no_such_extension_here")).toBe(false);
    expect(extensionInstalled("pg_trgm")).toBe(true);
  });

  it("does not leave postgres running when the test process is killed with SIGKILL", async () => {
    // A child Node process starts a cluster, prints its URL and data dir, then we SIGKILL it.
    const script = fileURLToPath(new URL("./postgres-orphan-fixture.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => {
        output += chunk;
        if (output.includes("\n")) resolve(output.split("\n")[0]!);
      });
      child.once("exit", (code) => reject(new Error(`fixture exited early with ${code}`)));
    });
    const { url, root } = JSON.parse(line) as { url: string; root: string };
    expect(await accepting(url)).toBe(true);
    child.kill("SIGKILL");
    await vi.waitFor(async () => expect(await accepting(url)).toBe(false), {
      timeout: 15_000,
      interval: 100,
    });
    await vi.waitFor(() => expect(existsSync(root)).toBe(false), { timeout: 15_000, interval: 100 });
  });
});

describe("postgresAvailable", () => {
  it("is false when the binaries are not where AGENTE_PG_BINDIR says", () => {
    const result = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        "import('./src/testing/postgres.ts').then((m) => process.stdout.write(String(m.postgresAvailable())))",
      ],
      { env: { ...process.env, AGENTE_PG_BINDIR: "/nonexistent" }, encoding: "utf8" },
    );
    expect(result.stdout).toBe("false");
  });
});
