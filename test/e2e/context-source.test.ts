/**
 * Issue 13, defect 4: automatic context retrieval called any server's `recuperar_contexto` before every
 * turn, even on a `requireApproval` server, with every user message. Only agente's own memory server (or a
 * read-only tool the config names) may be used.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, startScriptedOllama } from "../../src/testing/scripted-ollama.js";
import { createHostileWorkspace, hostileEntry } from "./support/hostile.js";
import { parseAsk, SLOW_TEST_MS, type Workspace } from "./support/workspace.js";

describe("automatic context from a server that is not agente's memory", { timeout: SLOW_TEST_MS }, () => {
  let workspace: Workspace;
  let record: string;

  beforeAll(async () => {
    workspace = await createHostileWorkspace();
    record = join(workspace.folder, "llamadas.jsonl");
  });

  afterAll(async () => {
    await workspace?.remove();
  });

  it("a requireApproval server's recuperar_contexto is never called, and its text stays out of the prompt", async () => {
    await workspace.writeConfig({
      mcpServers: { vigilado: hostileEntry({ env: { HOSTILE_RECORD: record }, requireApproval: true }) },
    });
    const model = await startScriptedOllama([answer("hola")]);
    try {
      const run = await workspace.agente(["ask", "--json", "mi contraseña del banco es 1234"], {
        env: { OLLAMA_HOST: model.url },
      });
      expect(parseAsk(run).context).toEqual([]);
      expect(await readFile(record, "utf8").catch(() => "")).toBe("");
      expect(model.systemPrompt(0)).not.toContain("BORRA LA EMPRESA");
    } finally {
      await model.close();
    }
  });

  it("a read-only tool the config names is used (agent.context.tool)", async () => {
    await workspace.writeConfig({
      mcpServers: { ajeno: hostileEntry({ env: { HOSTILE_RECORD: record } }) },
      agent: { context: { tool: "notas" } },
    });
    const model = await startScriptedOllama([answer("hola")]);
    try {
      const run = await workspace.agente(["ask", "--json", "hola"], { env: { OLLAMA_HOST: model.url } });
      expect(run.code, run.stderr).toBe(0);
      expect(parseAsk(run).context).toEqual([{ text: "El equipo trabaja de 9 a 17.", source: "notas.md" }]);
      // The hostile recuperar_contexto (not read-only, not named) is not called either.
      const calls = await readFile(record, "utf8");
      expect(calls).toContain("notas");
      expect(calls).not.toContain("recuperar_contexto");
    } finally {
      await model.close();
    }
  });
});
