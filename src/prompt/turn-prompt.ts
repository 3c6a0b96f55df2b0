/**
 * The messages of one turn under the prompt budget (`agent.promptBudgetTokens`). The first request,
 * `[system prompt] + history + question`, is fitted by `fitAgentPrompt`: tools, then injected
 * context, then history (oldest dropped or summarised first); the question always goes in. Later requests
 * add the turn's own messages (actions, observations, corrections) after the question; when they outgrow
 * the budget the earlier history gives way, oldest first. The system prompt stays as the first request had
 * it, so the tools the model reads match the action schema for the whole turn; when even that cannot fit,
 * `overBudget` says so and the caller warns.
 */
import type { ChatMessage } from "../llm/chat-model.js";
import { messageTokens, type TokenCounter } from "../llm/token-counter.js";
import type { ExposedTool } from "../mcp/tool-hub.js";
import { type AgentPromptInput, fitAgentPrompt } from "./agent-prompt.js";
import type { ContextPassage } from "./context-passage.js";
import type { PromptBudgetReport } from "./prompt-budget.js";

export interface TurnRequest {
  messages: ChatMessage[];
  /** Tokens of `messages` with the turn's counter. */
  tokens: number;
  overBudget: boolean;
}

export class TurnPrompt {
  /** The tools that fitted, most relevant first: the only ones offered this turn. */
  readonly tools: ExposedTool[];
  /** The injected passages that fitted. */
  readonly passages: ContextPassage[];
  /** How the first request was fitted. */
  readonly report: PromptBudgetReport;
  private readonly input: AgentPromptInput;
  private readonly system: ChatMessage;
  private readonly question: ChatMessage;
  private history: ChatMessage[];
  private readonly turn: ChatMessage[] = [];
  /** Token counts by message, so a later step only counts what it added (a real tokenizer takes ms). */
  private readonly counted = new Map<ChatMessage, number>();

  constructor(input: AgentPromptInput) {
    this.input = input;
    const fitted = fitAgentPrompt(input);
    this.tools = fitted.tools;
    this.passages = fitted.passages;
    this.report = fitted.report;
    const [system, ...rest] = fitted.messages;
    if (system === undefined) throw new Error("fitAgentPrompt returned no system message");
    this.system = system;
    this.question = { role: "user", content: input.question };
    this.history = rest.slice(0, -1);
  }

  get counter(): TokenCounter {
    return this.input.counter;
  }

  /** Appends the turn's own messages (an action and its observation, a correction). */
  push(...messages: ChatMessage[]): void {
    this.turn.push(...messages);
  }

  /** The messages for the next model call. */
  request(): TurnRequest {
    const request = this.compose();
    if (request.tokens <= this.input.budgetTokens || this.history.length === 0) return request;
    // The turn's own messages take the room of the history: refit the history to what they leave.
    const turnTokens = this.turn.reduce((total, message) => total + this.messageTokens(message), 0);
    const refit = fitAgentPrompt({
      ...this.input,
      tools: this.tools,
      passages: this.passages,
      budgetTokens: this.input.budgetTokens - turnTokens,
    });
    // A refit that had to drop tools or passages left no room for any history.
    this.history = refit.report.droppedTools + refit.report.droppedPassages > 0 ? [] : refit.history;
    return this.compose();
  }

  private compose(): TurnRequest {
    const messages = [this.system, ...this.history, this.question, ...this.turn];
    const tokens = messages.reduce((total, message) => total + this.messageTokens(message), 0);
    return { messages, tokens, overBudget: tokens > this.input.budgetTokens };
  }

  private messageTokens(message: ChatMessage): number {
    const known = this.counted.get(message);
    if (known !== undefined) return known;
    const tokens = messageTokens(this.input.counter, message);
    this.counted.set(message, tokens);
    return tokens;
  }
}
