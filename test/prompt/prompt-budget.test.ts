import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../src/llm/chat-model.js";
import { estimateCounter } from "../../src/llm/token-counter.js";
import { fitPrompt } from "../../src/prompt/prompt-budget.js";

// One token per character keeps the arithmetic readable; each message costs 6 tokens of framing on top.
const counter = estimateCounter(1);
const FRAMING = 6;
const message = (role: ChatMessage["role"], content: string): ChatMessage => ({ role, content });
const history: ChatMessage[] = [
  message("user", "primera pregunta"),
  message("assistant", "primera respuesta"),
  message("user", "segunda pregunta"),
  message("assistant", "segunda respuesta"),
  message("user", "tercera pregunta"),
  message("assistant", "tercera respuesta"),
];

function fitWith(
  budgetTokens: number,
  overrides: Partial<Parameters<typeof fitPrompt<string, string>>[0]> = {},
) {
  return fitPrompt<string, string>({
    budgetTokens,
    counter,
    instructions: "instrucciones",
    tools: ["tool-a", "tool-b", "tool-c"],
    toolText: (tool) => tool,
    passages: ["pasaje-1", "pasaje-2"],
    passageText: (passage) => passage,
    history,
    question: "¿la pregunta actual?",
    ...overrides,
  });
}

const fixed = 2 * FRAMING + "instrucciones".length + "¿la pregunta actual?".length;
const toolsCost = 3 * 7;
const passagesCost = 2 * 9;

describe("fitPrompt", () => {
  it("keeps everything when everything fits, and accounts for every token", () => {
    const fitted = fitWith(10_000);
    expect(fitted.tools).toEqual(["tool-a", "tool-b", "tool-c"]);
    expect(fitted.passages).toEqual(["pasaje-1", "pasaje-2"]);
    expect(fitted.history).toEqual(history);
    const { report } = fitted;
    expect(report.usedTokens).toBe(
      report.instructionTokens +
        report.toolTokens +
        report.contextTokens +
        report.historyTokens +
        report.questionTokens,
    );
    expect(report.toolTokens).toBe(toolsCost);
    expect(report.overBudget).toBe(false);
  });

  it("drops history before context and context before tools, oldest history first", () => {
    const fitted = fitWith(fixed + toolsCost + passagesCost + 2 * (FRAMING + 17) + 5);
    expect(fitted.tools).toHaveLength(3);
    expect(fitted.passages).toHaveLength(2);
    const kept = fitted.history.filter((entry) => entry.role !== "system").map((entry) => entry.content);
    expect(kept).toEqual(["tercera pregunta", "tercera respuesta"]);
    expect(fitted.report.droppedHistoryMessages).toBe(4);
  });

  it("summarises dropped turns (questions cut short) when the summary fits", () => {
    const longQuestion = `pregunta antigua sobre la empresa Acme ${"y muchos detalles ".repeat(20)}`;
    const longHistory = [
      message("user", longQuestion),
      message("assistant", "respuesta antigua"),
      message("user", "última"),
      message("assistant", "vale"),
    ];
    const lastTurn = 2 * FRAMING + "última".length + "vale".length;
    const fitted = fitWith(fixed + toolsCost + passagesCost + lastTurn + 200, { history: longHistory });
    expect(fitted.history.map((entry) => entry.role)).toEqual(["system", "user", "assistant"]);
    expect(fitted.history[0]?.content).toContain("«pregunta antigua sobre la empresa Acme");
    expect(fitted.history[0]?.content.length).toBeLessThan(200);
    expect(fitted.report.droppedHistoryMessages).toBe(2);
    expect(fitted.report.usedTokens).toBeLessThanOrEqual(fitted.report.budgetTokens);
  });

  it("drops the last passages, then the least relevant tools, when even they do not fit", () => {
    const noPassages = fitWith(fixed + toolsCost + 9);
    expect(noPassages.tools).toHaveLength(3);
    expect(noPassages.passages).toEqual(["pasaje-1"]);
    expect(noPassages.history).toEqual([]);
    const twoTools = fitWith(fixed + 2 * 7);
    expect(twoTools.tools).toEqual(["tool-a", "tool-b"]);
    expect(twoTools.report.droppedTools).toBe(1);
    expect(twoTools.report.droppedPassages).toBe(2);
  });

  it("never drops the current question, and says when the request cannot fit", () => {
    const fitted = fitWith(5);
    expect(fitted.report.questionTokens).toBeGreaterThan(5);
    expect(fitted.report.overBudget).toBe(true);
    expect(fitted.tools).toEqual([]);
    expect(fitted.history).toEqual([]);
  });

  it("never splits a turn: an answer is not kept without its question", () => {
    const fitted = fitWith(fixed + toolsCost + passagesCost + FRAMING + 17 + 3);
    expect(fitted.history.filter((entry) => entry.role !== "system")).toEqual([]);
  });
});
