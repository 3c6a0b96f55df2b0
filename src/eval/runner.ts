/**
 * Runs scenarios through the real agent loop (`runTurn`): for each one, the tools of its servers, tool
 * retrieval when they do not all fit the budget, one turn with the caller's approver (the CLI approves
 * the fixture servers' calls, which have no effects, and asks about configured servers'), and a score. Scenarios run one after another: latencies are then comparable.
 */
import type { AgentEvent } from "../agent/agent-events.js";
import type { AgentSettings } from "../agent/agent-settings.js";
import { type Approver, refuseWithoutTerminal } from "../agent/approval.js";
import { ArgumentValidator } from "../agent/argument-validator.js";
import { runTurn } from "../agent/run-turn.js";
import type { ChatModel } from "../llm/chat-model.js";
import type { TokenCounter } from "../llm/token-counter.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import { narrowToolHub, serverSubsetHub } from "../retrieval/narrowed-hub.js";
import type { ToolRanker } from "../retrieval/tool-ranker.js";
import { type SelectionReason, selectTools } from "../retrieval/tool-selection.js";
import { type ScenarioScore, scoreScenario } from "./metrics.js";
import type { Scenario } from "./scenario.js";

export interface RetrievalOptions {
  ranker: ToolRanker;
  counter: TokenCounter;
  /** Tokens the tool lines may take; tools beyond it are ranked and the best kept. */
  budgetTokens: number;
  maxTools?: number;
}

export interface EvalRunInput {
  scenarios: readonly Scenario[];
  model: ChatModel;
  /** A hub running every server the scenarios name. */
  hub: ToolHub;
  settings: AgentSettings;
  /** Who approves calls that need it; absent: nobody (they are refused, as without a terminal). */
  approver?: Approver;
  /** Absent: every connected tool is offered. */
  retrieval?: RetrievalOptions;
  now?: () => number;
  /** Called after each scenario (progress, traces). */
  onScenario?: (result: ScenarioRun) => void;
  signal?: AbortSignal;
}

export interface ScenarioRun {
  score: ScenarioScore;
  /** Why each offered tool was offered. */
  reasons: SelectionReason[];
  events: AgentEvent[];
}

export async function runScenarios(input: EvalRunInput): Promise<ScenarioRun[]> {
  const now = input.now ?? (() => performance.now());
  const validator = new ArgumentValidator();
  const runs: ScenarioRun[] = [];
  for (const scenario of input.scenarios) {
    input.signal?.throwIfAborted();
    // One signal per scenario: engines add an abort listener per call, and a run has hundreds of calls.
    const scenarioAbort = new AbortController();
    const forward = () => scenarioAbort.abort();
    input.signal?.addEventListener("abort", forward, { once: true });
    try {
      const run = await runScenario(scenario, { ...input, signal: scenarioAbort.signal }, validator, now);
      runs.push(run);
      input.onScenario?.(run);
    } finally {
      input.signal?.removeEventListener("abort", forward);
    }
  }
  return runs;
}

async function runScenario(
  scenario: Scenario,
  input: EvalRunInput,
  validator: ArgumentValidator,
  now: () => number,
): Promise<ScenarioRun> {
  const started = now();
  const subset = serverSubsetHub(input.hub, scenario.servers);
  const connected = subset.tools();
  let offered = connected;
  let reasons: SelectionReason[] = connected.map((tool) => ({
    name: tool.name,
    score: 0,
    why: "no retrieval",
  }));
  if (input.retrieval !== undefined) {
    const selection = await selectTools({
      tools: connected,
      message: scenario.message,
      budgetTokens: input.retrieval.budgetTokens,
      ranker: input.retrieval.ranker,
      counter: input.retrieval.counter,
      ...(input.retrieval.maxTools === undefined ? {} : { maxTools: input.retrieval.maxTools }),
      ...(input.signal === undefined ? {} : { signal: input.signal }),
    });
    offered = selection.offered;
    reasons = selection.reasons;
  }
  const events: AgentEvent[] = [];
  const result = await runTurn({
    model: input.model,
    hub: narrowToolHub(subset, offered),
    userMessage: scenario.message,
    history: [],
    settings: input.settings,
    approver: input.approver ?? refuseWithoutTerminal,
    onEvent: (event) => events.push(event),
    now,
    validator,
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  const score = scoreScenario({
    scenario,
    events,
    answer: result.answer,
    stopReason: result.stopReason,
    toolCount: connected.length,
    offered: offered.map((tool) => tool.name),
    latencyMs: now() - started,
  });
  return { score, reasons, events };
}
