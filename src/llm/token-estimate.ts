/**
 * A tokenizer-free token estimate, used to size the context window and to budget the prompt.
 * Llama-family tokenizers average 3–4 characters per token on Spanish and English prose, fewer on JSON;
 * 3 errs on the side of a larger window.
 */
import type { ChatMessage } from "./chat-model.js";

const CHARACTERS_PER_TOKEN = 3;
/** Chat templates add a few tokens of framing per message. */
const TOKENS_PER_MESSAGE = 6;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARACTERS_PER_TOKEN);
}

export function estimateMessagesTokens(messages: readonly ChatMessage[], extraText = ""): number {
  let total = estimateTokens(extraText);
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE + estimateTokens(message.content);
    for (const call of message.toolCalls ?? [])
      total += estimateTokens(call.name + JSON.stringify(call.arguments));
  }
  return total;
}

/** Cuts `text` to about `maxTokens`, marking the cut. */
export function truncateToTokens(text: string, maxTokens: number): string {
  const maxCharacters = maxTokens * CHARACTERS_PER_TOKEN;
  if (text.length <= maxCharacters) return text;
  return `${text.slice(0, Math.max(0, maxCharacters - 1))}…`;
}
