import { describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/agent-events.js";
import { argumentsMatch, looseIncludes, scoreScenario, summarize } from "../../src/eval/metrics.js";
import type { Scenario } from "../../src/eval/scenario.js";

const scenario = (expect: Scenario["expect"], extra: Partial<Scenario> = {}): Scenario => ({
  id: "s",
  lang: "es",
  message: "Consulta la empresa Acme",
  servers: ["core"],
  expect,
  ...extra,
});
const modelCall = (step: number, promptTokens?: number): AgentEvent => ({
  type: "model_call",
  step,
  attempt: 1,
  messageCount: 2,
  requestCharacters: 100,
  promptTokensEstimate: 40,
  answerOnly: false,
  rawOutput: "{}",
  ...(promptTokens === undefined ? {} : { promptTokens, completionTokens: 10 }),
  durationMs: 5,
});
const toolAction = (step: number, tool: string, args: Record<string, unknown>): AgentEvent => ({
  type: "action",
  step,
  action: { kind: "tool", tool, args },
});
const observation = (step: number, tool: string, repeated = false): AgentEvent => ({
  type: "observation",
  step,
  tool,
  text: "{}",
  isError: false,
  repeated,
  durationMs: 1,
});
const base = {
  answer: "Acme tiene 120 empleados",
  stopReason: "answer" as const,
  toolCount: 5,
  offered: ["consultar_empresa", "query"],
  latencyMs: 12,
};

describe("scoreScenario", () => {
  it("scores the right tool with the right arguments, facts, recall and provider token counts", () => {
    const score = scoreScenario({
      ...base,
      scenario: scenario(
        { tool: "consultar_empresa", args: { nombre: "acme" } },
        { answerContains: ["120 empleados"] },
      ),
      events: [
        modelCall(1, 300),
        toolAction(1, "consultar_empresa", { nombre: "ACME S.L." }),
        observation(1, "consultar_empresa"),
        modelCall(2, 350),
      ],
    });
    expect(score).toMatchObject({
      toolCorrect: true,
      argsCorrect: true,
      answerCorrect: true,
      recalled: true,
      modelCalls: 2,
      invalidSteps: 0,
      promptTokens: 650,
      completionTokens: 20,
      tokensEstimated: false,
    });
  });

  it("judges the choice on the first tool called, and the arguments on the first call of it that ran", () => {
    const wrongFirst = scoreScenario({
      ...base,
      scenario: scenario({ tool: "consultar_empresa", args: { nombre: "acme" } }),
      events: [
        modelCall(1),
        toolAction(1, "query", { sql: "select 1" }),
        observation(1, "query"),
        modelCall(2),
        toolAction(2, "consultar_empresa", { nombre: "Acme" }),
        observation(2, "consultar_empresa"),
      ],
    });
    expect(wrongFirst).toMatchObject({
      chosen: "query",
      toolCorrect: false,
      argsCorrect: false,
      tokensEstimated: true,
      promptTokens: 80,
    });
    const rejectedThenFixed = scoreScenario({
      ...base,
      scenario: scenario({ tool: "consultar_empresa", args: { nombre: "acme" } }),
      events: [
        modelCall(1),
        toolAction(1, "consultar_empresa", { nombre: "Otra" }),
        { type: "invalid_action", step: 1, problem: "x", correctionsLeft: 1 },
        modelCall(1),
        toolAction(1, "consultar_empresa", { nombre: "Acme" }),
        observation(1, "consultar_empresa"),
      ],
    });
    expect(rejectedThenFixed).toMatchObject({
      toolCorrect: true,
      argsCorrect: true,
      invalidSteps: 1,
      modelCalls: 2,
    });
  });

  it("counts a no-tool scenario right only when no tool was called, and counts loop-guard hits", () => {
    const answered = scoreScenario({ ...base, scenario: scenario({ noTool: true }), events: [modelCall(1)] });
    expect(answered).toMatchObject({ toolCorrect: true, expected: "(none)", chosen: "(none)" });
    expect(answered.recalled).toBeUndefined();
    const called = scoreScenario({
      ...base,
      scenario: scenario({ noTool: true }),
      events: [
        modelCall(1),
        toolAction(1, "query", {}),
        observation(1, "query"),
        modelCall(2),
        toolAction(2, "query", {}),
        observation(2, "query", true),
      ],
    });
    expect(called).toMatchObject({ toolCorrect: false, loopGuardHits: 1 });
  });

  it("accepts any of several expected tools and reports recall against the offered list", () => {
    const score = scoreScenario({
      ...base,
      offered: ["read_text_file"],
      scenario: scenario({ tool: ["read_file", "read_text_file"] }),
      events: [
        modelCall(1),
        toolAction(1, "read_text_file", { path: "/a" }),
        observation(1, "read_text_file"),
      ],
    });
    expect(score).toMatchObject({ toolCorrect: true, recalled: true, expected: "read_file|read_text_file" });
  });
});

describe("argumentsMatch", () => {
  it("matches strings loosely, numbers by value, regexes case-insensitively and $any by presence", () => {
    expect(argumentsMatch({ nombre: "Logística Turia" }, { nombre: "logistica turia sa" })).toBe(true);
    expect(argumentsMatch({ nombre: "Acme" }, { nombre: "Otra" })).toBe(false);
    expect(argumentsMatch({ id: 7 }, { id: "7" })).toBe(true);
    expect(argumentsMatch({ id: 7 }, { id: 8 })).toBe(false);
    expect(
      argumentsMatch(
        { sql: { $regex: "select[\\s\\S]*facturas" } },
        { sql: "SELECT count(*) FROM facturas" },
      ),
    ).toBe(true);
    expect(argumentsMatch({ nota: { $any: true } }, { nota: "" })).toBe(false);
    expect(argumentsMatch({ nota: { $any: true } }, {})).toBe(false);
    expect(argumentsMatch({ flag: true }, { flag: true })).toBe(true);
    expect(looseIncludes("Tiene +34 600 000 000", "600 000 000")).toBe(true);
  });
});

describe("summarize", () => {
  it("averages over the scenarios each figure applies to", () => {
    const one = scoreScenario({
      ...base,
      scenario: scenario({ tool: "consultar_empresa", args: { nombre: "acme" } }),
      events: [
        modelCall(1),
        toolAction(1, "consultar_empresa", { nombre: "Acme" }),
        observation(1, "consultar_empresa"),
        modelCall(2),
      ],
    });
    const two = scoreScenario({
      ...base,
      stopReason: "step_limit",
      scenario: scenario({ noTool: true }),
      events: [modelCall(1), { type: "invalid_action", step: 1, problem: "x", correctionsLeft: 0 }],
    });
    const summary = summarize([one, two]);
    expect(summary).toMatchObject({
      scenarios: 2,
      toolChoiceAccuracy: 1,
      argumentAccuracy: 1,
      retrievalRecall: 1,
      stepsPerTurn: 1.5,
      unfinishedTurns: 1,
    });
    expect(summary.schemaValidStepRate).toBeCloseTo(2 / 3, 10);
    expect(summary.answerAccuracy).toBeUndefined();
  });
});
