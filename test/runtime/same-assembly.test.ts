/**
 * The chat and `ask`, `agente serve` and `agente mcp` start from one assembly (runtime/agent-assembly.ts).
 * Regression: only the CLI read a relative path from the working folder (serve and `agente mcp` sent
 * `documentos/nota.txt` on, and the filesystem server looked in `documentos/documentos/`). The secrets come
 * from the same sources everywhere: the process environment and the `.env` file of the working folder.
 * Each entry point runs through the real CLI, with the real filesystem server and a scripted model.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  answer,
  type ScriptedOllama,
  startScriptedOllama,
  toolCall,
} from "../../src/testing/scripted-ollama.js";
import { createWorkspace, SLOW_TEST_MS, type Workspace } from "../e2e/support/workspace.js";
import { startServeProcess, waitForHealth } from "../serve/support/serve-process.js";
import { FILESYSTEM_SERVER } from "../support/fixture-files.js";
import { AGENTE_BIN } from "../support/run-cli.js";

/** Set only in the process environment. */
const SECRET = "tok-7c1e9a52b3d84f60";
/** Set only in the working folder's `.env` file. */
const DOTENV_SECRET = "pw-41d0be83c27a";
const NOTE = `La clave del almacén es ${SECRET}; la de la tienda, ${DOTENV_SECRET}.`;

let workspace: Workspace;
let model: ScriptedOllama | undefined;

beforeEach(async () => {
  workspace = await createWorkspace({ AGENTE_EMBEDDER: "none", ALMACEN_TOKEN: SECRET, AGENTE_LANG: "en" });
  await mkdir(join(workspace.folder, "documentos"));
  await writeFile(join(workspace.folder, "documentos", "nota.txt"), `${NOTE}\n`);
  await writeFile(join(workspace.folder, ".env"), `TIENDA_PASSWORD=${DOTENV_SECRET}\n`);
  await workspace.writeConfig({
    mcpServers: { archivos: { command: process.execPath, args: [FILESYSTEM_SERVER, "documentos"] } },
    agent: { context: { enabled: false } },
  });
  model = await startScriptedOllama([
    toolCall("read_text_file", { path: "documentos/nota.txt" }),
    answer("Leída."),
  ]);
});

afterEach(async () => {
  await model?.close();
  model = undefined;
  await workspace.remove();
});

/** What every entry point must have seen: the file found from the working folder, the secret hidden. */
function expectSameStep(step: { isError?: boolean; observation?: string; result?: string } | undefined) {
  const seen = step?.observation ?? step?.result ?? "";
  expect(step?.isError, seen).toBeFalsy();
  expect(seen).toContain("La clave del almacén es [redacted]; la de la tienda, [redacted].");
  expect(seen).not.toContain(SECRET);
  expect(seen).not.toContain(DOTENV_SECRET);
}

describe("one assembly for every entry point", { timeout: SLOW_TEST_MS }, () => {
  it("agente ask: the path read from the working folder, the process environment's secret hidden", async () => {
    const run = await workspace.agente(["ask", "--json", "--yes", "lee la nota"], {
      env: { OLLAMA_HOST: model?.url ?? "" },
    });
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout) as { steps: Array<{ observation?: string; isError?: boolean }> };
    expectSameStep(output.steps[0]);
  });

  it("agente serve: the same (it used to send the relative path on unchanged)", async () => {
    const serve = await startServeProcess({
      cwd: workspace.folder,
      env: { ...workspace.env, OLLAMA_HOST: model?.url ?? "" },
    });
    try {
      await waitForHealth(serve.url, serve.stderr);
      const client = new OpenAI({ apiKey: "unused", baseURL: `${serve.url}/v1` });
      const completion = await client.chat.completions.create({
        model: "agente",
        messages: [{ role: "user", content: "lee la nota" }],
      });
      const steps = (
        completion as unknown as { agente: { steps: Array<{ result?: string; isError?: boolean }> } }
      ).agente.steps;
      expectSameStep(steps[0]);
    } finally {
      await serve.stop();
    }
  });

  it("agente mcp: preguntar_agente's turn the same", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [AGENTE_BIN, "mcp", "--yes"],
      cwd: workspace.folder,
      env: { ...workspace.env, OLLAMA_HOST: model?.url ?? "" },
      stderr: "pipe",
    });
    let stderr = "";
    (transport.stderr as Readable | null)?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new Client({ name: "prueba", version: "1.0.0" });
    await client.connect(transport);
    try {
      const result = await client.callTool({
        name: "preguntar_agente",
        arguments: { pregunta: "lee la nota" },
      });
      const output = result.structuredContent as
        | { steps: Array<{ observation?: string; isError?: boolean }> }
        | undefined;
      expect(output, stderr).toBeDefined();
      expectSameStep(output?.steps[0]);
    } finally {
      await client.close();
    }
  });
});
