/**
 * One user turn of the ReAct loop: `[system prompt] + h_t` → model → action → observation → … → answer.
 * Every exit is explicit (`StopReason`): an answer, the step limit, too many invalid steps in a row, or a
 * cancel. Nothing the model emits can throw out of here; provider failures (server down) do. What to do
 * with each response is decided by `resolveStep` (next-step.ts); this loop acts on it, and a cancel from
 * anywhere in the turn leaves through one path.
 */
import type { ChatMessage, ChatModel } from "../llm/chat-model.js";
import type { TokenCounter } from "../llm/token-counter.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import type { ContextPassage } from "../prompt/context-passage.js";
import { type AgentAction, actionJson } from "./agent-action.js";
import type { AgentEventListener, StopReason } from "./agent-events.js";
import type { AgentSettings } from "./agent-settings.js";
import type { Approver } from "./approval.js";
import { ArgumentValidator } from "./argument-validator.js";
import { CONTEXT_TOOL } from "./context-retriever.js";
import { type InvalidStep, resolveInvalid, resolveStep } from "./next-step.js";
import { isStepCount, type LoopCounters } from "./stop-conditions.js";
import { callKey, runToolStep } from "./tool-step.js";
import { correctionMessage, modelOptions, observationMessages } from "./turn-messages.js";
import { emitModelCall, type PreparedTurn, prepareTurn, type ToolSelector } from "./turn-setup.js";

export interface TurnInput {
  model: ChatModel;
  hub: ToolHub;
  userMessage: string;
  /** Earlier turns (user and assistant messages), without the system prompt. */
  history: readonly ChatMessage[];
  settings: AgentSettings;
  approver: Approver;
  onEvent?: AgentEventListener;
  signal?: AbortSignal;
  /** Milliseconds, monotonic; injected for tests. */
  now?: () => number;
  /** Shared across turns so tool schemas compile once. */
  validator?: ArgumentValidator;
  /**
   * Picks the tools offered this turn (prompt, schema, calls) from all connected ones, e.g. tool
   * retrieval (`src/retrieval/`) when there are more tools than a small model's prompt can hold. Absent: every tool.
   */
  selectTools?: ToolSelector;
  /** Counts tokens for the prompt budget. Absent: the best counter for the model (`tokenCounterFor`). */
  tokenCounter?: TokenCounter;
}

/** Re-exported: callers (the CLI, the chat) have always imported it with `runTurn`. */
export type { ToolSelector };

/** One step as `agente ask --json` reports it. */
export interface StepRecord {
  step: number;
  action?: AgentAction;
  observation?: string;
  isError?: boolean;
  repeated?: boolean;
  /** Why the model's output was rejected, for an invalid step. */
  problem?: string;
  rawOutput: string;
}

export interface TurnResult {
  answer: string;
  stopReason: StopReason;
  steps: StepRecord[];
  context: ContextPassage[];
  /** The user message and the final answer, to append to the history. */
  newMessages: ChatMessage[];
}

const CANCELLED_ANSWER = "(turno cancelado)";

/** How the loop ended, before the turn's result is assembled. */
interface LoopEnd {
  stopReason: StopReason;
  answer: string;
}

export async function runTurn(input: TurnInput): Promise<TurnResult> {
  const now = input.now ?? (() => performance.now());
  const started = now();
  const steps: StepRecord[] = [];
  const emit: AgentEventListener = (event) => input.onEvent?.(event);
  let passages: ContextPassage[] = [];
  let end: LoopEnd;
  try {
    const turn = await prepareTurn(input, now, emit);
    passages = turn.passages;
    end = await runLoop(input, turn, steps, now, emit);
  } catch (error) {
    // The one cancel path: whatever was waiting (selection, context, model, tool) when the signal fired.
    if (!input.signal?.aborted) throw error;
    end = { stopReason: "cancelled", answer: CANCELLED_ANSWER };
  }
  emit({
    type: "turn_end",
    stopReason: end.stopReason,
    answer: end.answer,
    steps: steps.length,
    durationMs: now() - started,
  });
  const answerContent =
    input.settings.toolMode === "json" ? actionJson({ kind: "answer", text: end.answer }) : end.answer;
  return {
    answer: end.answer,
    stopReason: end.stopReason,
    steps,
    context: passages,
    newMessages: [
      { role: "user", content: input.userMessage },
      { role: "assistant", content: answerContent },
    ],
  };
}

/** The steps of one turn: ask the model, resolve its response, act on it, until an exit. */
async function runLoop(
  input: TurnInput,
  turn: PreparedTurn,
  steps: StepRecord[],
  now: () => number,
  emit: AgentEventListener,
): Promise<LoopEnd> {
  const { settings } = input;
  const { prompt, tools } = turn;
  const validator = input.validator ?? new ArgumentValidator();
  const seen = new Map<string, string>();
  if (turn.passages.length > 0) {
    // The automatic retrieval counts as a call: asking again for the same thing is a repeat.
    seen.set(
      callKey(CONTEXT_TOOL, { pregunta: input.userMessage, k: settings.context.k }),
      "sus pasajes ya están en el contexto recuperado del mensaje de sistema",
    );
  }
  const atStepLimit = isStepCount(settings.maxSteps);
  const counters: LoopCounters = { stepsDone: 0, invalidInARow: 0 };
  let answerOnly = false;
  let lastObservation: { tool: string; text: string } | undefined;
  // The first request's own over-budget warning came with the fit.
  let warnedOverBudget = prompt.report.overBudget;

  while (!atStepLimit(counters)) {
    // A provider or tool that ignores the signal must not carry a cancelled turn on.
    input.signal?.throwIfAborted();
    const step = counters.stepsDone + 1;
    const { messages, tokens, overBudget } = prompt.request();
    if (overBudget && !warnedOverBudget) {
      warnedOverBudget = true;
      emit({
        type: "warning",
        message: `the prompt of step ${step} (~${tokens} tokens) is over the prompt budget of ${settings.promptBudgetTokens} tokens even after dropping the earlier history: lower agent.observationTokens or raise model.contextSize`,
      });
    }
    const callStarted = now();
    const response = await input.model.complete({
      messages,
      ...modelOptions(tools, settings, answerOnly),
      ...(input.signal ? { signal: input.signal } : {}),
    });
    emitModelCall(emit, {
      step,
      attempt: counters.invalidInARow + 1,
      messages,
      tokens,
      answerOnly,
      response,
      durationMs: now() - callStarted,
    });

    const context = { ...counters, toolMode: settings.toolMode, maxCorrections: settings.maxCorrections };
    const next = resolveStep(response, context);
    if (next.kind === "answer") {
      emit({ type: "action", step, action: next.action });
      steps.push({ step, action: next.action, rawOutput: response.text });
      return { stopReason: "answer", answer: next.action.text };
    }
    let invalid: InvalidStep;
    if (next.kind === "run_tool") {
      const { action } = next;
      emit({ type: "action", step, action });
      const outcome = await runToolStep(action, {
        hub: input.hub,
        tools,
        validator,
        approver: input.approver,
        seen,
        observationTokens: settings.observationTokens,
        step,
        onEvent: emit,
        now,
        ...(input.signal ? { signal: input.signal } : {}),
      });
      if (outcome.kind === "observed") {
        steps.push({
          step,
          action,
          observation: outcome.text,
          isError: outcome.isError,
          repeated: outcome.repeated,
          rawOutput: response.text,
        });
        prompt.push(...observationMessages(action, outcome.text, settings.toolMode));
        lastObservation = { tool: action.tool, text: outcome.text };
        // After a repeated call the only useful move left is to answer: decode the next step as an answer.
        if (outcome.repeated) answerOnly = true;
        counters.invalidInARow = 0;
        counters.stepsDone += 1;
        continue;
      }
      invalid = resolveInvalid(outcome.problem, context);
    } else invalid = next;

    // An invalid step: a short correction, a bounded number of times in a row.
    counters.invalidInARow += 1;
    emit({
      type: "invalid_action",
      step,
      problem: invalid.problem,
      correctionsLeft: invalid.kind === "correct" ? invalid.correctionsLeft : 0,
    });
    steps.push({ step, problem: invalid.problem, rawOutput: response.text });
    if (invalid.kind === "stop") return { stopReason: invalid.reason, answer: invalid.answer };
    prompt.push(
      { role: "assistant", content: response.text.slice(0, 500) },
      { role: "user", content: correctionMessage(invalid.problem, settings.toolMode) },
    );
  }

  const last =
    lastObservation === undefined
      ? ""
      : ` Lo último que obtuve (de ${lastObservation.tool}): ${lastObservation.text.slice(0, 300)}`;
  return {
    stopReason: "step_limit",
    answer: `No pude terminar: llegué al límite de ${settings.maxSteps} pasos sin una respuesta final.${last}`,
  };
}
