/**
 * A chat: turns that share a history (the user's messages and the final answers; tool traffic stays inside
 * its turn, which keeps the prompt small for a 1B model).
 */
import type { Translator } from "../i18n/translator.js";
import type { ChatMessage, ChatModel } from "../llm/chat-model.js";
import type { TokenCounter } from "../llm/token-counter.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import type { AgentEventListener } from "./agent-events.js";
import type { AgentSettings } from "./agent-settings.js";
import type { Approver } from "./approval.js";
import { ArgumentValidator } from "./argument-validator.js";
import { runTurn, type ToolSelector, type TurnResult } from "./run-turn.js";

export interface ConversationOptions {
  model: ChatModel;
  hub: ToolHub;
  settings: AgentSettings;
  approver: Approver;
  onEvent?: AgentEventListener;
  now?: () => number;
  selectTools?: ToolSelector;
  /** Counts tokens for the prompt budget; absent: the best counter for the model. */
  tokenCounter?: TokenCounter;
  /** The user's language for the turns' fixed answers; absent: Spanish. */
  translate?: Translator;
}

export class Conversation {
  private readonly options: ConversationOptions;
  private readonly validator = new ArgumentValidator();
  private history: ChatMessage[] = [];

  constructor(options: ConversationOptions) {
    this.options = options;
  }

  /** Runs one turn; a cancelled turn leaves the history as it was. */
  async send(userMessage: string, signal?: AbortSignal): Promise<TurnResult> {
    const result = await runTurn({
      ...this.options,
      userMessage,
      history: this.history,
      validator: this.validator,
      ...(signal === undefined ? {} : { signal }),
    });
    if (result.stopReason !== "cancelled") {
      const keep = this.options.settings.historyTurns * 2;
      this.history = keep === 0 ? [] : [...this.history, ...result.newMessages].slice(-keep);
    }
    return result;
  }

  messages(): readonly ChatMessage[] {
    return this.history;
  }
}
