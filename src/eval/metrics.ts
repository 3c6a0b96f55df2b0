/**
 * Scores one scenario from what the agent did (its events and result), and sums scenarios into the
 * figures `agente eval` reports: tool-choice accuracy, argument accuracy, schema-valid step rate, steps per
 * turn, loop-guard hits, retrieval recall, latency and tokens.
 */
import type { AgentEvent, StopReason } from "../agent/agent-events.js";
import { normalizeText } from "../retrieval/text-terms.js";
import { type ExpectedValue, expectedTools, type Scenario } from "./scenario.js";

export interface ScenarioScore {
  id: string;
  lang: Scenario["lang"];
  /** Tools connected for the scenario. */
  toolCount: number;
  /** Tools offered to the model after retrieval. */
  offeredCount: number;
  /** Names of the offered tools, most relevant first when retrieval chose them. */
  offeredTools: string[];
  /** The expected tool, or `(none)`. */
  expected: string;
  /** The first tool the model called (after corrections), or `(none)`. */
  chosen: string;
  chosenArgs?: Record<string, unknown>;
  toolCorrect: boolean;
  /** Undefined when the scenario checks no arguments, or expects no tool. */
  argsCorrect?: boolean;
  /** Undefined when the scenario lists no facts. */
  answerCorrect?: boolean;
  /** Whether retrieval offered the expected tool; undefined for a no-tool scenario. */
  recalled?: boolean;
  modelCalls: number;
  invalidSteps: number;
  loopGuardHits: number;
  stopReason: StopReason;
  answer: string;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  /** True when the provider did not report prompt tokens and they were estimated. */
  tokensEstimated: boolean;
}

export interface ScoreInput {
  scenario: Scenario;
  events: readonly AgentEvent[];
  answer: string;
  stopReason: StopReason;
  toolCount: number;
  offered: readonly string[];
  latencyMs: number;
}

export function scoreScenario(input: ScoreInput): ScenarioScore {
  const { scenario, events } = input;
  const calls = events.filter((event) => event.type === "model_call");
  const invalid = events.filter((event) => event.type === "invalid_action").length;
  const observations = events.filter((event) => event.type === "observation");
  const firstCall = events.find(
    (event): event is Extract<AgentEvent, { type: "action" }> =>
      event.type === "action" && event.action.kind === "tool",
  );
  const firstAction = firstCall?.action.kind === "tool" ? firstCall.action : undefined;
  const expected = "tool" in scenario.expect ? scenario.expect : undefined;
  const tools = expectedTools(scenario);
  const chosen = firstAction?.tool ?? "(none)";
  const toolCorrect = tools === undefined ? firstAction === undefined : tools.includes(chosen);
  let argsCorrect: boolean | undefined;
  if (expected?.args !== undefined) {
    // The arguments of the first call of the right tool that passed validation and ran.
    const accepted = acceptedToolCalls(events).find((call) => tools?.includes(call.tool) === true);
    argsCorrect = toolCorrect && accepted !== undefined && argumentsMatch(expected.args, accepted.args);
  }
  const answerCorrect =
    scenario.answerContains === undefined
      ? undefined
      : scenario.answerContains.every((fact) => looseIncludes(input.answer, fact));
  let promptTokens = 0;
  let completionTokens = 0;
  let tokensEstimated = false;
  for (const call of calls) {
    if (call.type !== "model_call") continue;
    if (call.promptTokens === undefined) tokensEstimated = true;
    promptTokens += call.promptTokens ?? call.promptTokensEstimate;
    completionTokens += call.completionTokens ?? 0;
  }
  return {
    id: scenario.id,
    lang: scenario.lang,
    toolCount: input.toolCount,
    offeredCount: input.offered.length,
    offeredTools: [...input.offered],
    expected: tools?.join("|") ?? "(none)",
    chosen,
    ...(firstAction === undefined ? {} : { chosenArgs: firstAction.args }),
    toolCorrect,
    ...(argsCorrect === undefined ? {} : { argsCorrect }),
    ...(answerCorrect === undefined ? {} : { answerCorrect }),
    ...(tools === undefined ? {} : { recalled: tools.some((tool) => input.offered.includes(tool)) }),
    modelCalls: calls.length,
    invalidSteps: invalid,
    loopGuardHits: observations.filter((event) => event.type === "observation" && event.repeated).length,
    stopReason: input.stopReason,
    answer: input.answer,
    latencyMs: input.latencyMs,
    promptTokens,
    completionTokens,
    tokensEstimated,
  };
}

/** Tool actions that ran (an observation followed them), in order; rejected ones (a correction followed) left out. */
function acceptedToolCalls(
  events: readonly AgentEvent[],
): Array<{ tool: string; args: Record<string, unknown> }> {
  const accepted: Array<{ tool: string; args: Record<string, unknown> }> = [];
  let pending: { tool: string; args: Record<string, unknown> } | undefined;
  for (const event of events) {
    if (event.type === "action") pending = event.action.kind === "tool" ? event.action : undefined;
    else if (event.type === "invalid_action") pending = undefined;
    else if (event.type === "observation" && pending !== undefined) {
      accepted.push(pending);
      pending = undefined;
    }
  }
  return accepted;
}

export function argumentsMatch(
  expected: Record<string, ExpectedValue>,
  actual: Record<string, unknown>,
): boolean {
  return Object.entries(expected).every(([name, want]) => valueMatches(want, actual[name]));
}

function valueMatches(want: ExpectedValue, actual: unknown): boolean {
  if (typeof want === "object") {
    if ("$any" in want) return actual !== undefined && actual !== null && actual !== "";
    if (actual === undefined || actual === null) return false;
    const text = typeof actual === "string" ? actual : JSON.stringify(actual);
    return new RegExp(want.$regex, "i").test(text);
  }
  if (typeof want === "string") return typeof actual === "string" && looseIncludes(actual, want);
  if (typeof want === "number") return Number(actual) === want;
  return actual === want;
}

/** `haystack` contains `needle`, ignoring case, accents and punctuation. */
export function looseIncludes(haystack: string, needle: string): boolean {
  const wanted = normalizeText(needle);
  return normalizeText(haystack).includes(wanted);
}

export interface Summary {
  scenarios: number;
  toolChoiceAccuracy: number;
  /** Over scenarios that check arguments. */
  argumentAccuracy: number | undefined;
  /** Over scenarios that list facts. */
  answerAccuracy: number | undefined;
  /** Over scenarios that expect a tool. */
  retrievalRecall: number | undefined;
  schemaValidStepRate: number;
  stepsPerTurn: number;
  loopGuardHits: number;
  /** Turns that ended without an answer (step limit, invalid output). */
  unfinishedTurns: number;
  latencyMsMean: number;
  latencyMsP50: number;
  promptTokensMean: number;
  completionTokensMean: number;
  offeredToolsMean: number;
}

export function summarize(scores: readonly ScenarioScore[]): Summary {
  const share = (values: boolean[]) =>
    values.length === 0 ? undefined : values.filter(Boolean).length / values.length;
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((total, value) => total + value, 0) / values.length;
  const calls = scores.reduce((total, score) => total + score.modelCalls, 0);
  const invalid = scores.reduce((total, score) => total + score.invalidSteps, 0);
  const latencies = scores.map((score) => score.latencyMs).sort((left, right) => left - right);
  return {
    scenarios: scores.length,
    toolChoiceAccuracy: share(scores.map((score) => score.toolCorrect)) ?? 0,
    argumentAccuracy: share(
      scores.flatMap((score) => (score.argsCorrect === undefined ? [] : [score.argsCorrect])),
    ),
    answerAccuracy: share(
      scores.flatMap((score) => (score.answerCorrect === undefined ? [] : [score.answerCorrect])),
    ),
    retrievalRecall: share(scores.flatMap((score) => (score.recalled === undefined ? [] : [score.recalled]))),
    schemaValidStepRate: calls === 0 ? 1 : (calls - invalid) / calls,
    stepsPerTurn: mean(scores.map((score) => score.modelCalls)),
    loopGuardHits: scores.reduce((total, score) => total + score.loopGuardHits, 0),
    unfinishedTurns: scores.filter((score) => score.stopReason !== "answer").length,
    latencyMsMean: mean(latencies),
    latencyMsP50: latencies[Math.max(0, Math.ceil(latencies.length / 2) - 1)] ?? 0,
    promptTokensMean: mean(scores.map((score) => score.promptTokens)),
    completionTokensMean: mean(scores.map((score) => score.completionTokens)),
    offeredToolsMean: mean(scores.map((score) => score.offeredCount)),
  };
}
