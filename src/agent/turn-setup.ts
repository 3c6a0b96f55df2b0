/**
 * Everything a turn does before its first model call: pick the tools offered, load the token counter,
 * inject retrieved context, fit the first prompt, and report how it was fitted.
 */
import { inEnglish, type LocalisedText, localised } from "../i18n/localised.js";
import type { Translator } from "../i18n/translator.js";
import type { ChatMessage, ChatModel, ChatResponse } from "../llm/chat-model.js";
import { type TokenCounter, tokenCounterFor } from "../llm/token-counter.js";
import type { ExposedTool, ToolHub } from "../mcp/tool-hub.js";
import type { ContextPassage } from "../prompt/context-passage.js";
import { TurnPrompt } from "../prompt/turn-prompt.js";
import type { AgentEventListener } from "./agent-events.js";
import type { AgentSettings } from "./agent-settings.js";
import { retrieveContext } from "./context-retriever.js";
import { contextSource } from "./context-source.js";

/** Chooses the tools for one turn; retrieval's `TurnToolSelector` fits this shape. */
export type ToolSelector = (request: {
  tools: readonly ExposedTool[];
  message: string;
  signal?: AbortSignal;
}) => Promise<{ offered: ExposedTool[]; reasons?: Array<{ name: string; why: string }> }>;

/** What the setup reads of a turn's input (`TurnInput` in run-turn.ts). */
export interface TurnSetupInput {
  model: ChatModel;
  hub: ToolHub;
  userMessage: string;
  history: readonly ChatMessage[];
  settings: AgentSettings;
  signal?: AbortSignal;
  selectTools?: ToolSelector;
  tokenCounter?: TokenCounter;
  /** The user's language for the fixed text (default Spanish, as the seed). */
  translate?: Translator;
}

export interface PreparedTurn {
  prompt: TurnPrompt;
  /** The tools offered this turn (those that fitted the prompt), most relevant first. */
  tools: ExposedTool[];
  passages: ContextPassage[];
}

export async function prepareTurn(
  input: TurnSetupInput,
  now: () => number,
  emit: AgentEventListener,
): Promise<PreparedTurn> {
  const connected = input.hub.tools();
  emit({
    type: "turn_start",
    userMessage: input.userMessage,
    toolCount: connected.length,
    provider: input.model.provider,
    model: input.model.model,
  });
  const { tools, reasons } = await selectTurnTools(input, connected);
  const counter = input.tokenCounter ?? (await tokenCounterFor(input.model.model));
  const retrieved = await injectContext(input, counter, now, emit);
  const prompt = new TurnPrompt({
    budgetTokens: input.settings.promptBudgetTokens,
    counter,
    mode: input.settings.toolMode,
    tools,
    passages: retrieved,
    history: input.history,
    question: input.userMessage,
    ...(input.translate === undefined ? {} : { translate: input.translate }),
  });
  reportBudget(emit, prompt, connected.length, reasons);
  return { prompt, tools: prompt.tools, passages: prompt.passages };
}

async function selectTurnTools(
  input: TurnSetupInput,
  connected: readonly ExposedTool[],
): Promise<{ tools: readonly ExposedTool[]; reasons: Map<string, string> | undefined }> {
  if (input.selectTools === undefined) return { tools: connected, reasons: undefined };
  const selection = await input.selectTools({
    tools: connected,
    message: input.userMessage,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  return {
    tools: selection.offered,
    reasons:
      selection.reasons === undefined
        ? undefined
        : new Map(selection.reasons.map((reason) => [reason.name, reason.why])),
  };
}

async function injectContext(
  input: TurnSetupInput,
  counter: TokenCounter,
  now: () => number,
  emit: AgentEventListener,
): Promise<ContextPassage[]> {
  const source = input.settings.context.enabled
    ? contextSource(input.hub.tools(), input.settings.context)
    : undefined;
  if (source === undefined) return [];
  const started = now();
  const result = await retrieveContext(input.hub, input.userMessage, {
    tool: source.name,
    k: input.settings.context.k,
    budgetTokens: input.settings.context.budgetTokens,
    counter,
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
  const warn = (text: LocalisedText) => emit({ type: "warning", message: inEnglish(text), text });
  if (report.overBudget)
    warn(
      localised("agent.overBudgetInstructions", {
        tokens: report.instructionTokens + report.questionTokens,
        budget: report.budgetTokens,
      }),
    );
  else if (report.droppedTools + report.droppedPassages > 0)
    warn(
      localised("agent.budgetDropped", {
        budget: report.budgetTokens,
        tools: report.droppedTools,
        passages: report.droppedPassages,
      }),
    );
}

export function emitModelCall(
  emit: AgentEventListener,
  call: {
    step: number;
    attempt: number;
    messages: ChatMessage[];
    /** The request's tokens by the turn's counter. */
    tokens: number;
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
    promptTokensEstimate: call.tokens,
    answerOnly: call.answerOnly,
    rawOutput: response.toolCalls.length > 0 ? JSON.stringify(response.toolCalls) : response.text,
    ...(response.promptTokens === undefined ? {} : { promptTokens: response.promptTokens }),
    ...(response.completionTokens === undefined ? {} : { completionTokens: response.completionTokens }),
    ...(response.contextSize === undefined ? {} : { contextSize: response.contextSize }),
    durationMs: call.durationMs,
  });
}
