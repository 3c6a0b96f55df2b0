/**
 * Issue 13, defect 1: a stdio server that dies mid-call (or at start) printing its connection string and
 * api key on stderr. No form of either (plain, percent-encoded, upper case, base64, hex) may reach the
 * model, the trace, `ask --json`, the terminal, `agente servers` or the `! server … is down` line.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, startScriptedOllama, toolCall } from "../../src/testing/scripted-ollama.js";
import { createHostileWorkspace, hostileEntry, leakedSecrets } from "./support/hostile.js";
import { parseAsk, SLOW_TEST_MS, type Workspace } from "./support/workspace.js";

describe("secrets a crashing server prints on stderr", { timeout: SLOW_TEST_MS }, () => {
  let workspace: Workspace;

  beforeAll(async () => {
    workspace = await createHostileWorkspace({
      erp: hostileEntry({ allowedTools: ["consultar_pedidos", "leer_env"] }),
      erp_caido: hostileEntry({ env: { HOSTILE_CRASH_AT_START: "1" } }),
    });
  });

  afterAll(async () => {
    await workspace?.remove();
  });

  it("never reach the model, the trace, ask --json or the terminal", async () => {
    const model = await startScriptedOllama([
      toolCall("consultar_pedidos", { cliente: "Acme" }),
      answer("No pude consultar los pedidos: el servidor falló."),
    ]);
    try {
      const trace = join(workspace.folder, "turno.jsonl");
      const run = await workspace.agente(["ask", "--json", "--trace", trace, "pedidos de Acme"], {
        env: { OLLAMA_HOST: model.url },
      });
      const output = parseAsk(run);
      expect(output.steps[0]?.isError).toBe(true);
      expect(output.steps[0]?.observation).toContain("[redacted]");
      const requests = JSON.stringify(model.chats());
      expect(requests).toContain("[redacted]");
      expect(leakedSecrets(requests)).toEqual([]);
      expect(leakedSecrets(run.stdout)).toEqual([]);
      expect(leakedSecrets(run.stderr)).toEqual([]);
      expect(run.stderr).toMatch(/! el servidor erp_caido no funciona: .*\[redacted\]/);
      expect(leakedSecrets(await readFile(trace, "utf8"))).toEqual([]);
    } finally {
      await model.close();
    }
  });

  it("never reach `agente servers`, as text or JSON", async () => {
    const text = await workspace.agente(["servers"]);
    expect(text.stdout).toMatch(/erp_caido .*\[redacted\]/);
    expect(leakedSecrets(text.stdout + text.stderr)).toEqual([]);
    const json = await workspace.agente(["servers", "--json"]);
    expect(json.stdout).toContain("[redacted]");
    expect(leakedSecrets(json.stdout + json.stderr)).toEqual([]);
    // --verbose shows every stderr line of every server, as the server wrote it in pieces.
    const verbose = await workspace.agente(["--verbose", "servers"]);
    expect(verbose.stderr).toMatch(/\[erp_caido\] Error: connection to \[redacted\]/);
    expect(leakedSecrets(verbose.stdout + verbose.stderr)).toEqual([]);
  });

  it("never reach the model in a tool's parameter description (the format schema and the prompt)", async () => {
    const model = await startScriptedOllama([answer("hola")]);
    try {
      const run = await workspace.agente(["ask", "--json", "hola"], { env: { OLLAMA_HOST: model.url } });
      expect(run.code, run.stderr).toBe(0);
      const request = JSON.stringify(model.chats()[0]);
      expect(request).toContain("clave interna [redacted]");
      expect(leakedSecrets(request)).toEqual([]);
    } finally {
      await model.close();
    }
  });

  it("never reach `agente tools list --json`", async () => {
    const run = await workspace.agente(["tools", "list", "--json"]);
    expect(run.stdout).toContain("clave interna [redacted]");
    expect(leakedSecrets(run.stdout + run.stderr)).toEqual([]);
  });

  it("never reach `agente tools call` output, text or JSON (a tool reading .env)", async () => {
    const text = await workspace.agente(["tools", "call", "leer_env"]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain("ERP_API_KEY=[redacted]");
    expect(leakedSecrets(text.stdout + text.stderr)).toEqual([]);
    const json = await workspace.agente(["tools", "call", "leer_env", "--json"]);
    expect(leakedSecrets(json.stdout + json.stderr)).toEqual([]);
  });
});
