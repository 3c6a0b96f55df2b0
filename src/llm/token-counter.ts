/**
 * The one token counter: sizes Ollama's context window, budgets the prompt, bounds tool results and
 * retrieved passages. Llama 3 family models (the default `llama3.2:1b`) are counted
 * with the real Llama 3 BPE tokenizer (`llama3-tokenizer-js`: pure JavaScript, vocabulary baked into the
 * package, nothing downloaded); every other model gets a chars-per-token estimate calibrated against that
 * tokenizer on agente's own prompts (tool lines, Spanish and English questions, JSON actions).
 */
import type { ChatMessage } from "./chat-model.js";

export interface TokenCounter {
  /** `llama3-bpe` or `estimate:<chars per token>`. */
  readonly name: string;
  /** Tokens of `text` as the model would see it, without begin/end-of-text markers. */
  count(text: string): number;
}

/**
 * Measured with the Llama 3 tokenizer over the eval catalogue's 60 tool lines and the 72 scenario
 * questions (see test/llm/token-counter.test.ts): 3.6–4.1 characters per token. 3.5 errs on the side
 * of more tokens, so a budget computed with it holds for the real tokenizer.
 */
export const CALIBRATED_CHARACTERS_PER_TOKEN = 3.5;

/** Chat templates add a few tokens of framing per message (role header, end-of-turn marker). */
export const TOKENS_PER_MESSAGE = 6;

export function estimateCounter(charactersPerToken = CALIBRATED_CHARACTERS_PER_TOKEN): TokenCounter {
  return {
    name: `estimate:${charactersPerToken}`,
    count: (text) => Math.ceil(text.length / charactersPerToken),
  };
}

interface Llama3Tokenizer {
  encode(prompt: string, options?: { bos?: boolean; eos?: boolean }): number[];
}

/** Loads the Llama 3 tokenizer (~0.5 s, ~13 MB). Resolves to undefined when the package is not installed. */
export async function loadLlama3Counter(): Promise<TokenCounter | undefined> {
  let tokenizer: Llama3Tokenizer;
  try {
    const module = (await import("llama3-tokenizer-js")) as { default: Llama3Tokenizer };
    tokenizer = module.default;
  } catch {
    return undefined;
  }
  return {
    name: "llama3-bpe",
    count: (text) => (text === "" ? 0 : tokenizer.encode(text, { bos: false, eos: false }).length),
  };
}

/** True for model names of the Llama 3 family (`llama3.2:1b`, `llama-3.1-8b-instruct`, `Llama-3.2-3B.gguf`). */
export function usesLlama3Tokenizer(model: string): boolean {
  return /llama[-_ ]?3/i.test(model);
}

/** The best counter available offline for `model`: the real tokenizer for Llama 3, else the estimate. */
export async function tokenCounterFor(model: string): Promise<TokenCounter> {
  if (usesLlama3Tokenizer(model)) {
    const counter = await loadLlama3Counter();
    if (counter !== undefined) return counter;
  }
  return estimateCounter();
}

/** Tokens one chat message takes: the template's framing, its text and its native tool calls. */
export function messageTokens(counter: TokenCounter, message: ChatMessage): number {
  let tokens = TOKENS_PER_MESSAGE + counter.count(message.content);
  for (const call of message.toolCalls ?? [])
    tokens += counter.count(`${call.name}${JSON.stringify(call.arguments)}`);
  return tokens;
}

/** Tokens of a whole request: its messages plus `extraText` the template renders (native tool schemas). */
export function messagesTokens(
  counter: TokenCounter,
  messages: readonly ChatMessage[],
  extraText = "",
): number {
  return messages.reduce(
    (total, message) => total + messageTokens(counter, message),
    counter.count(extraText),
  );
}

/**
 * Cuts `text` to about `maxTokens` (by the calibrated estimate, which never counts fewer tokens than the
 * Llama 3 tokenizer on agente's text), marking the cut.
 */
export function truncateToTokens(text: string, maxTokens: number): string {
  const maxCharacters = Math.floor(maxTokens * CALIBRATED_CHARACTERS_PER_TOKEN);
  if (text.length <= maxCharacters) return text;
  return `${text.slice(0, Math.max(0, maxCharacters - 1))}…`;
}
