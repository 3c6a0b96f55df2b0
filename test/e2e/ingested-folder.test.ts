/**
 * End to end, a question answered from an ingested folder: `agente ingest <folder>` stores it in a
 * SQLite memory file (with USE-lite, the embedder that needs no download: the workspace sets it), then
 * `agente ask` with no config file runs on the built-in default (agente's memory server, a child
 * process). Before the first model call the agent retrieves context (`recuperar_contexto`) and injects it
 * into the system prompt, as the seed did; the scripted model then also searches with `buscar_documentos`.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, startScriptedOllama, toolCall } from "../../src/testing/scripted-ollama.js";
import {
  createWorkspace,
  FIXTURE_DOCUMENTS,
  parseAsk,
  SLOW_TEST_MS,
  type Workspace,
} from "./support/workspace.js";

const contract = join(FIXTURE_DOCUMENTS, "contrato-mantenimiento.md");

describe("a question answered from an ingested folder", { timeout: SLOW_TEST_MS }, () => {
  let workspace: Workspace;

  beforeAll(async () => {
    workspace = await createWorkspace();
    const ingest = await workspace.agente(["ingest", FIXTURE_DOCUMENTS]);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toContain('guardado en "default": 3 añadidos');
  });

  afterAll(async () => {
    await workspace?.remove();
  });

  it("injects the ingested passage, with its source, into the first prompt; buscar_documentos finds it too", async () => {
    const model = await startScriptedOllama([
      toolCall("buscar_documentos", { consulta: "vencimiento contrato de mantenimiento Empresa X" }),
      answer(
        "El contrato de mantenimiento de Empresa X vence el 31 de marzo de 2027 (contrato-mantenimiento.md).",
      ),
    ]);
    try {
      const run = await workspace.agente(
        ["ask", "--json", "¿cuándo vence el contrato de mantenimiento de Empresa X?"],
        { env: { OLLAMA_HOST: model.url } },
      );
      const output = parseAsk(run);
      expect(run.code, run.stderr).toBe(0);
      expect(output.answer).toContain("31 de marzo de 2027");

      // c_t in the system prompt of the very first model call: the contract passage comes first, tagged
      // with the file it came from.
      const prompt = model.systemPrompt(0);
      const contextStart = prompt.indexOf("Contexto recuperado");
      expect(contextStart).toBeGreaterThan(-1);
      const context = prompt.slice(contextStart);
      expect(context).toContain(`[1] (fuente: ${contract} #0)`);
      const firstEntry = context.slice(
        context.indexOf("[1]"),
        context.indexOf("[2]") > 0 ? context.indexOf("[2]") : undefined,
      );
      expect(firstEntry).toContain("El contrato vence el 31 de marzo de 2027");
      expect(output.context.length).toBe(3);
      expect(run.stderr).toContain("· contexto:");

      // The tool the model asked for searched the same store and returned the passage.
      expect(output.steps[0]?.action).toMatchObject({ kind: "tool", tool: "buscar_documentos" });
      const observation = model.lastMessage(1);
      expect(observation).toContain("contrato-mantenimiento.md");
      expect(observation).toContain("31 de marzo de 2027");
    } finally {
      await model.close();
    }
  });
});
