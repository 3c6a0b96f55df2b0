/** Model provider errors reach the user in their language, in `ask` and in the chat; the message stays English. */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScriptedOllama, startScriptedOllama } from "../../src/testing/scripted-ollama.js";
import { runCli } from "../support/run-cli.js";
import { closedPortUrl } from "./replay-server.js";

let ollama: ScriptedOllama | undefined;
afterEach(async () => {
  await ollama?.close();
  ollama = undefined;
});

async function emptyConfigFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "agente-model-lang-"));
  await writeFile(
    join(folder, "agente.json"),
    JSON.stringify({ mcpServers: {}, agent: { context: { enabled: false } } }),
  );
  return folder;
}

function cliEnv(lang: string, ollamaUrl: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", LANG: lang, OLLAMA_HOST: ollamaUrl };
}

describe("model errors in the user's language", () => {
  it("Ollama down: `ask` says so in Spanish and in English", async () => {
    const url = await closedPortUrl();
    const cwd = await emptyConfigFolder();
    const args = ["ask", "--provider", "ollama", "hola"];
    const spanish = await runCli(args, { cwd, env: cliEnv("es_ES.UTF-8", url) });
    expect(spanish.code).toBe(1);
    expect(spanish.stderr).toContain(`error: Ollama no responde en ${url} (`);
    expect(spanish.stderr).toContain("  arráncalo con `ollama serve`");
    const english = await runCli(args, { cwd, env: cliEnv("en_US.UTF-8", url) });
    expect(english.code).toBe(1);
    expect(english.stderr).toContain(`error: Ollama is not reachable at ${url} (`);
    expect(english.stderr).toContain("  start it with `ollama serve`");
  });

  it("a model not pulled: the chat's one line is Spanish or English, `ask --json` keeps English", async () => {
    ollama = await startScriptedOllama({
      status: 404,
      error: 'model "qwen9:1b" not found, try pulling it first',
    });
    const cwd = await emptyConfigFolder();
    const args = ["chat", "--provider", "ollama", "--model", "qwen9:1b"];
    const spanish = await runCli(args, {
      cwd,
      env: cliEnv("es_ES.UTF-8", ollama.url),
      input: "hola\nsalir\n",
    });
    expect(spanish.code).toBe(0);
    // The check at start, before the first question, names the same problem.
    expect(spanish.stderr).toContain(
      `! modelo ollama/qwen9:1b: el modelo qwen9:1b no está en el Ollama de ${ollama.url}: ejecuta \`ollama pull qwen9:1b\`\n`,
    );
    expect(spanish.stderr).toContain(
      `! el modelo qwen9:1b no está en el Ollama de ${ollama.url}: ejecuta \`ollama pull qwen9:1b\` — o elige un modelo descargado con --model`,
    );
    const english = await runCli(args, {
      cwd,
      env: cliEnv("en_US.UTF-8", ollama.url),
      input: "hello\nexit\n",
    });
    expect(english.code).toBe(0);
    expect(english.stderr).toContain(
      `! model qwen9:1b is not available in Ollama at ${ollama.url}: run \`ollama pull qwen9:1b\` — or pick a pulled model with --model`,
    );
    expect(english.stderr).toContain(
      `! model ollama/qwen9:1b: model qwen9:1b is not available in Ollama at ${ollama.url}: run \`ollama pull qwen9:1b\`\n`,
    );
    const json = await runCli(["ask", "--json", "--provider", "ollama", "--model", "qwen9:1b", "hola"], {
      cwd,
      env: cliEnv("es_ES.UTF-8", ollama.url),
    });
    expect(JSON.parse(json.stdout).error.message).toBe(
      `model qwen9:1b is not available in Ollama at ${ollama.url}: run \`ollama pull qwen9:1b\``,
    );
  });

  it("a missing GGUF file, in Spanish and in English", async () => {
    const cwd = await emptyConfigFolder();
    const args = ["ask", "--provider", "llama-cpp", "--gguf", "/nonexistent/model.gguf", "hola"];
    const spanish = await runCli(args, { cwd, env: cliEnv("es_ES.UTF-8", "http://127.0.0.1:9") });
    expect(spanish.stderr).toBe(
      "error: no se encuentra el fichero de modelo GGUF: /nonexistent/model.gguf\n" +
        "  pasa un fichero que exista con --gguf o AGENTE_GGUF\n",
    );
    const english = await runCli(args, { cwd, env: cliEnv("en_US.UTF-8", "http://127.0.0.1:9") });
    expect(english.stderr).toBe(
      "error: GGUF model file not found: /nonexistent/model.gguf\n  pass an existing file with --gguf or AGENTE_GGUF\n",
    );
  });
});
