/**
 * The prompt budget applied to the agent's own prompt: the messages `runTurn` sends on its first step
 * (`[system prompt] + history + question`), with the tool list, retrieved passages and history cut to fit
 * `budgetTokens` as prompt-budget.ts decides. Uses `buildSystemPrompt`, so what is counted is
 * what is sent.
 */
import type { Translator } from "../i18n/translator.js";
import type { ChatMessage } from "../llm/chat-model.js";
import type { TokenCounter } from "../llm/token-counter.js";
import type { ExposedTool } from "../mcp/tool-hub.js";
import type { ContextPassage } from "./context-passage.js";
import { type FittedPrompt, fitPrompt } from "./prompt-budget.js";
import {
  buildSystemPrompt,
  contextHeader,
  passageEntry,
  type ToolMode,
  toolEntry,
  toolsHeader,
} from "./system-prompt.js";

export interface AgentPromptInput {
  budgetTokens: number;
  counter: TokenCounter;
  mode: ToolMode;
  /** Most relevant first (as `selectTools` returns them). */
  tools: readonly ExposedTool[];
  passages: readonly ContextPassage[];
  history: readonly ChatMessage[];
  question: string;
  /** The prompt's fixed text in the user's language (default Spanish, as the seed). */
  translate?: Translator;
}

export interface AgentPrompt extends FittedPrompt<ExposedTool, ContextPassage> {
  /** `[system prompt] + history + question`, ready for the first model call. */
  messages: ChatMessage[];
}

export function fitAgentPrompt(input: AgentPromptInput): AgentPrompt {
  // The fixed text with both section headers, so the headers' tokens are reserved whatever is kept.
  const translate = input.translate;
  const instructions = [
    buildSystemPrompt([], [], input.mode, translate),
    toolsHeader(translate),
    contextHeader(translate),
  ].join("\n");
  const fitted = fitPrompt({
    budgetTokens: input.budgetTokens,
    counter: input.counter,
    instructions,
    tools: input.tools,
    toolText: toolEntry,
    passages: input.passages,
    // Numbered as if tenth: the budget reserves room for a two-digit number whatever the place.
    passageText: (passage) => passageEntry(passage, 10, translate),
    history: input.history,
    question: input.question,
  });
  return {
    ...fitted,
    messages: [
      { role: "system", content: buildSystemPrompt(fitted.tools, fitted.passages, input.mode, translate) },
      ...fitted.history,
      { role: "user", content: input.question },
    ],
  };
}
