/**
 * Fits one model request to a token budget. The current question and the fixed instructions always go in;
 * then, in this order of priority, the tool lines (least relevant dropped first), the injected context
 * passages (last ones dropped first) and the history (oldest turns dropped first, replaced by a one-line
 * summary of what the user asked when it fits). A small model then never sees its prompt silently cut.
 */
import type { ChatMessage } from "../llm/chat-model.js";
import { TOKENS_PER_MESSAGE, type TokenCounter } from "../llm/token-counter.js";

export interface PromptBudgetInput<Tool, Passage> {
  /** Tokens the whole request may take (context window minus the reply's tokens). */
  budgetTokens: number;
  counter: TokenCounter;
  /** The system prompt's fixed text (instructions), without tools or context. */
  instructions: string;
  /** Most relevant first. */
  tools: readonly Tool[];
  toolText: (tool: Tool) => string;
  /** Most relevant first. */
  passages: readonly Passage[];
  passageText: (passage: Passage) => string;
  /** Earlier messages, oldest first, without the system prompt. */
  history: readonly ChatMessage[];
  question: string;
}

export interface PromptBudgetReport {
  budgetTokens: number;
  usedTokens: number;
  instructionTokens: number;
  toolTokens: number;
  contextTokens: number;
  historyTokens: number;
  questionTokens: number;
  droppedTools: number;
  droppedPassages: number;
  droppedHistoryMessages: number;
  /** True when even the question and the instructions do not fit: the request goes out over budget. */
  overBudget: boolean;
}

export interface FittedPrompt<Tool, Passage> {
  tools: Tool[];
  passages: Passage[];
  /** The history to send: a summary message first when older turns were dropped and it fits. */
  history: ChatMessage[];
  report: PromptBudgetReport;
}

const SUMMARY_CHARACTERS_PER_QUESTION = 80;

export function fitPrompt<Tool, Passage>(
  input: PromptBudgetInput<Tool, Passage>,
): FittedPrompt<Tool, Passage> {
  const { counter } = input;
  const messageTokens = (content: string) => TOKENS_PER_MESSAGE + counter.count(content);
  const questionTokens = messageTokens(input.question);
  const instructionTokens = messageTokens(input.instructions);
  let left = input.budgetTokens - questionTokens - instructionTokens;
  const overBudget = left < 0;

  const tools: Tool[] = [];
  let toolTokens = 0;
  for (const tool of input.tools) {
    const cost = counter.count(`${input.toolText(tool)}\n`);
    if (cost > left) continue;
    tools.push(tool);
    toolTokens += cost;
    left -= cost;
  }

  const passages: Passage[] = [];
  let contextTokens = 0;
  for (const passage of input.passages) {
    const cost = counter.count(`${input.passageText(passage)}\n`);
    if (cost > left) continue;
    passages.push(passage);
    contextTokens += cost;
    left -= cost;
  }

  const history = fitHistory(input.history, left, messageTokens);
  const historyTokens = history.reduce((total, message) => total + messageTokens(message.content), 0);
  const droppedHistoryMessages =
    input.history.length - history.filter((message) => message.role !== "system").length;

  return {
    tools,
    passages,
    history,
    report: {
      budgetTokens: input.budgetTokens,
      usedTokens: instructionTokens + toolTokens + contextTokens + historyTokens + questionTokens,
      instructionTokens,
      toolTokens,
      contextTokens,
      historyTokens,
      questionTokens,
      droppedTools: input.tools.length - tools.length,
      droppedPassages: input.passages.length - passages.length,
      droppedHistoryMessages,
      overBudget,
    },
  };
}

/**
 * Keeps the newest whole turns that fit (a turn starts at a user message, so an answer never loses its
 * question), then, with what is left, a summary line naming the dropped questions.
 */
function fitHistory(
  history: readonly ChatMessage[],
  budget: number,
  messageTokens: (content: string) => number,
): ChatMessage[] {
  const turns: ChatMessage[][] = [];
  for (const message of history) {
    const current = turns.at(-1);
    if (message.role === "user" || current === undefined) turns.push([message]);
    else current.push(message);
  }
  const kept: ChatMessage[][] = [];
  let left = budget;
  for (let index = turns.length - 1; index >= 0; index--) {
    const turn = turns[index] ?? [];
    const cost = turn.reduce((total, message) => total + messageTokens(message.content), 0);
    if (cost > left) break;
    kept.unshift(turn);
    left -= cost;
  }
  const dropped = turns.slice(0, turns.length - kept.length);
  const fitted = kept.flat();
  if (dropped.length === 0) return fitted;
  const summary = summarize(dropped, left, messageTokens);
  return summary === undefined ? fitted : [summary, ...fitted];
}

function summarize(
  dropped: ChatMessage[][],
  budget: number,
  messageTokens: (content: string) => number,
): ChatMessage | undefined {
  const questions = dropped
    .map((turn) => turn.find((message) => message.role === "user")?.content ?? "")
    .filter((question) => question.trim() !== "")
    .map((question) => {
      const flat = question.replace(/\s+/g, " ").trim();
      return flat.length <= SUMMARY_CHARACTERS_PER_QUESTION
        ? flat
        : `${flat.slice(0, SUMMARY_CHARACTERS_PER_QUESTION - 1)}…`;
    });
  // Newest dropped questions are the most useful: drop the oldest from the summary until it fits.
  for (let start = 0; start < questions.length; start++) {
    const content = `(Resumen de la conversación anterior, sin los detalles: el usuario preguntó ${questions
      .slice(start)
      .map((question) => `«${question}»`)
      .join("; ")}.)`;
    if (messageTokens(content) <= budget) return { role: "system", content };
  }
  return undefined;
}
