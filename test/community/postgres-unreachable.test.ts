/**
 * server-postgres with a database that is not there. The server connects lazily, so it starts and the
 * hub reports it `up`; the failure shows on the first query, as a tool error naming the refused
 * connection (never the password). Pinned because `agente servers` cannot see it: a health probe has
 * to run a query (or list resources) to report "database unreachable".
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communityServer } from "../../src/config/starter-config.js";
import type { McpHub } from "../../src/mcp/hub.js";
import { openHub } from "../../src/runtime/open-hub.js";

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 1));
    });
  });
}

describe("server-postgres when the database is unreachable", () => {
  let root: string;
  let hub: McpHub;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "agente-pg-down-"));
    const server = communityServer("postgres");
    await writeFile(
      join(root, "agente.json"),
      JSON.stringify({ mcpServers: { postgres: { ...server, args: [...server.args, "${DATABASE_URL}"] } } }),
    );
    const env = {
      PATH: process.env.PATH,
      HOME: root,
      DATABASE_URL: `postgres://lector:s3cr3t@127.0.0.1:${await closedPort()}/demo`,
    };
    ({ hub } = await openHub({ cwd: root, env }));
  });

  afterAll(async () => {
    await hub?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("starts (it connects lazily), so the hub reports it up", () => {
    expect(hub.statuses().map((status) => [status.name, status.state])).toEqual([["postgres", "up"]]);
  });

  it("fails the first query with the refused connection, without the password", async () => {
    const outcome = await hub.callTool("query", { sql: "SELECT 1" }).then(
      (result) => ({ isError: result.isError === true, text: JSON.stringify(result.content) }),
      (error: unknown) => ({ isError: true, text: String(error) }),
    );
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toMatch(/ECONNREFUSED/);
    expect(outcome.text).not.toContain("s3cr3t");
  });
});
