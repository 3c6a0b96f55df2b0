/**
 * One user turn of the ReAct loop: `[system prompt] + h_t` → model → action → observation → … → answer.
 * Every exit is explicit (`StopReason`): an answer, the step limit, too many invalid steps in a row, or a
 * cancel. Nothing the model emits can throw out of here; provider failures (server down) do.
 */

import { createTranslator, type Translator } from "../i18n/translator.js";
import type { ChatMessage, ChatModel, ChatResponse } from "../llm/chat-model.js";
import { estimateMessagesTokens } from "../llm/token-estimate.js";
import type { ExposedTool, ToolHub } from "../mcp/tool-hub.js";
import { type TokenCounter, tokenCounterFor } from "../toolkit/token-estimate.js";
import { type AgentAction, actionJson, parseJsonAction, parseNativeAction } from "./agent-action.js";
import type { AgentEventListener, StopReason } from "./agent-events.js";
import type { AgentSettings } from "./agent-settings.js";
import type { Approver } from "./approval.js";
import { ArgumentValidator } from "./argument-validator.js";
import { CONTEXT_TOOL, type ContextPassage, offersContext, retrieveContext } from "./context-retriever.js";
import { callKey, runToolStep } from "./tool-step.js";
import { correctionMessage, modelOptions, observationMessages } from "./turn-messages.js";
import { TurnPrompt } from "./turn-prompt.js";

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
   * Picks the tools offered this turn (prompt, schema, calls) from all connected ones, e.g. the toolkit's
   * retrieval when there are more tools than a small model's prompt can hold. Absent: every tool.
   */
  selectTools?: ToolSelector;
  /** Counts tokens for the prompt budget. Absent: the best counter for the model (`tokenCounterFor`). */
  tokenCounter?: TokenCounter;
  /** The user's language for the turn's fixed answers (cancelled, limits). Absent: Spanish, as the seed. */
  translate?: Translator;
}

/** Chooses the tools for one turn; the toolkit's `TurnToolSelector` fits this shape. */
export type ToolSelector = (request: {
  tools: readonly ExposedTool[];
  message: string;
  signal?: AbortSignal;
}) => Promise<{ offered: ExposedTool[]; reasons?: Array<{ name: string; why: string }> }>;

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

export async function runTurn(input: TurnInput): Promise<TurnResult> {
  const now = input.now ?? (() => performance.now());
  const started = now();
  const settings = input.settings;
  const translate = input.translate ?? createTranslator("es");
  const steps: StepRecord[] = [];
  const emit: AgentEventListener = (event) => input.onEvent?.(event);
  const finish = (stopReason: StopReason, answer: string, context: ContextPassage[]): TurnResult => {
    emit({ type: "turn_end", stopReason, answer, steps: steps.length, durationMs: now() - started });
    const answerContent =
      settings.toolMode === "json" ? actionJson({ kind: "answer", text: answer }) : answer;
    return {
      answer,
      stopReason,
      steps,
      context,
      newMessages: [
        { role: "user", content: input.userMessage },
        { role: "assistant", content: answerContent },
      ],
    };
  };

  const connected = input.hub.tools();
  emit({
    type: "turn_start",
    userMessage: input.userMessage,
    toolCount: connected.length,
    provider: input.model.provider,
    model: input.model.model,
  });
  let tools: readonly ExposedTool[] = connected;
  let reasons: Map<string, string> | undefined;
  if (input.selectTools !== undefined) {
    try {
      const selection = await input.selectTools({
        tools: connected,
        message: input.userMessage,
        ...(input.signal ? { signal: input.signal } : {}),
      });
      tools = selection.offered;
      if (selection.reasons !== undefined)
        reasons = new Map(selection.reasons.map((reason) => [reason.name, reason.why]));
    } catch (error) {
      if (input.signal?.aborted) return finish("cancelled", translate("agent.cancelled"), []);
      throw error;
    }
  }

  let retrieved: ContextPassage[] = [];
  let counter: TokenCounter;
  try {
    retrieved = await injectContext(input, now, emit);
    counter = input.tokenCounter ?? (await tokenCounterFor(input.model.model));
  } catch (error) {
    if (input.signal?.aborted) return finish("cancelled", translate("agent.cancelled"), []);
    throw error;
  }
  const prompt = new TurnPrompt({
    budgetTokens: settings.promptBudgetTokens,
    counter,
    mode: settings.toolMode,
    tools,
    passages: retrieved,
    history: input.history,
    question: input.userMessage,
    language: translate.language,
  });
  tools = prompt.tools;
  const passages = prompt.passages;
  reportBudget(emit, prompt, connected.length, reasons);
  const validator = input.validator ?? new ArgumentValidator();
  const seen = new Map<string, string>();
  if (passages.length > 0) {
    // The automatic retrieval counts as a call: asking again for the same thing is a repeat.
    seen.set(
      callKey(CONTEXT_TOOL, { pregunta: input.userMessage, k: settings.context.k }),
      "sus pasajes ya están en el contexto recuperado del mensaje de sistema",
    );
  }
  let answerOnly = false;
  let invalidInARow = 0;
  let lastProblem = "";
  let lastObservation: { tool: string; text: string } | undefined;
  // The first request's own over-budget warning came with the fit.
  let warnedOverBudget = prompt.report.overBudget;

  for (let step = 1; step <= settings.maxSteps; ) {
    // A provider or tool that ignores the signal must not carry a cancelled turn on.
    if (input.signal?.aborted) return finish("cancelled", translate("agent.cancelled"), passages);
    const { messages, tokens, overBudget } = prompt.request();
    if (overBudget && !warnedOverBudget) {
      warnedOverBudget = true;
      emit({
        type: "warning",
        message: `the prompt of step ${step} (~${tokens} tokens) is over the prompt budget of ${settings.promptBudgetTokens} tokens even after dropping the earlier history: lower agent.observationTokens or raise model.contextSize`,
      });
    }
    let response: ChatResponse;
    const callStarted = now();
    try {
      response = await input.model.complete({
        messages,
        ...modelOptions(tools, settings, answerOnly),
        ...(input.signal ? { signal: input.signal } : {}),
      });
    } catch (error) {
      if (input.signal?.aborted) return finish("cancelled", translate("agent.cancelled"), passages);
      throw error;
    }
    emitModelCall(emit, {
      step,
      attempt: invalidInARow + 1,
      messages,
      answerOnly,
      response,
      durationMs: now() - callStarted,
    });

    const parsed =
      settings.toolMode === "json" ? parseJsonAction(response.text) : parseNativeAction(response);
    let problem = parsed.ok ? undefined : parsed.problem;
    if (!parsed.ok && response.stopReason === "length")
      problem = `${parsed.problem} (se cortó al llegar al límite de tokens: sé más breve)`;

    if (parsed.ok && parsed.action.kind === "answer") {
      emit({ type: "action", step, action: parsed.action });
      steps.push({ step, action: parsed.action, rawOutput: response.text });
      return finish("answer", parsed.action.text, passages);
    }

    if (parsed.ok && parsed.action.kind === "tool") {
      const action = parsed.action;
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
      }).catch((error: unknown) => {
        if (input.signal?.aborted) return undefined;
        throw error;
      });
      if (outcome === undefined) return finish("cancelled", translate("agent.cancelled"), passages);
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
        invalidInARow = 0;
        step += 1;
        continue;
      }
      problem = outcome.problem;
    }

    // An invalid step: a short correction, a bounded number of times in a row.
    invalidInARow += 1;
    lastProblem = problem ?? "respuesta inválida";
    const correctionsLeft = settings.maxCorrections - invalidInARow + 1;
    emit({
      type: "invalid_action",
      step,
      problem: lastProblem,
      correctionsLeft: Math.max(0, correctionsLeft),
    });
    steps.push({ step, problem: lastProblem, rawOutput: response.text });
    if (correctionsLeft <= 0) {
      return finish(
        "invalid_output",
        translate("agent.invalidOutput", { count: invalidInARow, problem: lastProblem }),
        passages,
      );
    }
    prompt.push(
      { role: "assistant", content: response.text.slice(0, 500) },
      { role: "user", content: correctionMessage(lastProblem, settings.toolMode) },
    );
  }

  const last =
    lastObservation === undefined
      ? ""
      : translate("agent.lastObtained", {
          tool: lastObservation.tool,
          text: lastObservation.text.slice(0, 300),
        });
  return finish("step_limit", translate("agent.stepLimit", { steps: settings.maxSteps, last }), passages);
}

async function injectContext(
  input: TurnInput,
  now: () => number,
  emit: AgentEventListener,
): Promise<ContextPassage[]> {
  if (!input.settings.context.enabled || !offersContext(input.hub)) return [];
  const started = now();
  const result = await retrieveContext(input.hub, input.userMessage, {
    k: input.settings.context.k,
    budgetTokens: input.settings.context.budgetTokens,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  emit({
    type: "context",
    passages: result.passages,
    durationMs: now() - started,
    ...(result.error === undefined ? {} : { error: result.error }),
  });
  return result.passages;
}

/** Which tools were offered, how the first request was fitted, and a warning when the fit cut tools or context. */
function reportBudget(
  emit: AgentEventListener,
  prompt: TurnPrompt,
  connectedCount: number,
  reasons: Map<string, string> | undefined,
): void {
  const { report } = prompt;
  if (prompt.tools.length < connectedCount)
    emit({
      type: "tools_offered",
      offered: prompt.tools.map((tool) => tool.name),
      omitted: connectedCount - prompt.tools.length,
      ...(reasons === undefined
        ? {}
        : {
            reasons: prompt.tools.map((tool) => ({
              name: tool.name,
              why: reasons.get(tool.name) ?? "kept by the prompt budget",
            })),
          }),
    });
  emit({
    type: "prompt_budget",
    counter: prompt.counter.name,
    budgetTokens: report.budgetTokens,
    usedTokens: report.usedTokens,
    droppedTools: report.droppedTools,
    droppedPassages: report.droppedPassages,
    droppedHistoryMessages: report.droppedHistoryMessages,
  });
  if (report.overBudget)
    emit({
      type: "warning",
      message: `the system prompt's instructions and the question alone (~${report.instructionTokens + report.questionTokens} tokens) exceed the prompt budget of ${report.budgetTokens} tokens: raise agent.promptBudgetTokens or model.contextSize`,
    });
  else if (report.droppedTools + report.droppedPassages > 0)
    emit({
      type: "warning",
      message: `the prompt budget of ${report.budgetTokens} tokens left out ${report.droppedTools} tools and ${report.droppedPassages} context passages this turn: raise agent.promptBudgetTokens or model.contextSize`,
    });
}

function emitModelCall(
  emit: AgentEventListener,
  call: {
    step: number;
    attempt: number;
    messages: ChatMessage[];
    answerOnly: boolean;
    response: ChatResponse;
    durationMs: number;
  },
): void {
  const { response } = call;
  for (const warning of response.warnings) emit({ type: "warning", message: warning });
  emit({
    type: "model_call",
    step: call.step,
    attempt: call.attempt,
    messageCount: call.messages.length,
    requestCharacters: call.messages.reduce((total, message) => total + message.content.length, 0),
    promptTokensEstimate: estimateMessagesTokens(call.messages),
    answerOnly: call.answerOnly,
    rawOutput: response.toolCalls.length > 0 ? JSON.stringify(response.toolCalls) : response.text,
    ...(response.promptTokens === undefined ? {} : { promptTokens: response.promptTokens }),
    ...(response.completionTokens === undefined ? {} : { completionTokens: response.completionTokens }),
    ...(response.contextSize === undefined ? {} : { contextSize: response.contextSize }),
    durationMs: call.durationMs,
  });
}
