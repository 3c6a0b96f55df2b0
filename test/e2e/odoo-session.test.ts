/**
 * End to end, the seed's session through Odoo: "consulta empresa Empresa X" → the real agente CLI
 * (`./bin/agente`) → the real Odoo MCP server (`dist/servers/odoo/main.js`, a child process over stdio)
 * → a fake Odoo 17 (XML-RPC) or 19 (JSON-2) over HTTP → `consultar_empresa` → answer. The model is
 * scripted; what it is shown is real: the fake's data for Empresa X must reach it as the observation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOdoo, startFakeOdoo } from "../../src/testing/fake-odoo/index.js";
import {
  answer,
  type ScriptedOllama,
  startScriptedOllama,
  toolCall,
} from "../../src/testing/scripted-ollama.js";
import { createWorkspace, parseAsk, REPO_ROOT, SLOW_TEST_MS, type Workspace } from "./support/workspace.js";

const odooServer = [`${REPO_ROOT}dist/servers/odoo/main.js`];

describe.each([
  { version: 17 as const, protocol: "xmlrpc" },
  { version: 19 as const, protocol: "json2" },
])("the seed's session on Odoo $version ($protocol)", { timeout: SLOW_TEST_MS }, ({ version, protocol }) => {
  let odoo: FakeOdoo;
  let workspace: Workspace;
  let config: string;

  beforeAll(async () => {
    odoo = await startFakeOdoo({ version });
    workspace = await createWorkspace();
    // As a user would write it: the secret comes from the environment, not the file.
    config = await workspace.writeConfig({
      mcpServers: {
        odoo: {
          command: process.execPath,
          args: odooServer,
          env: {
            ODOO_URL: "${ODOO_URL}",
            ODOO_DB: "${ODOO_DB}",
            ODOO_USER: "${ODOO_USER}",
            ODOO_API_KEY: "${ODOO_API_KEY}",
          },
        },
      },
    });
  });

  afterAll(async () => {
    await odoo?.close();
    await workspace?.remove();
  });

  it("consulta empresa Empresa X → consultar_empresa → an answer built on Odoo's real data", async () => {
    const model: ScriptedOllama = await startScriptedOllama([
      toolCall("consultar_empresa", { nombre: "Empresa X" }),
      answer("Empresa X (Madrid) tiene 6 empleados y una oportunidad abierta de 20.000."),
    ]);
    try {
      const run = await workspace.agente(
        ["--config", config, "ask", "--json", "consulta empresa Empresa X"],
        {
          env: {
            OLLAMA_HOST: model.url,
            ODOO_URL: odoo.url,
            ODOO_DB: odoo.database,
            ODOO_USER: odoo.login,
            ODOO_API_KEY: odoo.apiKey,
          },
        },
      );
      const output = parseAsk(run);
      expect(run.code, run.stderr).toBe(0);
      expect(output.stopReason).toBe("answer");
      expect(output.answer).toBe("Empresa X (Madrid) tiene 6 empleados y una oportunidad abierta de 20.000.");
      expect(output.steps[0]?.action).toEqual({
        kind: "tool",
        tool: "consultar_empresa",
        args: { nombre: "Empresa X" },
      });
      expect(output.steps[0]?.isError).toBe(false);

      // The observation the model read on its second call holds the fake's records for Empresa X:
      // res.partner 1's contact data, res.company 1's six employees, its one open opportunity.
      const observation = model.lastMessage(1);
      expect(observation).toContain("consultar_empresa");
      expect(observation).toContain("Empresa X (id 1)");
      expect(observation).toContain("info@empresax.es");
      expect(observation).toContain("Calle Mayor 1, Madrid");
      expect(observation).toContain("employees: 6");
      expect(observation).toContain("Open opportunities: 1 (expected revenue 20,000)");
      expect(observation).not.toContain("Empresa Y");
      expect(model.chats()).toHaveLength(2);

      // The data came over the wire this Odoo version speaks, with the key from the environment.
      const orm = odoo.requests.filter((request) => request.model !== undefined);
      expect(orm.map((request) => request.model)).toContain("res.partner");
      expect(new Set(orm.map((request) => request.protocol))).toEqual(new Set([protocol]));
      expect(orm.every((request) => request.credential === odoo.apiKey)).toBe(true);
      // The key never shows in what agente prints.
      expect(run.stdout + run.stderr).not.toContain(odoo.apiKey);
    } finally {
      await model.close();
    }
  });
});
