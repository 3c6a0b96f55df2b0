/**
 * What happens during a turn, as data: the CLI renders these (`--verbose`), the trace writes them as JSONL.
 * Every field is safe to show: what servers sent was cleaned by the hub's `Redactor`, arguments shown or
 * recorded pass through `maskSecretFields` (util/secret-fields.ts), provider keys never appear.
 */

import type { LocalisedText } from "../i18n/localised.js";
import type { ContextPassage } from "../prompt/context-passage.js";
import type { AgentAction } from "./agent-action.js";
import type { ToolMedia } from "./tool-media.js";

export type StopReason = "answer" | "step_limit" | "invalid_output" | "cancelled";

export type AgentEvent =
  | { type: "turn_start"; userMessage: string; toolCount: number; provider: string; model: string }
  /** Only some connected tools were offered this turn (tool retrieval). */
  | {
      type: "tools_offered";
      offered: string[];
      omitted: number;
      /** Why each offered tool was chosen (tool retrieval's reasons), when a selector chose them. */
      reasons?: Array<{ name: string; why: string }>;
    }
  | { type: "context"; passages: ContextPassage[]; durationMs: number; error?: string }
  /** How the first request of the turn was fitted to `agent.promptBudgetTokens` (counted with `counter`). */
  | {
      type: "prompt_budget";
      counter: string;
      budgetTokens: number;
      usedTokens: number;
      droppedTools: number;
      droppedPassages: number;
      droppedHistoryMessages: number;
    }
  | {
      type: "model_call";
      step: number;
      attempt: number;
      messageCount: number;
      requestCharacters: number;
      promptTokensEstimate: number;
      answerOnly: boolean;
      rawOutput: string;
      promptTokens?: number;
      completionTokens?: number;
      contextSize?: number;
      durationMs: number;
    }
  | { type: "invalid_action"; step: number; problem: string; correctionsLeft: number }
  | { type: "action"; step: number; action: AgentAction }
  /** `approver`: who decided, when someone other than the asker did; `expired`: nobody decided in time. */
  | {
      type: "approval";
      step: number;
      tool: string;
      approved: boolean;
      reason?: string;
      approver?: string;
      expired?: boolean;
    }
  | {
      type: "observation";
      step: number;
      tool: string;
      text: string;
      isError: boolean;
      repeated: boolean;
      durationMs: number;
      /** Images and audio the tool returned, for people (tool-media.ts); the model reads `text` only. */
      media?: ToolMedia[];
    }
  /** `message` in English (logs, traces); `text`, when given, for the person in their language. */
  | { type: "warning"; message: string; text?: LocalisedText }
  /** A server's `notifications/progress` for the tool call of `step` (shown on the spinner line). */
  | { type: "tool_progress"; step: number; tool: string; progress: number; total?: number; message?: string }
  | { type: "turn_end"; stopReason: StopReason; answer: string; steps: number; durationMs: number };

export type AgentEventListener = (event: AgentEvent) => void;
