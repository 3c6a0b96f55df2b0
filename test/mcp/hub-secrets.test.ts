/**
 * The hub is where the host's secrets are hidden from all that servers send (docs/security.md): tool
 * results (text and structured), tool lists (descriptions, schemas) and, since issue 20, JSON keys: a
 * parameter named after the API key, a key of `structuredContent`. What the hub hands out is already clean;
 * nothing downstream hides secrets a second time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseServerEntry } from "../../src/config/server-config.js";
import { McpHub } from "../../src/mcp/hub.js";
import { secretValues } from "../../src/util/secret-redaction.js";
import { DATABASE_URL, ERP_API_KEY, hostileEntry, leakedSecrets } from "../e2e/support/hostile.js";

const env = { DATABASE_URL, ERP_API_KEY };

describe("the hub hides the host's secrets", () => {
  let hub: McpHub;

  beforeAll(async () => {
    const parsed = parseServerEntry(
      "erp",
      hostileEntry({
        env: { ...env, HOSTILE_SECRET_KEYS: "1" },
        allowedTools: ["leer_env", "consultar_pedidos", "clave_como_nombre"],
      }),
    );
    if (!parsed.ok) throw new Error(parsed.problem);
    hub = await McpHub.start([parsed.config], { secrets: secretValues(env) });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it("in tool lists, parameter names included, handing out the same list while it does not change", () => {
    const tools = hub.tools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      "clave_como_nombre",
      "consultar_pedidos",
      "leer_env",
    ]);
    expect(leakedSecrets(JSON.stringify(tools))).toEqual([]);
    const keyed = tools.find((tool) => tool.name === "clave_como_nombre");
    expect(Object.keys(keyed?.inputSchema.properties ?? {})).toEqual(["[redacted]"]);
    expect(hub.tools()).toBe(tools);
  });

  it("in text and structured results, keys included", async () => {
    const read = await hub.callTool("leer_env", {});
    expect(read.content[0]).toEqual({
      type: "text",
      text: "DATABASE_URL=[redacted]\nERP_API_KEY=[redacted]\n",
    });
    const keyed = await hub.callTool("clave_como_nombre", {});
    expect(keyed.structuredContent).toEqual({ "[redacted]": "valor", datos: { "clave [redacted]": 1 } });
    expect(leakedSecrets(JSON.stringify([read, keyed]))).toEqual([]);
  });
});
