/**
 * The bodies the scripted Ollama answers with, shaped as Ollama's own: a chat reply streamed as NDJSON
 * (or one JSON object when the request says `stream: false`) and deterministic embeddings.
 */
import type { ReplayReply } from "./replay-server.js";

interface ChatBody {
  model: string;
  messages: Array<{ content: string }>;
  stream?: boolean;
}

/** The `/api/chat` answer carrying `text`. Token counts: see `PromptTokens` in `scripted-ollama.ts`. */
export function ollamaChatReply(
  body: ChatBody,
  text: string,
  promptTokens?: number | "estimate",
): ReplayReply {
  const promptCount =
    promptTokens === "estimate"
      ? Math.ceil(body.messages.reduce((total, message) => total + message.content.length, 0) / 4)
      : promptTokens;
  const counts = {
    ...(promptCount === undefined ? {} : { prompt_eval_count: promptCount }),
    eval_count: Math.ceil(text.length / 4),
  };
  const message = (content: string) => ({ role: "assistant", content });
  if (body.stream === false) {
    return {
      body: JSON.stringify({
        model: body.model,
        message: message(text),
        done: true,
        done_reason: "stop",
        ...counts,
      }),
    };
  }
  const line = (value: unknown) => `${JSON.stringify(value)}\n`;
  return {
    contentType: "application/x-ndjson",
    body: [
      line({ model: body.model, message: message(text), done: false }),
      line({ model: body.model, message: message(""), done: true, done_reason: "stop", ...counts }),
    ],
  };
}

/**
 * One unit vector per text: its lower-cased words hashed into `dimensions` buckets. The same text gives
 * the same vector, and texts sharing words lie close, so a search over them behaves like a real one.
 */
export function ollamaEmbeddings(texts: string[], dimensions: number): number[][] {
  return texts.map((text) => {
    const vector = new Float64Array(dimensions);
    for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      let hash = 0x811c9dc5;
      for (let index = 0; index < word.length; index++)
        hash = Math.imul(hash ^ word.charCodeAt(index), 0x01000193);
      vector[(hash >>> 0) % dimensions]! += 1;
    }
    const length = Math.hypot(...vector);
    if (length === 0) vector[0] = 1;
    return Array.from(vector, (value) => (length === 0 ? value : value / length));
  });
}
