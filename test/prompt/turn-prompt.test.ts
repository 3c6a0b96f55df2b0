import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../src/llm/chat-model.js";
import { estimateCounter, type TokenCounter, tokenCounterFor } from "../../src/llm/token-counter.js";
import type { ExposedTool } from "../../src/mcp/tool-hub.js";
import type { ContextPassage } from "../../src/prompt/context-passage.js";
import { TurnPrompt } from "../../src/prompt/turn-prompt.js";

const TOOLS: ExposedTool[] = Array.from({ length: 40 }, (_, index) => ({
  name: `consultar_registro_${index}`,
  originalName: `consultar_registro_${index}`,
  server: "crm",
  description: `Consulta los clientes, pedidos y facturas del registro ${index} del CRM. Devuelve una lista.`,
  inputSchema: {
    type: "object",
    properties: { nombre: { type: "string" }, limite: { type: "integer" }, pais: { enum: ["PE", "ES"] } },
    required: ["nombre"],
  },
  annotations: { readOnlyHint: true },
  serverRequiresApproval: false,
}));

const PASSAGES: ContextPassage[] = [1, 2, 3].map((index) => ({
  text: `Documento ${index}: la Empresa X firmó el contrato número ${index * 1000} el 3 de marzo, con entrega en Lima.`,
  source: `contrato-${index}.pdf`,
  position: index,
  score: 1 / index,
  documentId: `d${index}`,
  collection: "default",
}));

const HISTORY: ChatMessage[] = [1, 2, 3, 4, 5].flatMap((index) => [
  {
    role: "user" as const,
    content: `¿Qué pedidos hizo el cliente ${index} en marzo? Dime también el total.`,
  },
  {
    role: "assistant" as const,
    content: `{"respuesta": "El cliente ${index} hizo ${index} pedidos por ${index * 250} €."}`,
  },
]);

function prompt(counter: TokenCounter, budgetTokens: number): TurnPrompt {
  return new TurnPrompt({
    budgetTokens,
    counter,
    mode: "json",
    tools: TOOLS,
    passages: PASSAGES,
    history: HISTORY,
    question: "¿Cuántos empleados tiene la Empresa X?",
  });
}

describe("TurnPrompt", () => {
  it.each([
    ["the Llama 3 tokenizer", () => tokenCounterFor("llama3.2:1b")],
    ["the calibrated estimate", async () => estimateCounter()],
  ])("sends no more tokens than the fit counted, with %s", async (_name, makeCounter) => {
    const counter = await makeCounter();
    for (const budget of [400, 900, 1500, 2500, 100_000]) {
      const turn = prompt(counter, budget);
      const request = turn.request();
      expect(request.tokens).toBeLessThanOrEqual(turn.report.usedTokens);
      expect(request.overBudget).toBe(false);
      expect(request.messages.at(-1)?.content).toBe("¿Cuántos empleados tiene la Empresa X?");
    }
  });

  it("keeps the system prompt and the question while the turn's messages replace the history", () => {
    const counter = estimateCounter();
    const turn = prompt(counter, 2500);
    const first = turn.request();
    expect(turn.report.droppedHistoryMessages).toBe(0);
    const observation = `Resultado de consultar_registro_0: ${"fila ".repeat(300)}`;
    turn.push({ role: "assistant", content: '{"herramienta_llamada": "consultar_registro_0"}' });
    turn.push({ role: "user", content: observation });
    const second = turn.request();
    expect(second.messages[0]).toBe(first.messages[0]);
    expect(second.tokens).toBeLessThanOrEqual(2500);
    expect(second.messages.at(-1)?.content).toBe(observation);
    const history = second.messages.slice(1, -3).filter((message) => message.role !== "system");
    expect(history.length).toBeLessThan(HISTORY.length);
    expect(history).toEqual(HISTORY.slice(HISTORY.length - history.length));
    expect(second.messages.at(-3)?.content).toBe("¿Cuántos empleados tiene la Empresa X?");
  });
});
