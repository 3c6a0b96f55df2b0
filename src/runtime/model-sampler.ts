/**
 * Sampling (`sampling/createMessage`) answered by agente's own model: the server's messages and system
 * prompt become a chat request, the reply a `CreateMessageResult`. The hub (mcp/) never imports llm/: it
 * takes this function through `ServerQuestions.sample`, after the host's approval step.
 */
import type { CreateMessageRequestParams, CreateMessageResult } from "@modelcontextprotocol/client";
import type { ChatMessage, ChatModel } from "../llm/chat-model.js";
import { truncateToTokens } from "../llm/token-counter.js";

/** A message's text; content that is not text (image, audio, tool use) is named, not sent. */
function textOf(content: unknown): string {
  const blocks = Array.isArray(content) ? content : [content];
  return blocks
    .map((block: { type?: unknown; text?: unknown }) =>
      block.type === "text" && typeof block.text === "string" ? block.text : `[${String(block.type)}]`,
    )
    .join("\n");
}

export function modelSampler(
  model: ChatModel,
): (params: CreateMessageRequestParams, signal: AbortSignal) => Promise<CreateMessageResult> {
  return async (params, signal) => {
    const messages: ChatMessage[] = [
      ...(params.systemPrompt === undefined
        ? []
        : [{ role: "system" as const, content: params.systemPrompt }]),
      ...params.messages.map((message) => ({ role: message.role, content: textOf(message.content) })),
    ];
    const reply = await model.complete({ messages, signal });
    // maxTokens is the server's limit: a longer reply is cut to it (by the calibrated estimate).
    const text = truncateToTokens(reply.text, params.maxTokens);
    const cut = text.length < reply.text.length || reply.stopReason === "length";
    return {
      model: model.model,
      role: "assistant",
      content: { type: "text", text },
      stopReason: cut ? "maxTokens" : "endTurn",
    };
  };
}
