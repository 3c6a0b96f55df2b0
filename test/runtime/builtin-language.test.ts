/** agente's own servers learn the person's language from AGENTE_LANG; other servers are left alone. */
import { describe, expect, it } from "vitest";
import type { StdioServerConfig } from "../../src/config/server-config.js";
import { withBuiltinLanguage } from "../../src/runtime/builtin-language.js";
import { builtinServer } from "../../src/servers/builtin.js";

function stdio(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): StdioServerConfig {
  return {
    name,
    transport: "stdio",
    command,
    args,
    env,
    cwd: undefined,
    disabled: false,
    timeoutMs: 60_000,
    connectTimeoutMs: 30_000,
    allowedTools: undefined,
    excludedTools: [],
    requireApproval: false,
    missingVariables: [],
  };
}

describe("withBuiltinLanguage", () => {
  it("sets AGENTE_LANG on the built-in Odoo and memory servers only", () => {
    const odoo = builtinServer("odoo");
    const memory = builtinServer("memory");
    const servers = withBuiltinLanguage(
      [
        stdio("odoo", odoo.command, odoo.args, { ODOO_URL: "http://erp" }),
        stdio("memory", memory.command, memory.args),
        stdio("other", "npx", ["-y", "some-server"]),
      ],
      "es",
    );
    expect(servers.map((server) => (server.transport === "stdio" ? server.env : {}))).toEqual([
      { ODOO_URL: "http://erp", AGENTE_LANG: "es" },
      { AGENTE_LANG: "es" },
      {},
    ]);
  });

  it("keeps an AGENTE_LANG the entry sets itself", () => {
    const odoo = builtinServer("odoo");
    const [server] = withBuiltinLanguage(
      [stdio("odoo", odoo.command, odoo.args, { AGENTE_LANG: "en" })],
      "es",
    );
    expect(server?.transport === "stdio" ? server.env.AGENTE_LANG : undefined).toBe("en");
  });
});
