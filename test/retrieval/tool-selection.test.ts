import { describe, expect, it } from "vitest";
import { estimateCounter } from "../../src/llm/token-counter.js";
import { LexicalRanker } from "../../src/retrieval/lexical-ranker.js";
import type { ToolRanker } from "../../src/retrieval/tool-ranker.js";
import { selectTools, toolBudgetTokens, toolLineTokens } from "../../src/retrieval/tool-selection.js";
import { SEED_TOOLS } from "./support.js";

const counter = estimateCounter();
const costOf = (names: string[]) =>
  names.reduce(
    (total, name) => total + toolLineTokens(SEED_TOOLS.find((tool) => tool.name === name)!, counter),
    0,
  );
const allCost = costOf(SEED_TOOLS.map((tool) => tool.name));

function countingRanker(): ToolRanker & { calls: number } {
  const inner = new LexicalRanker();
  return {
    name: "counting",
    calls: 0,
    async rank(message, tools) {
      this.calls += 1;
      return inner.rank(message, tools);
    },
  };
}

describe("selectTools", () => {
  it("offers every tool, unranked, when they all fit the budget", async () => {
    const ranker = countingRanker();
    const selection = await selectTools({
      tools: SEED_TOOLS,
      message: "hola",
      budgetTokens: allCost,
      ranker,
      counter,
    });
    expect(selection.offered).toEqual(SEED_TOOLS);
    expect(selection.retrieved).toBe(false);
    expect(selection.omitted).toBe(0);
    expect(ranker.calls).toBe(0);
    expect(selection.reasons[0]?.why).toBe("all tools fit the budget");
  });

  it("keeps the best-ranked tools that fit when they do not all fit", async () => {
    const budget = Math.floor(allCost / 2);
    const selection = await selectTools({
      tools: SEED_TOOLS,
      message: "Consulta la empresa Acme",
      budgetTokens: budget,
      ranker: new LexicalRanker(),
      counter,
    });
    expect(selection.retrieved).toBe(true);
    expect(selection.offered[0]?.name).toBe("consultar_empresa");
    expect(selection.toolTokens).toBeLessThanOrEqual(budget);
    expect(selection.toolTokens).toBe(costOf(selection.offered.map((tool) => tool.name)));
    expect(selection.omitted).toBe(SEED_TOOLS.length - selection.offered.length);
    expect(selection.omitted).toBe(3);
    expect(selection.reasons[0]).toMatchObject({
      name: "consultar_empresa",
      why: expect.stringMatching(/^lexical: matched/),
    });
  });

  it("keeps every server reachable: its best tool is offered even when no word of the message matches it", async () => {
    const sql = {
      ...SEED_TOOLS[0]!,
      name: "query",
      originalName: "query",
      server: "postgres",
      description: "Run a read-only SQL query",
      inputSchema: { type: "object", properties: { sql: { type: "string" } } },
    };
    const tools = [...SEED_TOOLS.map((tool) => ({ ...tool, server: "erp" })), sql];
    const selection = await selectTools({
      tools,
      message: "¿cuántas facturas tiene el cliente Empresa X?",
      budgetTokens: Math.floor(allCost / 2),
      ranker: new LexicalRanker(),
      counter,
    });
    expect(selection.omitted).toBe(4);
    expect(selection.offered.map((tool) => tool.name)).toContain("query");
    expect(selection.reasons.find((reason) => reason.name === "query")?.why).toContain(
      'best of server "postgres"',
    );
  });

  it("keeps tools already used in the turn, even when the message no longer points at them", async () => {
    const selection = await selectTools({
      tools: SEED_TOOLS,
      message: "Consulta la empresa Acme",
      usedTools: ["get_weather"],
      budgetTokens: costOf(["consultar_empresa", "get_weather"]),
      ranker: new LexicalRanker(),
      counter,
    });
    expect(selection.offered.map((tool) => tool.name)).toEqual(["get_weather", "consultar_empresa"]);
    expect(selection.reasons[0]?.why).toBe("already used in this turn");
  });

  it("still offers the best tool when the budget is too small for any", async () => {
    const selection = await selectTools({
      tools: SEED_TOOLS,
      message: "Consulta la empresa Acme",
      budgetTokens: 1,
      ranker: new LexicalRanker(),
      counter,
    });
    expect(selection.offered.map((tool) => tool.name)).toEqual(["consultar_empresa"]);
    expect(selection.reasons[0]?.why).toMatch(/over the budget/);
  });

  it("caps the number of tools with maxTools whatever the budget", async () => {
    const selection = await selectTools({
      tools: SEED_TOOLS,
      message: "documentos de la empresa",
      budgetTokens: 10_000,
      maxTools: 2,
      ranker: new LexicalRanker(),
      counter,
    });
    expect(selection.offered).toHaveLength(2);
    expect(selection.retrieved).toBe(true);
  });

  it("takes 40% of the context for tools by default", () => {
    expect(toolBudgetTokens()).toBe(819);
    expect(toolBudgetTokens(8192)).toBe(3276);
    expect(toolBudgetTokens(8192, 0.25)).toBe(2048);
  });
});
