/** The eval table's title, headers and marks follow the user's language; the JSON report does not change. */
import { describe, expect, it } from "vitest";
import type { ScenarioScore } from "../../src/eval/metrics.js";
import { buildReport, formatReport } from "../../src/eval/report.js";
import { createTranslator } from "../../src/i18n/translator.js";

const score: ScenarioScore = {
  id: "s1-es",
  lang: "es",
  toolCount: 3,
  offeredCount: 2,
  offeredTools: ["consultar_empresa", "buscar_documentos"],
  expected: "consultar_empresa",
  chosen: "buscar_documentos",
  toolCorrect: false,
  modelCalls: 1,
  invalidSteps: 0,
  loopGuardHits: 0,
  stopReason: "answer",
  answer: "",
  latencyMs: 10,
  promptTokens: 100,
  completionTokens: 5,
  tokensEstimated: false,
};

describe("eval report language", () => {
  const report = buildReport({
    provider: "ollama",
    model: "m",
    ranker: "lexical",
    toolBudgetTokens: 512,
    scores: [score],
  });

  it("Spanish: title, headers, marks and the overall group", () => {
    const text = formatReport(report, createTranslator("es"));
    expect(text.split("\n")[0]).toBe(
      "agente eval — ollama m, selección de herramientas: lexical (512 tokens para herramientas)",
    );
    expect(text).toMatch(/^escenario +idioma +herramientas +ofrecidas +esperada +elegida +herr\. /m);
    expect(text).toMatch(/^s1-es .* FALLO /m);
    expect(text).toMatch(/^grupo +n +prec\. herr\. /m);
    expect(text).toMatch(/^todos +1 +0\.0%/m);
    expect(text).toMatch(/^3 herramientas +1 /m);
    expect(text).not.toMatch(/^scenario|tool acc|FAIL| tools /m);
  });

  it("English by default", () => {
    const text = formatReport(report);
    expect(text.split("\n")[0]).toBe(
      "agente eval — ollama m, tool retrieval: lexical (512 tokens for tools)",
    );
    expect(text).toMatch(/^scenario +lang +tools +offered/m);
    expect(text).toMatch(/^all +1 +0\.0%/m);
    expect(text).toMatch(/ FAIL /);
    expect(text).toMatch(/^3 tools +1 /m);
  });
});
