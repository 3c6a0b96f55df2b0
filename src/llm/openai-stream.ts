/**
 * Reading a streamed `POST /chat/completions` reply: server-sent events (`data: {chunk}` … `data: [DONE]`),
 * each chunk checked against a loose schema. The text is handed on as it grows; tool calls, which arrive
 * in pieces keyed by index, are put back together; the finish reason and usage come from the last chunks.
 */
import { createParser } from "eventsource-parser";
import { SystemError } from "../util/errors.js";
import { parseJsonReply, type ReplySource } from "../util/parse-reply.js";
import type { NativeToolCall } from "./chat-model.js";
import { parseArguments } from "./http-json.js";
import { completionChunkSchema } from "./openai-replies.js";

/** What one completion gave, streamed or not, before it becomes a `ChatResponse`. */
export interface CompletionParts {
  text: string;
  toolCalls: NativeToolCall[];
  finishReason: string | undefined;
  promptTokens?: number;
  completionTokens?: number;
}

export interface CompletionStreamOptions {
  /** Hears the text so far after each piece of it. */
  onText?: ((textSoFar: string) => void) | undefined;
  /** Names the sender in errors: "the reply of http://… to /chat/completions". */
  source: ReplySource;
}

/** One event may not grow past this (a runaway or hostile server must not fill the memory). */
const MAX_EVENT_CHARACTERS = 4 * 1024 * 1024;

interface PartialToolCall {
  id?: string;
  name: string;
  arguments: string;
}

/** Reads the event stream to `[DONE]`; throws a one-line `SystemError` for a bad chunk or a cut stream. */
export async function readCompletionStream(
  body: ReadableStream<Uint8Array>,
  options: CompletionStreamOptions,
): Promise<CompletionParts> {
  const { source } = options;
  const events: string[] = [];
  let tooLong = false;
  const parser = createParser({
    onEvent: (event) => events.push(event.data),
    onError: (error) => {
      if (error.type === "max-buffer-size-exceeded") tooLong = true;
    },
    maxBufferSize: MAX_EVENT_CHARACTERS,
  });
  const parts: CompletionParts = { text: "", toolCalls: [], finishReason: undefined };
  const calls: PartialToolCall[] = [];
  const handle = (data: string): void => {
    const chunk = parseJsonReply(completionChunkSchema, data, {
      ...source,
      what: `a chunk of ${source.what}`,
    });
    if (chunk.error !== undefined) {
      const message = typeof chunk.error === "string" ? chunk.error : String(chunk.error.message);
      throw new SystemError(`${source.what} broke off with an error: ${message}`, {
        hint: "check the model server's log",
      });
    }
    if (chunk.usage?.prompt_tokens !== undefined) parts.promptTokens = chunk.usage.prompt_tokens;
    if (chunk.usage?.completion_tokens !== undefined) parts.completionTokens = chunk.usage.completion_tokens;
    const choice = chunk.choices?.[0];
    if (choice === undefined) return;
    if (choice.finish_reason) parts.finishReason = choice.finish_reason;
    const content = choice.delta?.content;
    if (content) {
      parts.text += content;
      options.onText?.(parts.text);
    }
    for (const [position, piece] of (choice.delta?.tool_calls ?? []).entries()) {
      const index = piece.index ?? position;
      const call = calls[index] ?? { name: "", arguments: "" };
      calls[index] = call;
      if (piece.id) call.id = piece.id;
      if (piece.function?.name) call.name = piece.function.name;
      call.arguments += piece.function?.arguments ?? "";
    }
  };

  const decoder = new TextDecoder();
  const reader = body.getReader();
  let finished = false;
  for (;;) {
    const { done, value } = await reader.read();
    parser.feed(done ? decoder.decode() : decoder.decode(value, { stream: true }));
    if (tooLong)
      throw new SystemError(`${source.what} sent an event longer than ${MAX_EVENT_CHARACTERS} characters`, {
        hint: "check the model server's log",
      });
    for (const data of events.splice(0)) {
      if (data.trim() === "[DONE]") finished = true;
      else if (!finished) handle(data);
    }
    if (finished) {
      // The reply is complete; whatever the server still holds open is of no use to us.
      if (!done) await reader.cancel();
      break;
    }
    if (done) {
      // A server that ends the stream without `[DONE]` after its finish reason still gave a whole reply.
      if (parts.finishReason !== undefined) break;
      throw new SystemError(`${source.what} ended before the reply was complete`, {
        hint: "check the model server's log",
      });
    }
  }
  parts.toolCalls = calls
    .filter((call) => call !== undefined)
    .map((call) => ({
      ...(call.id === undefined ? {} : { id: call.id }),
      name: call.name,
      arguments: call.arguments === "" ? {} : parseArguments(call.arguments),
    }));
  return parts;
}
