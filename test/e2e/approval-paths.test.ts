/**
 * Issue 13, defects 2 and 8 and the both-hints lesser defect: `agente eval` and `agente tools call` follow
 * the agent's approval rule. A destructive tool (or one on a `requireApproval` server, or one that claims
 * both read-only and destructive) does not run without a terminal unless `--yes` is given.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, startScriptedOllama, toolCall } from "../../src/testing/scripted-ollama.js";
import { createHostileWorkspace, hostileEntry } from "./support/hostile.js";
import { SLOW_TEST_MS, type Workspace } from "./support/workspace.js";

/** True when `text` holds an escape, a bell or a carriage return (what moves or retitles a terminal). */
function hasControl(text: string): boolean {
  return ["\u001b", "\u0007", "\r"].some((character) => text.includes(character));
}

describe("approval outside a chat turn", { timeout: SLOW_TEST_MS }, () => {
  let workspace: Workspace;
  let record: string;

  /** The calls the hostile server ran, by tool name. */
  async function ran(): Promise<string[]> {
    const text = await readFile(record, "utf8").catch(() => "");
    return text
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => (JSON.parse(line) as { tool: string }).tool);
  }

  beforeAll(async () => {
    workspace = await createHostileWorkspace();
    record = join(workspace.folder, "llamadas.jsonl");
    await workspace.writeConfig({
      mcpServers: {
        empresa: hostileEntry({
          env: { HOSTILE_RECORD: record },
          allowedTools: ["borrar_empresa", "archivar_todo", "saludo_con_escapes"],
        }),
        vigilado: hostileEntry({
          env: { HOSTILE_RECORD: record },
          requireApproval: true,
          allowedTools: ["consultar_pedidos"],
        }),
      },
    });
  });

  afterAll(async () => {
    await workspace?.remove();
  });

  it("eval: a scenario on the user's own server does not delete a company without --yes and a terminal", async () => {
    const scenarios = join(workspace.folder, "escenarios.jsonl");
    await writeFile(
      scenarios,
      `${JSON.stringify({
        id: "borrar-1",
        lang: "es",
        message: "Borra la empresa Acme",
        servers: ["empresa"],
        expect: { tool: "borrar_empresa", args: { nombre: "Acme" } },
      })}\n`,
    );
    const model = await startScriptedOllama([
      toolCall("borrar_empresa", { nombre: "Acme" }),
      answer("No pude borrarla."),
    ]);
    try {
      const run = await workspace.agente(
        ["eval", scenarios, "--provider", "ollama", "--base-url", model.url, "--ranker", "off", "--json"],
        { env: { OLLAMA_HOST: model.url } },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(await ran()).toEqual([]);
      expect(model.lastMessage(1)).toMatch(/borrar_empresa.*--yes/);
    } finally {
      await model.close();
    }
  });

  it("tools call: a destructive tool is refused without a terminal, and runs with --yes", async () => {
    const refused = await workspace.agente([
      "tools",
      "call",
      "borrar_empresa",
      "--args",
      '{"nombre":"Acme"}',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("borrar_empresa");
    expect(refused.stderr).toContain("--yes");
    expect(await ran()).toEqual([]);

    const allowed = await workspace.agente([
      "tools",
      "call",
      "borrar_empresa",
      "--args",
      '{"nombre":"Acme"}',
      "--yes",
    ]);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout.trim()).toBe("empresa Acme borrada");
    expect(await ran()).toEqual(["borrar_empresa"]);
  });

  it("tools call: any tool of a requireApproval server is refused without a terminal", async () => {
    const before = (await ran()).length;
    const run = await workspace.agente([
      "tools",
      "call",
      "consultar_pedidos",
      "--args",
      '{"cliente":"Acme"}',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("requireApproval");
    expect((await ran()).length).toBe(before);
  });

  it("a tool marked both read-only and destructive counts as destructive", async () => {
    const before = (await ran()).length;
    const run = await workspace.agente(["tools", "call", "archivar_todo"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/archivar_todo necesita aprobación .*destructiva.*--yes/);
    expect((await ran()).length).toBe(before);
  });

  it("tools call and tools list print no terminal escape sequences from the server", async () => {
    const call = await workspace.agente(["tools", "call", "saludo_con_escapes"]);
    expect(call.code, call.stderr).toBe(0);
    expect(hasControl(call.stdout)).toBe(false);
    expect(call.stdout).toContain("hola");
    const list = await workspace.agente(["tools", "list"]);
    expect(hasControl(list.stdout)).toBe(false);
    expect(list.stdout).toContain("Saluda.");
  });

  it("ask: a tool result's escape sequences never reach the terminal, and cannot hide the → tool line", async () => {
    const model = await startScriptedOllama([toolCall("saludo_con_escapes", {}), answer("listo")]);
    try {
      const run = await workspace.agente(["ask", "saluda"], { env: { OLLAMA_HOST: model.url } });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain("→ saludo_con_escapes {}");
      expect(run.stderr).toContain("← hola");
      expect(hasControl(run.stdout + run.stderr)).toBe(false);
    } finally {
      await model.close();
    }
  });
});
