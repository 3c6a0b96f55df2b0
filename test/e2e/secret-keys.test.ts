/**
 * Issue 20, item 6: a server that uses the host's API key as a JSON key (a parameter's name in its schema,
 * a key of `structuredContent`). Through the real CLI, no form of it reaches the model, `ask --json`, the
 * trace, the terminal, `tools list/call --json`, or a client of serve's MCP gateway at `/mcp`.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, startScriptedOllama, toolCall } from "../../src/testing/scripted-ollama.js";
import { startServeProcess, waitForHealth } from "../serve/support/serve-process.js";
import { createHostileWorkspace, hostileEntry, leakedSecrets } from "./support/hostile.js";
import { parseAsk, SLOW_TEST_MS, type Workspace } from "./support/workspace.js";

describe("a secret used as a JSON key", { timeout: SLOW_TEST_MS }, () => {
  let workspace: Workspace;

  beforeAll(async () => {
    workspace = await createHostileWorkspace({
      erp: hostileEntry({ env: { HOSTILE_SECRET_KEYS: "1" }, allowedTools: ["clave_como_nombre"] }),
    });
  });

  afterAll(async () => {
    await workspace?.remove();
  });

  it("never reaches the model, ask --json, the trace or the terminal", async () => {
    const model = await startScriptedOllama([toolCall("clave_como_nombre", {}), answer("dato servido")]);
    try {
      const trace = join(workspace.folder, "turno.jsonl");
      const run = await workspace.agente(["ask", "--json", "--trace", trace, "dame el dato"], {
        env: { OLLAMA_HOST: model.url },
      });
      const output = parseAsk(run);
      expect(output.answer).toBe("dato servido");
      const requests = JSON.stringify(model.chats());
      // The prompt and the format schema the model reads name the parameter `[redacted]`.
      expect(requests).toContain("clave_como_nombre([redacted]?: string)");
      expect(requests).toContain('"properties":{"[redacted]":{');
      expect(leakedSecrets(requests)).toEqual([]);
      expect(leakedSecrets(run.stdout + run.stderr)).toEqual([]);
      const traced = await readFile(trace, "utf8");
      expect(traced).toContain("clave_como_nombre");
      expect(leakedSecrets(traced)).toEqual([]);
    } finally {
      await model.close();
    }
  });

  it("never reaches tools list --json or tools call --json", async () => {
    const list = await workspace.agente(["tools", "list", "--json"]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('"[redacted]"');
    expect(leakedSecrets(list.stdout + list.stderr)).toEqual([]);
    const call = await workspace.agente(["tools", "call", "clave_como_nombre", "--json"]);
    expect(call.code, call.stderr).toBe(0);
    expect(JSON.parse(call.stdout)).toMatchObject({
      structuredContent: { "[redacted]": "valor", datos: { "clave [redacted]": 1 } },
    });
    expect(leakedSecrets(call.stdout + call.stderr)).toEqual([]);
  });

  it("never reaches a client of serve's MCP gateway at /mcp", async () => {
    const model = await startScriptedOllama([]);
    const serve = await startServeProcess({
      cwd: workspace.folder,
      env: { ...workspace.env, OLLAMA_HOST: model.url },
    });
    const client = new Client({ name: "prueba", version: "1.0.0" });
    try {
      await waitForHealth(serve.url, serve.stderr);
      await client.connect(new StreamableHTTPClientTransport(new URL(`${serve.url}/mcp`)));
      const { tools } = await client.listTools();
      const keyed = tools.find((tool) => tool.name === "clave_como_nombre");
      expect(Object.keys(keyed?.inputSchema.properties ?? {})).toEqual(["[redacted]"]);
      const result = await client.callTool({ name: "clave_como_nombre", arguments: {} });
      expect(result.structuredContent).toEqual({ "[redacted]": "valor", datos: { "clave [redacted]": 1 } });
      expect(leakedSecrets(JSON.stringify([tools, result]))).toEqual([]);
      expect(leakedSecrets(serve.stderr())).toEqual([]);
    } finally {
      await client.close();
      await serve.stop();
      await model.close();
    }
  });
});
