/**
 * `agente mcp` through the real CLI (`bin/agente`, built dist/) as a child process, driven by the official
 * SDK client over stdio: the way Claude Desktop, Cursor and VS Code start it. Behind it, real MCP server
 * children and a scripted model on Ollama's wire.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  answer,
  type ScriptedOllama,
  startScriptedOllama,
  toolCall,
} from "../../../src/testing/scripted-ollama.js";
import { fixtureEntry, isAlive, REPO_ROOT } from "../../support/fixture-servers.js";
import { AGENTE_BIN } from "../../support/run-cli.js";
import { COMPANY_SERVER, textOf } from "./support.js";

let ollama: ScriptedOllama | undefined;
let folder: string | undefined;
afterEach(async () => {
  await ollama?.close();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  ollama = undefined;
  folder = undefined;
});

/** Writes a config with the company server and the fixture server, in a fresh folder. */
async function writeConfig(): Promise<string> {
  folder = await mkdtemp(join(tmpdir(), "agente-mcp-"));
  const config = join(folder, "agente.json");
  await writeFile(
    config,
    JSON.stringify({
      mcpServers: {
        empresas: { command: process.execPath, args: ["--import", "tsx", COMPANY_SERVER], cwd: REPO_ROOT },
        uno: fixtureEntry("uno"),
      },
      agent: { context: { enabled: false } },
    }),
  );
  return config;
}

/** `agente --verbose --config <config> mcp` as a client starts it; the servers' stderr lines go to agente's stderr. */
function agenteMcp(config: string, modelUrl: string) {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [AGENTE_BIN, "--verbose", "--config", config, "mcp"],
    cwd: folder,
    env: { ...env, OLLAMA_HOST: modelUrl, AGENTE_LANG: "en" },
    stderr: "pipe",
  });
  const output = { stderr: "" };
  (transport.stderr as Readable | null)?.on("data", (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  return { transport, output };
}

describe("agente mcp", () => {
  it("serves the hub and preguntar_agente over stdio, with only the protocol on stdout", async () => {
    ollama = await startScriptedOllama([
      toolCall("consultar_empresa", { nombre: "Empresa X" }),
      answer("Empresa X tiene 100 empleados."),
    ]);
    const { transport, output } = agenteMcp(await writeConfig(), ollama.url);
    const client = new Client({ name: "stdio-test", version: "1.0.0" });
    const protocolErrors: Error[] = [];
    client.onerror = (error) => protocolErrors.push(error);
    await client.connect(transport);
    const pid = transport.pid;
    try {
      expect(client.getServerVersion()).toEqual({ name: "agente", version: "0.1.0" });
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain("consultar_empresa");
      expect(names).toContain("echo");
      expect(names).toContain("preguntar_agente");
      // No elicitation in this client: the destructive tools are left out.
      expect(names).not.toContain("borrar_empresa");
      expect(names).not.toContain("delete_everything");

      const company = await client.callTool({
        name: "consultar_empresa",
        arguments: { nombre: "Empresa X" },
      });
      expect(company).toEqual({ content: [{ type: "text", text: '{"empleados":100}' }] });

      const asked = await client.callTool({
        name: "preguntar_agente",
        arguments: { pregunta: "¿Cuántos empleados tiene Empresa X?" },
      });
      expect(textOf(asked)).toBe("Empresa X tiene 100 empleados.");
      expect(asked.structuredContent).toMatchObject({
        stopReason: "answer",
        steps: [{ step: 1, tool: "consultar_empresa", observation: '{"empleados":100}' }, { step: 2 }],
      });
    } finally {
      await client.close();
    }
    // Closing stdin ends agente and, with it, every server child.
    if (pid !== null) await vi.waitFor(() => expect(isAlive(pid)).toBe(false), { timeout: 10_000 });
    expect(protocolErrors).toEqual([]);
    expect(output.stderr).toContain("agente mcp: serving 13 tools over stdio (MCP)");
    expect(output.stderr).toContain("[uno] fixture uno ready");
  });

  it("asks a client with elicitation before a destructive tool, over stdio", async () => {
    ollama = await startScriptedOllama([]);
    const { transport } = agenteMcp(await writeConfig(), ollama.url);
    const client = new Client(
      { name: "stdio-test", version: "1.0.0" },
      { capabilities: { elicitation: {} } },
    );
    const asked: string[] = [];
    client.setRequestHandler("elicitation/create", async (request) => {
      asked.push(request.params.message);
      return { action: "accept", content: {} };
    });
    await client.connect(transport);
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toContain("borrar_empresa");
      const result = await client.callTool({ name: "borrar_empresa", arguments: { nombre: "Empresa X" } });
      expect(result).toEqual({ content: [{ type: "text", text: "borrada Empresa X" }] });
      expect(asked).toEqual([
        'agente wants to run borrar_empresa (server empresas) with {"nombre":"Empresa X"}. Allow it?',
      ]);
    } finally {
      await client.close();
    }
  });
});
