/**
 * Token counts for prompt budgeting, per model. Llama 3 family models (the default `llama3.2:1b`) are counted
 * with the real Llama 3 BPE tokenizer (`llama3-tokenizer-js`: pure JavaScript, vocabulary baked into the
 * package, nothing downloaded); every other model gets a chars-per-token estimate calibrated against that
 * tokenizer on agente's own prompts (tool lines, Spanish and English questions, JSON actions).
 */

export interface TokenCounter {
  /** `llama3-bpe` or `estimate:<chars per token>`. */
  readonly name: string;
  /** Tokens of `text` as the model would see it, without begin/end-of-text markers. */
  count(text: string): number;
}

/**
 * Measured with the Llama 3 tokenizer over the eval catalogue's 60 tool lines and the 72 scenario
 * questions (see test/toolkit/token-estimate.test.ts): 3.6–4.1 characters per token. 3.5 errs on the side
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
