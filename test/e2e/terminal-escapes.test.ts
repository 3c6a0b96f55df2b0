/**
 * Issue 20, item 6: terminal escape sequences from servers reached the terminal on four paths. The hostile
 * server (HOSTILE_ESCAPES=1) puts them in every stderr line, in a resource's and a prompt's name and
 * description; through the real CLI, none reaches stdout or stderr: not the `! server … is down` line of a
 * server that dies at start (nor `serve`'s log), not `resources list` / `prompts list`, not a crashed
 * server's stderr in `tools call`'s error, not the stderr lines `-v` shows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, startScriptedOllama } from "../../src/testing/scripted-ollama.js";
import { startServeProcess } from "../serve/support/serve-process.js";
import type { CliRun } from "../support/run-cli.js";
import { controlCharacterAt } from "../support/terminal-control.js";
import { createHostileWorkspace, hostileEntry } from "./support/hostile.js";
import { parseAsk, SLOW_TEST_MS, type Workspace } from "./support/workspace.js";

function controlIn(run: CliRun): string | undefined {
  const text = run.stdout + run.stderr;
  const at = controlCharacterAt(text);
  return at < 0 ? undefined : JSON.stringify(text.slice(Math.max(0, at - 40), at + 10));
}

describe("escape sequences from servers never reach the terminal", { timeout: SLOW_TEST_MS }, () => {
  let workspace: Workspace;

  beforeAll(async () => {
    workspace = await createHostileWorkspace({
      erp: hostileEntry({
        env: { HOSTILE_ESCAPES: "1" },
        allowedTools: ["consultar_pedidos", "saludo_con_escapes"],
      }),
      erp_caido: hostileEntry({ env: { HOSTILE_CRASH_AT_START: "1", HOSTILE_ESCAPES: "1" } }),
    });
  });

  afterAll(async () => {
    await workspace?.remove();
  });

  it("the `! server … is down` line of a server that dies at start", async () => {
    const model = await startScriptedOllama([answer("hola")]);
    try {
      const run = await workspace.agente(["ask", "--json", "hola"], { env: { OLLAMA_HOST: model.url } });
      expect(parseAsk(run).answer).toBe("hola");
      expect(run.stderr).toMatch(/! el servidor erp_caido no funciona: .*\[redacted\]/);
      expect(controlIn(run)).toBeUndefined();
    } finally {
      await model.close();
    }
  });

  it("serve's log", async () => {
    const model = await startScriptedOllama([]);
    const serve = await startServeProcess({
      cwd: workspace.folder,
      env: { ...workspace.env, OLLAMA_HOST: model.url, AGENTE_LANG: "en" },
    });
    try {
      await expect.poll(() => serve.stderr(), { timeout: 60_000 }).toMatch(/! server erp_caido is down: .+/);
      expect(controlCharacterAt(serve.stderr())).toBe(-1);
    } finally {
      await serve.stop();
      await model.close();
    }
  });

  it("resources list and prompts list (names and descriptions), as text and JSON", async () => {
    for (const args of [
      ["resources", "list"],
      ["resources", "list", "--json"],
      ["prompts", "list"],
      ["prompts", "list", "--json"],
    ]) {
      const run = await workspace.agente(args);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/informe|resumen/);
      expect(controlIn(run), args.join(" ")).toBeUndefined();
    }
    const prompts = await workspace.agente(["prompts", "list"]);
    expect(prompts.stdout).toMatch(/ \[erp\] {2}Resume\.\n$/);
  });

  it("a crashed server's stderr in tools call's error", async () => {
    const run = await workspace.agente([
      "tools",
      "call",
      "consultar_pedidos",
      "--args",
      '{"cliente":"Acme"}',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("(código de salida 1; Error: basic ");
    expect(controlIn(run)).toBeUndefined();
  });

  it("server stderr shown with -v", async () => {
    const run = await workspace.agente(["-v", "servers"]);
    expect(run.stderr).toContain("[erp] starting");
    expect(run.stderr).toContain("[erp_caido] Error: connection to [redacted]");
    expect(controlIn(run)).toBeUndefined();
  });
});
