/**
 * A forgiving chat: the first question meets Ollama down (nothing on its port) and gets one line, not
 * an exit; Ollama then starts on that port, the same question gets its answer, and `salir` exits 0.
 * `ask --json` prints a JSON error object when the model fails; an empty question is a usage error (2).
 */
import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type ScriptedOllama, startScriptedOllama } from "../../src/testing/scripted-ollama.js";
import { closedPortUrl } from "../llm/replay-server.js";
import { AGENTE_BIN, runCli } from "../support/run-cli.js";

let ollama: ScriptedOllama | undefined;
afterEach(async () => {
  await ollama?.close();
  ollama = undefined;
});

async function emptyConfigFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "agente-forgiving-"));
  await writeFile(
    join(folder, "agente.json"),
    JSON.stringify({ mcpServers: {}, agent: { context: { enabled: false } } }),
  );
  return folder;
}

function cliEnv(ollamaUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: "/nonexistent-home",
    LANG: "C",
    OLLAMA_HOST: ollamaUrl,
    // With no Ollama, `auto` tries the embedded model's download: a closed loopback port, never the internet.
    AGENTE_GGUF_URL: "http://127.0.0.1:9/no-network-in-tests.gguf",
    XDG_CACHE_HOME: join(tmpdir(), "agente-forgiving-chat-cache"),
  };
}

describe("a forgiving chat", () => {
  it("Ollama down: one line, back to the prompt; once Ollama is up the same question is answered; salir exits 0", async () => {
    const url = await closedPortUrl();
    const cwd = await emptyConfigFolder();
    const child = spawn(process.execPath, [AGENTE_BIN, "chat"], { cwd, env: cliEnv(url) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    try {
      child.stdin.write("¿Qué es agente?\n");
      await vi.waitFor(() => expect(stderr).toMatch(/^! .*(Ollama|11434|127\.0\.0\.1).*$/m), {
        timeout: 20_000,
      });
      const failureLines = stderr.split("\n").filter((line) => line.startsWith("! "));
      expect(failureLines).toHaveLength(1);
      // Before the first question, the model check said the embedded model cannot be had, not "ready".
      expect(stdout + stderr).toMatch(
        /^! model llama-cpp\/no-network-in-tests: not downloaded, and it cannot be fetched: cannot download no-network-in-tests\.gguf: /m,
      );

      ollama = await startScriptedOllama([JSON.stringify({ respuesta: "Un agente local." })], {
        port: Number(new URL(url).port),
      });
      child.stdin.write("¿Qué es agente?\n");
      await vi.waitFor(() => expect(stdout).toContain("Agent: Un agente local."), { timeout: 20_000 });
      // The failed question left no trace in the history: the retry is the only user message.
      const chat = ollama.requests.find((request) => request.path === "/api/chat");
      const messages =
        (chat?.body as { messages: Array<{ role: string; content: string }> } | undefined)?.messages ?? [];
      expect(messages.filter((message) => message.role === "user").map((message) => message.content)).toEqual(
        ["¿Qué es agente?"],
      );

      child.stdin.end("salir\n");
      expect(await exited).toBe(0);
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 60_000);
});

describe("ask on failure", () => {
  it("ask --json prints a JSON error object on stdout, the one-line error on stderr, exit 1", async () => {
    const url = await closedPortUrl();
    const cwd = await emptyConfigFolder();
    const run = await runCli(["ask", "--json", "hola"], { cwd, env: cliEnv(url) });
    expect(run.code).toBe(1);
    const printed = JSON.parse(run.stdout) as {
      answer: unknown;
      stopReason: string;
      error: { message: string };
    };
    expect(printed.answer).toBeNull();
    expect(printed.stopReason).toBe("error");
    expect(printed.error.message).toMatch(/Ollama|127\.0\.0\.1/);
    expect(run.stderr).toMatch(/^error: /);
  });

  it("an empty question is a usage error: exit 2", async () => {
    const cwd = await emptyConfigFolder();
    const run = await runCli(["ask", "  "], { cwd, env: cliEnv("http://127.0.0.1:9") });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: the question is empty");
  });
});
