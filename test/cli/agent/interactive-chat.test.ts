/**
 * The chat on a real terminal (a pseudo-terminal from util-linux `script`): Ctrl-C cancels the turn in
 * progress and the chat goes on, a destructive tool asks `[s/N]` and runs once approved, Ctrl-C at the
 * prompt does not leave, `salir` does.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type ScriptedOllama, startScriptedOllama } from "../../../src/testing/scripted-ollama.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
/** The real CLI: `npm test` builds dist/ first. */
const agenteBin = join(root, "bin/agente");
const companyServer = join(root, "test/agent/company-server-main.ts");

let ollama: ScriptedOllama | undefined;
let folder: string | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child?.exitCode === null) child.kill("SIGKILL");
  await ollama?.close();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

describe("agente chat on a terminal", () => {
  it("cancels a turn with Ctrl-C, asks before a destructive tool, leaves with salir", async () => {
    ollama = await startScriptedOllama(
      [
        { text: JSON.stringify({ respuesta: "demasiado tarde" }), delayMs: 20_000 },
        JSON.stringify({ herramienta_llamada: "borrar_empresa", parametros: { nombre: "Empresa X" } }),
        JSON.stringify({ respuesta: "Borrada." }),
      ],
      { promptTokens: 200 },
    );
    folder = await mkdtemp(join(tmpdir(), "agente-tty-"));
    const config = join(folder, "agente.json");
    await writeFile(
      config,
      JSON.stringify({
        mcpServers: { empresas: { command: process.execPath, args: ["--import", "tsx", companyServer] } },
        agent: { context: { enabled: false } },
      }),
    );
    const command = [process.execPath, agenteBin, "--config", config].map(shellQuote).join(" ");
    const started = spawn("script", ["-qfec", command, "/dev/null"], {
      cwd: root,
      env: { ...process.env, OLLAMA_HOST: ollama.url, TERM: "dumb", AGENTE_LANG: "es" },
    });
    child = started;
    let output = "";
    started.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    const exited = new Promise<number | null>((resolve) => started.on("exit", (code) => resolve(code)));
    const waitFor = async (text: string, after = 0) => {
      await vi.waitFor(
        () => {
          if (output.indexOf(text, after) === -1)
            throw new Error(`timed out waiting for ${JSON.stringify(text)} in:\n${output}`);
        },
        { timeout: 30_000, interval: 50 },
      );
      return output.indexOf(text, after) + text.length;
    };
    const type = (text: string) => started.stdin?.write(text);

    let position = await waitFor("Usuario: ");
    type("consulta lenta\r");
    const chatRequests = () =>
      (ollama as ScriptedOllama).requests.filter((request) => request.path === "/api/chat").length;
    await vi.waitFor(() => expect(chatRequests()).toBe(1), { timeout: 30_000, interval: 50 });
    type("\x03");
    position = await waitFor("(cancelado)", position);
    position = await waitFor("Usuario: ", position);

    type("borra la empresa X\r");
    position = await waitFor("¿Ejecutar borrar_empresa", position);
    type("s\r");
    position = await waitFor("Agente: Borrada.", position);
    expect(output).toContain("→ borrar_empresa");
    position = await waitFor("Usuario: ", position);

    type("\x03");
    position = await waitFor("(escribe salir o pulsa Ctrl-D para terminar)", position);
    type("salir\r");
    expect(await exited).toBe(0);
    // The cancelled turn left no trace in the history sent with the next question.
    const second = ollama.requests.filter((request) => request.path === "/api/chat")[1]?.body as {
      messages: Array<{ content: string }>;
    };
    expect(second.messages.map((message) => message.content)).not.toContain("consulta lenta");
  }, 90_000);
});
