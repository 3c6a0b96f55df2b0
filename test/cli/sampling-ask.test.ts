/**
 * A server's sampling request answered by agente's own model in `agente ask`: the model calls the
 * questions fixture's `muestrear`, the server asks the client's model (approved by `--yes`, as there is no
 * terminal), the same model answers it, and its reply goes back to the server and into the observation.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { answer, toolCall } from "../../src/testing/model-actions.js";
import { type ScriptedOllama, startScriptedOllama } from "../../src/testing/scripted-ollama.js";
import { runCli } from "../support/run-cli.js";

const questionsServer = fileURLToPath(new URL("../fixtures/servers/questions-server.ts", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));

let ollama: ScriptedOllama | undefined;
afterEach(async () => {
  await ollama?.close();
});

async function askWithSampling(extra: string[]) {
  ollama = await startScriptedOllama([
    toolCall("muestrear", { pregunta: "di hola" }),
    "hola mundo",
    answer("Hecho."),
  ]);
  const cwd = await mkdtemp(join(tmpdir(), "agente-sampling-"));
  await writeFile(
    join(cwd, "agente.json"),
    JSON.stringify({
      mcpServers: {
        preguntas: { command: process.execPath, args: ["--import", "tsx", questionsServer], cwd: root },
      },
      agent: { context: { enabled: false } },
      toolRetrieval: { ranker: "off" },
    }),
  );
  return runCli(["ask", "usa muestrear", ...extra], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: cwd, OLLAMA_HOST: ollama.url, AGENTE_LANG: "en" },
  });
}

describe("sampling answered by agente's model", () => {
  it("with --yes: the server's prompt reaches the model and its reply reaches the server", async () => {
    const run = await askWithSampling(["--yes"]);
    expect(run.stdout).toBe("Hecho.\n");
    const chats = (ollama as ScriptedOllama).requests.filter((request) => request.path === "/api/chat");
    expect(chats).toHaveLength(3);
    expect(JSON.stringify(chats[1]?.body)).toContain("Responde breve.");
    expect(JSON.stringify(chats[1]?.body)).toContain("di hola");
    expect(JSON.stringify(chats[2]?.body)).toContain("endTurn hola mundo");
  }, 90_000);
});
