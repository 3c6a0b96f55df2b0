/** The eval report: one row per scenario, totals overall, per number of connected tools and per language. */
import type { MessageKey } from "../i18n/catalogue.js";
import { createTranslator, type Translator } from "../i18n/translator.js";
import { type ScenarioScore, type Summary, summarize } from "./metrics.js";

export interface EvalReport {
  provider: string;
  model: string;
  /** `none` when every tool was offered. */
  ranker: string;
  toolBudgetTokens: number | undefined;
  summary: Summary;
  groups: Array<{ group: string; summary: Summary }>;
  scenarios: ScenarioScore[];
}

export function buildReport(input: {
  provider: string;
  model: string;
  ranker: string;
  toolBudgetTokens: number | undefined;
  scores: ScenarioScore[];
}): EvalReport {
  const groups: Array<{ group: string; summary: Summary }> = [];
  const byTools = [...new Set(input.scores.map((score) => score.toolCount))].sort(
    (left, right) => left - right,
  );
  for (const count of byTools)
    groups.push({
      group: `${count} tools`,
      summary: summarize(input.scores.filter((score) => score.toolCount === count)),
    });
  for (const lang of ["es", "en"] as const) {
    const scores = input.scores.filter((score) => score.lang === lang);
    if (scores.length > 0) groups.push({ group: lang, summary: summarize(scores) });
  }
  return {
    provider: input.provider,
    model: input.model,
    ranker: input.ranker,
    toolBudgetTokens: input.toolBudgetTokens,
    summary: summarize(input.scores),
    groups,
    scenarios: input.scores,
  };
}

/** A column header's catalogue name: `evalReport.column.<name>`. */
type Column = MessageKey extends infer Key
  ? Key extends `evalReport.column.${infer Name}`
    ? Name
    : never
  : never;

/** The report as two tables (per scenario, per group), titles and marks in the translator's language. */
export function formatReport(report: EvalReport, t: Translator = createTranslator("en")): string {
  const lines: string[] = [];
  const column = (name: Column) => t(`evalReport.column.${name}`);
  const mark = (value: boolean) => t(value ? "evalReport.ok" : "evalReport.fail");
  lines.push(
    t("evalReport.title", {
      provider: report.provider,
      model: report.model,
      ranker: report.ranker,
      budget:
        report.toolBudgetTokens === undefined
          ? ""
          : t("evalReport.budget", { tokens: report.toolBudgetTokens }),
    }),
    "",
  );
  lines.push(
    table(
      (
        [
          "scenario",
          "lang",
          "tools",
          "offered",
          "expected",
          "chosen",
          "tool",
          "args",
          "valid",
          "steps",
          "loop",
          "ms",
          "tokens",
        ] satisfies Column[]
      ).map(column),
      report.scenarios.map((score) => [
        score.id,
        score.lang,
        String(score.toolCount),
        String(score.offeredCount),
        score.expected,
        score.chosen,
        mark(score.toolCorrect),
        score.argsCorrect === undefined ? "-" : mark(score.argsCorrect),
        `${score.modelCalls - score.invalidSteps}/${score.modelCalls}`,
        String(score.modelCalls),
        String(score.loopGuardHits),
        String(Math.round(score.latencyMs)),
        `${score.promptTokens}${score.tokensEstimated ? "~" : ""}+${score.completionTokens}`,
      ]),
    ),
    "",
  );
  // Group names are data (the JSON report keeps `3 tools`); the table says them in the user's language.
  const groupLabel = (group: string) => {
    const tools = /^(\d+) tools$/.exec(group)?.[1];
    return tools === undefined ? group : t("evalReport.toolsGroup", { count: tools });
  };
  const summaries = [{ group: t("evalReport.all"), summary: report.summary }, ...report.groups];
  lines.push(
    table(
      (
        [
          "group",
          "n",
          "toolAccuracy",
          "argsAccuracy",
          "answerAccuracy",
          "recall",
          "validSteps",
          "stepsPerTurn",
          "loopHits",
          "unfinished",
          "p50",
          "promptTokens",
          "offered",
        ] satisfies Column[]
      ).map(column),
      summaries.map(({ group, summary }) => [
        groupLabel(group),
        String(summary.scenarios),
        percent(summary.toolChoiceAccuracy),
        percent(summary.argumentAccuracy),
        percent(summary.answerAccuracy),
        percent(summary.retrievalRecall),
        percent(summary.schemaValidStepRate),
        summary.stepsPerTurn.toFixed(2),
        String(summary.loopGuardHits),
        String(summary.unfinishedTurns),
        String(Math.round(summary.latencyMsP50)),
        String(Math.round(summary.promptTokensMean)),
        summary.offeredToolsMean.toFixed(1),
      ]),
    ),
  );
  return lines.join("\n");
}

function percent(value: number | undefined): string {
  return value === undefined ? "-" : `${(value * 100).toFixed(1)}%`;
}

function table(columns: string[], rows: string[][]): string {
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...rows.map((row) => (row[index] ?? "").length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(columns), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}
