/**
 * One user turn of the ReAct loop: `[system prompt] + h_t` → model → action → observation → … → answer.
 * Every exit is explicit (`StopReason`): an answer, the step limit, too many invalid steps in a row, or a
 * cancel. Nothing the model emits can throw out of here; provider failures (server down) do. The setup is
 * turn-setup.ts; the steps are turn-loop.ts, where `resolveStep` (next-step.ts) decides what to do with
 * each response; a cancel from anywhere in the turn leaves through the one path here.
 */
import { createTranslator, type Translator } from "../i18n/translator.js";
import type { ChatMessage, ChatModel } from "../llm/chat-model.js";
import type { TokenCounter } from "../llm/token-counter.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import type { ContextPassage } from "../prompt/context-passage.js";
import { actionJson } from "./agent-action.js";
import type { AgentEventListener, StopReason } from "./agent-events.js";
import type { AgentSettings } from "./agent-settings.js";
import type { Approver } from "./approval.js";
import type { ArgumentValidator } from "./argument-validator.js";
import { type LoopEnd, type ResumedStep, type StepRecord, TurnLoop } from "./turn-loop.js";
import { prepareTurn, type ToolSelector } from "./turn-setup.js";

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
  /** The user's language for the turn's fixed answers (cancelled, limits). Absent: Spanish, as the seed. */
  translate?: Translator;
  /** A suspended turn going on: the steps it took before (turn-loop.ts). */
  resume?: readonly ResumedStep[];
}

/** Re-exported: callers (the CLI, the chat, the eval) have always imported them with `runTurn`. */
export type { ResumedStep, StepRecord, ToolSelector };

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
  const steps: StepRecord[] = [];
  const emit: AgentEventListener = (event) => input.onEvent?.(event);
  let passages: ContextPassage[] = [];
  let end: LoopEnd;
  try {
    const turn = await prepareTurn(input, now, emit);
    passages = turn.passages;
    end = await new TurnLoop(input, turn, steps, now, emit).run();
  } catch (error) {
    // The one cancel path: whatever was waiting (selection, context, model, tool) when the signal fired.
    if (!input.signal?.aborted) throw error;
    end = { stopReason: "cancelled", answer: (input.translate ?? createTranslator("es"))("agent.cancelled") };
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
