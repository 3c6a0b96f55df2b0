/**
 * End to end, the seed's own session: "consulta empresa X" → consultar_empresa → answer, through the agente
 * CLI in a child process, a real MCP server child process over stdio, and the real Ollama provider talking
 * to a local server that replays scripted model replies.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type ScriptedOllama, startScriptedOllama } from "../../../src/testing/scripted-ollama.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
/** The real CLI: `npm test` builds dist/ first. */
const agenteBin = join(root, "bin/agente");
const companyServer = join(root, "test/agent/company-server-main.ts");

let ollama: ScriptedOllama | undefined;
let folder: string | undefined;
afterEach(async () => {
  await ollama?.close();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  ollama = undefined;
  folder = undefined;
});

async function setup(replies: string[]) {
  ollama = await startScriptedOllama(replies, { promptTokens: 200 });
  folder = await mkdtemp(join(tmpdir(), "agente-e2e-"));
  const config = join(folder, "agente.json");
  await writeFile(
    config,
    JSON.stringify({
      mcpServers: { empresas: { command: process.execPath, args: ["--import", "tsx", companyServer] } },
      agent: { context: { enabled: false } },
    }),
  );
  return { config, folder, ollama };
}

function agente(
  args: string[],
  options: { env: Record<string, string>; input?: string },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [agenteBin, ...args],
      { cwd: root, env: { ...process.env, ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? "");
  });
}

const toolCall = JSON.stringify({
  herramienta_llamada: "consultar_empresa",
  parametros: { nombre: "Empresa X" },
});
const finalAnswer = JSON.stringify({ respuesta: "La Empresa X tiene 100 empleados." });

describe("agente ask / chat end to end", () => {
  it("ask: consulta empresa X → consultar_empresa → answer", async () => {
    const { config, ollama } = await setup([toolCall, finalAnswer]);
    const result = await agente(["--config", config, "ask", "--json", "consulta empresa X"], {
      env: { OLLAMA_HOST: ollama.url },
    });
    expect(result.stderr).toContain('→ consultar_empresa {"nombre":"Empresa X"}');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as {
      answer: string;
      stopReason: string;
      steps: Array<{ observation?: string }>;
    };
    expect(output).toMatchObject({ answer: "La Empresa X tiene 100 empleados.", stopReason: "answer" });
    expect(output.steps[0]?.observation).toBe('{"empleados":100}');
    const chats = ollama.requests.filter((request) => request.path === "/api/chat");
    expect(chats).toHaveLength(2);
    const second = chats[1]?.body as { format: unknown; messages: Array<{ content: string }> };
    expect(second.messages.at(-1)?.content).toBe('Resultado de consultar_empresa: {"empleados":100}');
    expect(JSON.stringify(second.format)).toContain('"const":"consultar_empresa"');
  });

  it("chat: the seed's REPL with history, and salir to leave; --trace writes JSON lines", async () => {
    const { config, folder, ollama } = await setup([
      toolCall,
      finalAnswer,
      JSON.stringify({ respuesta: "De nada." }),
    ]);
    const trace = join(folder, "trace.jsonl");
    const result = await agente(["--config", config, "--trace", trace], {
      env: { OLLAMA_HOST: ollama.url, AGENTE_LANG: "es" },
      input: "consulta empresa X\ngracias\nsalir\n",
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usuario: consulta empresa X\n");
    expect(result.stdout).toContain("Agente: La Empresa X tiene 100 empleados.");
    expect(result.stdout).toContain("Agente: De nada.");
    const third = ollama.requests.filter((request) => request.path === "/api/chat")[2]?.body as {
      messages: Array<{ role: string; content: string }>;
    };
    // The second turn sees the first one's question and answer.
    expect(third.messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "user"]);
    const events = (await readFile(trace, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string });
    expect(events.map((event) => event.type)).toContain("observation");
    expect(events.filter((event) => event.type === "turn_end")).toHaveLength(2);
  });

  it("ask: a model that is not pulled is one clear line, no stack", async () => {
    const { config, ollama } = await setup([]);
    ollama.route("POST /api/chat", {
      status: 404,
      body: JSON.stringify({ error: 'model "llama3.2:1b" not found, try pulling it first' }),
    });
    const result = await agente(["--config", config, "ask", "hola"], { env: { OLLAMA_HOST: ollama.url } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error: model llama3.2:1b is not available in Ollama at ${ollama.url}: run \`ollama pull llama3.2:1b\``,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("doctor: reports the provider and the server", async () => {
    const { config, ollama } = await setup([]);
    const result = await agente(["--config", config, "doctor"], { env: { OLLAMA_HOST: ollama.url } });
    expect(result.stdout).toContain(
      `ok   model: ollama llama3.2:1b at ${ollama.url}: ready, version 0.12.6, context up to 131072 tokens`,
    );
    expect(result.stdout).toContain("ok   server empresas: up (stdio), 3 tools");
    expect(result.stdout).toMatch(/ok {3}prompt: system prompt ~\d+ tokens with 3 tools \(window 131072\)/);
    expect(result.code).toBe(0);
  });
});
