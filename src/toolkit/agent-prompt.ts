/**
 * The prompt budget applied to the agent's own prompt: the messages `runTurn` sends on its first step
 * (`[system prompt] + history + question`), with the tool list, retrieved passages and history cut to fit
 * `budgetTokens` as prompt-budget.ts decides. Uses the agent's `buildSystemPrompt`, so what is counted is
 * what is sent.
 */
import type { ContextPassage } from "../agent/context-retriever.js";
import { buildSystemPrompt, type ToolMode, toolLine } from "../agent/system-prompt.js";
import type { Language } from "../i18n/language.js";
import { createTranslator } from "../i18n/translator.js";
import type { ChatMessage } from "../llm/chat-model.js";
import type { ExposedTool } from "../mcp/tool-hub.js";
import { type FittedPrompt, fitPrompt } from "./prompt-budget.js";
import type { TokenCounter } from "./token-estimate.js";

export interface AgentPromptInput {
  budgetTokens: number;
  counter: TokenCounter;
  mode: ToolMode;
  /** Most relevant first (as `selectTools` returns them). */
  tools: readonly ExposedTool[];
  passages: readonly ContextPassage[];
  history: readonly ChatMessage[];
  question: string;
  /** The user's language for the prompt's fixed text (default Spanish). */
  language?: Language;
}

export interface AgentPrompt extends FittedPrompt<ExposedTool, ContextPassage> {
  /** `[system prompt] + history + question`, ready for the first model call. */
  messages: ChatMessage[];
}

export function fitAgentPrompt(input: AgentPromptInput): AgentPrompt {
  // The fixed text with both section headers, so the headers' tokens are reserved whatever is kept.
  const language = input.language ?? "es";
  const translate = createTranslator(language);
  const instructions = [
    buildSystemPrompt([], [], input.mode, language),
    translate("prompt.tools"),
    translate("prompt.context"),
  ].join("\n");
  const fitted = fitPrompt({
    budgetTokens: input.budgetTokens,
    counter: input.counter,
    instructions,
    tools: input.tools,
    toolText: (tool) => `- ${toolLine(tool)}`,
    passages: input.passages,
    passageText: (passage) =>
      `[10] (${translate("prompt.source")}: ${passage.source}${passage.position === undefined ? "" : ` #${passage.position}`}) ${passage.text}`,
    history: input.history,
    question: input.question,
  });
  return {
    ...fitted,
    messages: [
      { role: "system", content: buildSystemPrompt(fitted.tools, fitted.passages, input.mode, language) },
      ...fitted.history,
      { role: "user", content: input.question },
    ],
  };
}
