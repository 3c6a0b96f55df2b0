/**
 * The Odoo server as agente uses it: started by the MCP hub from an `mcpServers` entry, its tools seen
 * through `ToolHub` with their annotations (so the agent knows which ones need approval), and called.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseServerEntry } from "../../../src/config/server-config.js";
import { McpHub } from "../../../src/mcp/hub.js";
import { type FakeOdoo, startFakeOdoo } from "../../../src/testing/fake-odoo/index.js";
import { envFor } from "./stdio-harness.js";

const entry = fileURLToPath(new URL("../../../src/servers/odoo/main.ts", import.meta.url));

describe("the Odoo server behind the hub", () => {
  let odoo: FakeOdoo;
  let hub: McpHub;

  beforeAll(async () => {
    odoo = await startFakeOdoo({ version: 19 });
    const parsed = parseServerEntry("odoo", {
      command: process.execPath,
      args: ["--import", "tsx", entry],
      env: envFor(odoo, { ODOO_WRITE: "1" }),
    });
    if (!parsed.ok) throw new Error(parsed.problem);
    hub = await McpHub.start([parsed.config]);
  });
  afterAll(async () => {
    await hub?.close();
    await odoo?.close();
  });

  it("exposes read tools as read-only and write tools as destructive", () => {
    const tools = new Map(hub.tools().map((tool) => [tool.originalName, tool]));
    expect(tools.get("consultar_empresa")?.annotations.readOnlyHint).toBe(true);
    expect(tools.get("crear_oportunidad")?.annotations.destructiveHint).toBe(true);
    expect(tools.get("mover_oportunidad")?.annotations.destructiveHint).toBe(true);
    expect(tools.get("registrar_nota")?.annotations.destructiveHint).toBe(true);
  });

  it("answers consultar_empresa with real ERP data, as the prototype's mock never did", async () => {
    const name = hub.tools().find((tool) => tool.originalName === "consultar_empresa")?.name ?? "";
    const result = await hub.callTool(name, { nombre: "Acme" });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ encontrada: true, empresa: { nombre: "Acme Corp" } });
  });
});
