/**
 * The seed's topology through agente's own hub: a starter config (as `agente init` writes it) with the
 * memory server, Odoo (disabled: no ODOO_URL), the filesystem server on a folder and the PostgreSQL
 * server on the sample database, loaded by `openHub` from a real file with `${VAR}`s filled from the
 * environment. Plus a Google Maps entry without its key: reported as needing it, the rest unaffected.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReaderRole, loadSampleDatabase } from "../../scripts/sample-db/load.js";
import { buildStarterConfig, communityServer } from "../../src/config/starter-config.js";
import type { McpHub } from "../../src/mcp/hub.js";
import { openHub } from "../../src/runtime/open-hub.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../src/testing/postgres.js";

const repository = fileURLToPath(new URL("../..", import.meta.url));

/** agente's own servers from source through tsx, so this test needs no build. */
function builtinFromSource(name: "memory" | "odoo") {
  return {
    command: process.execPath,
    args: ["--import", "tsx", join(repository, "src/servers", name, "main.ts")],
  };
}

function textOf(result: { content: unknown }): string {
  const content = result.content as Array<{ type: string; text?: string }>;
  return content.find((part) => part.type === "text")?.text ?? "";
}

describe.skipIf(!postgresAvailable())("the starter topology through openHub", () => {
  let database: RunningPostgres;
  let root: string;
  let hub: McpHub;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    database = await startPostgres();
    await loadSampleDatabase(database.url);
    await createReaderRole(database.url, "agente_lector");
    root = await mkdtemp(join(tmpdir(), "agente-hub-"));
    await mkdir(join(root, "documentos"));
    await writeFile(join(root, "documentos", "nota.txt"), "Empresa Y paga a 60 días.\n");
    env = {
      PATH: process.env.PATH,
      HOME: root,
      DATABASE_URL: `postgres://agente_lector@${database.host}:${database.port}/postgres`,
      AGENTE_MEMORY_PATH: join(root, "memory.sqlite"),
      AGENTE_EMBEDDER: "none",
    };
    const config = buildStarterConfig({
      folder: join(root, "documentos"),
      env,
      builtin: builtinFromSource,
      community: (name) => communityServer(name),
    });
    // A maps entry whose key is not set: the hub must report it, not fail.
    config.mcpServers.maps = {
      ...communityServer("googleMaps"),
      env: { GOOGLE_MAPS_API_KEY: "${GOOGLE_MAPS_API_KEY}" },
    };
    await writeFile(join(root, "agente.json"), JSON.stringify(config, null, 2));
    ({ hub } = await openHub({ cwd: root, env }));
  });

  afterAll(async () => {
    await hub?.close();
    await database?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("brings up memory, filesystem and PostgreSQL; Odoo is disabled; Maps says which key to set", () => {
    const states = Object.fromEntries(hub.statuses().map((status) => [status.name, status.state]));
    expect(states).toEqual({
      memory: "up",
      odoo: "disabled",
      filesystem: "up",
      postgres: "up",
      maps: "down",
    });
    const maps = hub.statuses().find((status) => status.name === "maps");
    expect(maps?.reason).toContain("GOOGLE_MAPS_API_KEY");
  });

  it("hides the filesystem write tools (the starter config is read-only)", () => {
    const names = hub.tools().map((tool) => tool.name);
    expect(names).toContain("read_text_file");
    expect(names).not.toContain("write_file");
    expect(names).not.toContain("edit_file");
    expect(names).not.toContain("move_file");
  });

  it("answers «¿cuántas facturas tiene el cliente Empresa X?» through the hub's `query` tool", async () => {
    const result = await hub.callTool("query", {
      sql: "SELECT count(*)::int AS facturas FROM facturas f JOIN clientes c ON c.id = f.cliente_id WHERE c.nombre = 'Empresa X'",
    });
    expect(result.isError).not.toBe(true);
    expect(JSON.parse(textOf(result))).toEqual([{ facturas: 4 }]);
  });

  it("reads a file of the named folder through the hub", async () => {
    const result = await hub.callTool("read_text_file", { path: join(root, "documentos", "nota.txt") });
    expect(textOf(result)).toContain("Empresa Y paga a 60 días.");
  });

  it("refuses a write through PostgreSQL", async () => {
    const outcome = await hub.callTool("query", { sql: "DELETE FROM facturas" }).then(
      (result) => ({ failed: result.isError === true, text: textOf(result) }),
      (error: unknown) => ({ failed: true, text: String(error) }),
    );
    expect(outcome.failed).toBe(true);
    expect(outcome.text).toMatch(/read-only transaction/);
  });
});
