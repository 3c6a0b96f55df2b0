/**
 * A refused destructive call reads right in the user's language: piped (no terminal to ask on), the
 * model asks for `borrar_empresa`, agente refuses it and says how to allow it, under en_US and es_ES.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type ScriptedOllama, startScriptedOllama } from "../../src/testing/scripted-ollama.js";
import { runCli } from "../support/run-cli.js";

const companyServer = fileURLToPath(new URL("../agent/company-server-main.ts", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));

let ollama: ScriptedOllama | undefined;
afterEach(async () => {
  await ollama?.close();
});

async function refusedRun(lang: string) {
  ollama = await startScriptedOllama([
    JSON.stringify({ herramienta_llamada: "borrar_empresa", parametros: { nombre: "Empresa X" } }),
    JSON.stringify({ respuesta: "No la he borrado." }),
  ]);
  const cwd = await mkdtemp(join(tmpdir(), "agente-refusal-"));
  await writeFile(
    join(cwd, "agente.json"),
    JSON.stringify({
      mcpServers: {
        empresas: { command: process.execPath, args: ["--import", "tsx", companyServer], cwd: root },
      },
      agent: { context: { enabled: false } },
    }),
  );
  return runCli(["ask", "borra la Empresa X"], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", OLLAMA_HOST: ollama.url, LANG: lang },
  });
}

describe("a refused destructive call, in the user's language", () => {
  it("LANG=en_US.UTF-8", async () => {
    const run = await refusedRun("en_US.UTF-8");
    expect(run.stderr).toContain(
      "✗ not run: borrar_empresa needs your approval and there is no terminal to ask on (run agente with --yes to allow it)",
    );
    expect(run.stderr).not.toContain("No se ejecutó");
    expect(run.stdout).toBe("No la he borrado.\n");
  });

  it("LANG=es_ES.UTF-8", async () => {
    const run = await refusedRun("es_ES.UTF-8");
    expect(run.stderr).toContain(
      "✗ no se ejecutó: borrar_empresa necesita tu aprobación y no hay terminal para pedirla (ejecuta agente con --yes para permitirla)",
    );
    expect(run.stdout).toBe("No la he borrado.\n");
  });
});

describe("the approval question, in the user's language", () => {
  it("Run …? [y/N] in English, ¿Ejecutar …? [s/N] in Spanish; y, s, sí approve", async () => {
    const { chooseApprover } = await import("../../src/cli/agent-runtime.js");
    const { createTranslator } = await import("../../src/i18n/translator.js");
    const tool = {
      name: "borrar_empresa",
      originalName: "borrar_empresa",
      server: "empresas",
      description: "",
      inputSchema: { type: "object" },
      annotations: { destructiveHint: true },
      serverRequiresApproval: false,
    };
    const asked: string[] = [];
    const english = chooseApprover(
      false,
      async (question) => {
        asked.push(question);
        return "y";
      },
      createTranslator("en"),
    );
    expect(await english.decide({ tool, args: { nombre: "X" } })).toEqual({ approved: true });
    const spanish = chooseApprover(
      false,
      async (question) => {
        asked.push(question);
        return "n";
      },
      createTranslator("es"),
    );
    expect(await spanish.decide({ tool, args: { nombre: "X" } })).toEqual({
      approved: false,
      reason: "el usuario no lo aprobó",
    });
    expect(asked).toEqual([
      'Run borrar_empresa {"nombre":"X"}? [y/N] ',
      '¿Ejecutar borrar_empresa {"nombre":"X"}? [s/N] ',
    ]);
  });
});
