import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { catalogueTools } from "../../src/eval/catalogue-tools.js";
import { catalogueSchema } from "../../src/eval/servers/catalogue.js";
import type { ChatMessage } from "../../src/llm/chat-model.js";
import { loadLlama3Counter } from "../../src/llm/token-counter.js";
import { fitAgentPrompt } from "../../src/prompt/agent-prompt.js";
import type { ContextPassage } from "../../src/prompt/context-passage.js";

const EVAL = fileURLToPath(new URL("../../eval/", import.meta.url));
const sixtyTools = ["core", "business", "office"].flatMap((name) =>
  catalogueTools(catalogueSchema.parse(JSON.parse(readFileSync(`${EVAL}servers/${name}.json`, "utf8")))),
);
const passages: ContextPassage[] = Array.from({ length: 3 }, (_, index) => ({
  text: `Pasaje ${index + 1}: el contrato con Acme vence en marzo y se renueva por dos años salvo aviso.`,
  source: `docs/contrato-${index + 1}.md`,
  position: index,
}));
const history: ChatMessage[] = Array.from({ length: 12 }, (_, index) => ({
  role: index % 2 === 0 ? "user" : "assistant",
  content:
    index % 2 === 0
      ? `Pregunta ${index / 2} sobre la empresa Acme y sus facturas`
      : `Respuesta ${index} `.repeat(15),
}));

describe("fitAgentPrompt", () => {
  it("sends no more tokens than the budget (counted with the Llama 3 tokenizer) and keeps the question", async () => {
    const counter = (await loadLlama3Counter())!;
    // Fixed figures for these inputs (Llama 3 tokens, 6 of framing per message), pinned rather than
    // recounted here with the production formula: [budget, tokens used, messages sent].
    const expected = new Map([
      [600, [600, 2]],
      [1200, [1199, 2]],
      [2000, [1978, 4]],
    ]);
    for (const budgetTokens of [600, 1200, 2000]) {
      const prompt = fitAgentPrompt({
        budgetTokens,
        counter,
        mode: "json",
        tools: sixtyTools,
        passages,
        history,
        question: "¿Cuándo vence el contrato de Acme?",
      });
      expect([prompt.report.usedTokens, prompt.messages.length], `budget ${budgetTokens}`).toEqual(
        expected.get(budgetTokens),
      );
      expect(prompt.report.usedTokens).toBeLessThanOrEqual(budgetTokens);
      expect(prompt.messages.at(-1)).toEqual({ role: "user", content: "¿Cuándo vence el contrato de Acme?" });
      expect(prompt.messages[0]?.role).toBe("system");
      expect(prompt.messages[0]?.content).toContain(`- ${prompt.tools[0]?.name}(`);
    }
  });

  it("gives tools priority over context, and context over history", async () => {
    const counter = (await loadLlama3Counter())!;
    const prompt = fitAgentPrompt({
      budgetTokens: 900,
      counter,
      mode: "json",
      tools: sixtyTools.slice(0, 20),
      passages,
      history,
      question: "hola",
    });
    expect(prompt.tools).toHaveLength(20);
    expect(prompt.passages).toHaveLength(3);
    expect(prompt.report.droppedHistoryMessages).toBe(12);
    expect(prompt.messages[0]?.content).toContain("(fuente: docs/contrato-1.md #0)");
  });
});
