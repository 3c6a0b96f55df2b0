/**
 * `agente ask --provider openai` against an OpenAI-compatible server that streams (server-sent events on
 * loopback): the model streams a tool call, then the answer, and the CLI prints the answer.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type ReplayServer, startReplayServer } from "../../src/testing/replay-server.js";
import { runCli } from "../support/run-cli.js";

const companyServer = fileURLToPath(new URL("../agent/company-server-main.ts", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));

let server: ReplayServer | undefined;
let folder: string | undefined;
afterEach(async () => {
  await server?.close();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  server = undefined;
  folder = undefined;
});

/** The reply `text` as a stream of chunks of `size` characters, as a server would send it. */
function streamed(text: string, size: number): string[] {
  const pieces = text.match(new RegExp(`[\\s\\S]{1,${size}}`, "g")) ?? [];
  const chunk = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  return [
    chunk({ role: "assistant", content: "" }, null),
    ...pieces.map((piece) => chunk({ content: piece }, null)),
    chunk({}, "stop"),
    `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 120, completion_tokens: 12 } })}\n\n`,
    "data: [DONE]\n\n",
  ];
}

describe("agente ask --provider openai, streamed", () => {
  it("runs the tool the streamed action asks for and prints the streamed answer", async () => {
    const replies = [
      JSON.stringify({ herramienta_llamada: "consultar_empresa", parametros: { nombre: "Empresa X" } }),
      JSON.stringify({ respuesta: "Empresa X está en Madrid." }),
    ];
    server = await startReplayServer({
      "GET /v1/models": { body: JSON.stringify({ object: "list", data: [{ id: "llama3.2:1b" }] }) },
      "POST /v1/chat/completions": () => ({
        contentType: "text/event-stream",
        body: streamed(replies.shift() ?? JSON.stringify({ respuesta: "fin" }), 7),
      }),
    });
    folder = await mkdtemp(join(tmpdir(), "agente-openai-stream-"));
    await writeFile(
      join(folder, "agente.json"),
      JSON.stringify({
        mcpServers: {
          empresas: { command: process.execPath, args: ["--import", "tsx", companyServer], cwd: root },
        },
        agent: { context: { enabled: false } },
      }),
    );
    const run = await runCli(
      [
        "ask",
        "--provider",
        "openai",
        "--base-url",
        `${server.url}/v1`,
        "--model",
        "llama3.2:1b",
        "--json",
        "¿dónde está la Empresa X?",
      ],
      { cwd: folder, env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", LANG: "en_US.UTF-8" } },
    );
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout) as {
      answer: string;
      stopReason: string;
      steps: Array<{ action: unknown; observation?: string }>;
    };
    expect(output.answer).toBe("Empresa X está en Madrid.");
    expect(output.stopReason).toBe("answer");
    expect(output.steps.map((step) => [step.action, step.observation])).toEqual([
      [{ kind: "tool", tool: "consultar_empresa", args: { nombre: "Empresa X" } }, '{"empleados":100}'],
      [{ kind: "answer", text: "Empresa X está en Madrid." }, undefined],
    ]);
    const completions = server.requests.filter((request) => request.path === "/v1/chat/completions");
    expect(completions).toHaveLength(2);
    expect(completions[0]?.body).toMatchObject({ stream: true, model: "llama3.2:1b" });
  }, 60_000);
});
