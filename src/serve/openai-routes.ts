/**
 * The OpenAI-compatible API: `GET /v1/models` and `POST /v1/chat/completions` (plain, and `stream: true`
 * as server-sent events ending in `data: [DONE]`). The whole agent runs behind a completion; the steps
 * travel in an extra `agente` field (see docs/serve.md) that plain clients ignore.
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ChatMessage } from "../llm/chat-model.js";
import type { Redactor } from "../util/secret-redaction.js";
import type { AgentService, TurnOutcome, WaitingOutcome } from "./agent-service.js";
import { failureText, sendApiError } from "./api-error.js";
import { requestElapsedMs } from "./request-timing.js";
import { openSse } from "./sse.js";
import { ownSession } from "./team/own-session.js";
import { personOf } from "./team/person.js";
import type { TurnEvent } from "./turn-events.js";
import type { TurnLimiter } from "./turn-limiter.js";
import { acquireTurnSlot } from "./turn-slot.js";

export const AGENT_MODEL_ID = "agente";
/** Header naming a stored conversation: its history is used instead of the request's earlier messages. */
export const SESSION_HEADER = "x-agente-session";
/** Pieces the answer is streamed in. */
const ANSWER_PIECE_CHARS = 48;

export interface OpenAiRoutesOptions {
  service: AgentService;
  limiter: TurnLimiter;
  /** The configured model, listed beside `agente`. */
  modelName: string;
  /** The host's secrets: hidden in every event of a stream (sse.ts). */
  redactor: Redactor;
  caller: (request: FastifyRequest) => string;
  created?: () => number;
}

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional() });
const requestMessage = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
});
const completionBody = z.looseObject({
  model: z.string().min(1),
  messages: z.array(requestMessage).min(1),
  stream: z.boolean().optional(),
});

/** JSON schema Fastify validates the body with before the handler runs (zod reads it again, typed). */
const completionSchema = {
  type: "object",
  required: ["model", "messages"],
  properties: {
    model: { type: "string", minLength: 1 },
    messages: { type: "array", minItems: 1, items: { type: "object", required: ["role"] } },
    stream: { type: "boolean" },
  },
} as const;

export function registerOpenAiRoutes(app: FastifyInstance, options: OpenAiRoutesOptions): void {
  const created = options.created ?? (() => Math.floor(Date.now() / 1000));
  const modelIds = [...new Set([AGENT_MODEL_ID, options.modelName])];

  app.get("/v1/models", async () => ({
    object: "list",
    data: modelIds.map((id) => ({ id, object: "model", created: 0, owned_by: "agente" })),
  }));

  app.post("/v1/chat/completions", { schema: { body: completionSchema } }, async (request, reply) => {
    const body = completionBody.safeParse(request.body);
    if (!body.success)
      return sendApiError(reply, 400, body.error.issues[0]?.message ?? "bad body", "invalid_request_error");
    if (!modelIds.includes(body.data.model))
      return sendApiError(
        reply,
        404,
        `The model \`${body.data.model}\` does not exist: use one of ${modelIds.join(", ")}`,
        "invalid_request_error",
        "model_not_found",
      );
    const messages = body.data.messages.map((message) => ({
      role: message.role,
      content: textOf(message.content),
    }));
    const last = messages.at(-1);
    if (last?.role !== "user" || last.content.trim() === "")
      return sendApiError(
        reply,
        400,
        "the last message must be a non-empty user message",
        "invalid_request_error",
      );
    const sessionId = headerValue(request.headers[SESSION_HEADER]);
    if (
      sessionId !== undefined &&
      (await ownSession(options.service.store, request, sessionId)) === undefined
    )
      return sendApiError(
        reply,
        404,
        `no conversation ${sessionId}`,
        "invalid_request_error",
        "session_not_found",
      );
    const release = acquireTurnSlot(options.limiter, options.caller(request), reply);
    if (release === undefined) return reply;

    const id = `chatcmpl-${randomUUID()}`;
    const controller = new AbortController();
    reply.raw.on("close", () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    const run = (onEvent?: (event: TurnEvent) => void): Promise<TurnOutcome> => {
      const call = {
        message: last.content,
        person: personOf(request),
        signal: controller.signal,
        ...(request.person === undefined ? {} : { person: request.person }),
        ...(onEvent === undefined ? {} : { onEvent }),
      };
      return sessionId === undefined
        ? options.service.runStateless({ ...call, history: historyOf(messages.slice(0, -1)) })
        : options.service.runInSession({ ...call, sessionId, approvals: "refuse" }).then(answered);
    };
    const model = body.data.model;
    try {
      if (body.data.stream === true)
        return await streamCompletion(reply, { id, model, created: created(), run, options });
      const outcome = await run();
      // What the server spent on this request apart from the agent loop shows as total − agent; total
      // counts from the first hook (request-timing.ts), so parsing, validation and the store are in it.
      reply.header(
        "server-timing",
        `agent;dur=${outcome.turnMs.toFixed(2)}, total;dur=${requestElapsedMs(request).toFixed(2)}`,
      );
      return {
        id,
        object: "chat.completion",
        created: created(),
        model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: outcome.answer },
            finish_reason: "stop",
            logprobs: null,
          },
        ],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
        agente: {
          stopReason: outcome.stopReason,
          steps: outcome.steps,
          sources: outcome.sources,
          turnMs: Math.round(outcome.turnMs * 10) / 10,
        },
      };
    } catch (error) {
      if (reply.sent) return reply;
      return sendApiError(reply, 502, failureText(error), "server_error", "agent_failed");
    } finally {
      release();
    }
  });
}

async function streamCompletion(
  reply: FastifyReply,
  context: {
    id: string;
    model: string;
    created: number;
    run: (onEvent: (event: TurnEvent) => void) => Promise<TurnOutcome>;
    options: OpenAiRoutesOptions;
  },
): Promise<FastifyReply> {
  reply.hijack();
  const stream = openSse(reply.raw, context.options.redactor);
  const chunk = (
    delta: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    finish: string | null = null,
  ) => ({
    id: context.id,
    object: "chat.completion.chunk",
    created: context.created,
    model: context.model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    ...extra,
  });
  stream.send(chunk({ role: "assistant", content: "" }));
  try {
    await context.run((event) => {
      if (event.type === "answer") {
        for (const piece of pieces(event.text)) stream.send(chunk({ content: piece }));
        stream.send(chunk({}, { agente: event }));
      } else if (event.type === "answer_delta") {
        // The web chat's live text: a delta may be taken back (a new model reply), which an OpenAI
        // stream cannot do, so its content is the final answer above.
      } else {
        stream.send(chunk({}, { agente: event }));
      }
    });
    stream.send(chunk({}, {}, "stop"));
  } catch (error) {
    stream.send({
      error: { message: failureText(error), type: "server_error", param: null, code: "agent_failed" },
    });
  }
  stream.done();
  return reply;
}

function pieces(text: string): string[] {
  const result: string[] = [];
  for (let start = 0; start < text.length; start += ANSWER_PIECE_CHARS)
    result.push(text.slice(start, start + ANSWER_PIECE_CHARS));
  return result;
}

function textOf(content: z.infer<typeof requestMessage>["content"]): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content
      .filter((part) => part.type === "text" && part.text !== undefined)
      .map((part) => part.text)
      .join("\n");
  return "";
}

/** The earlier user and assistant messages (system prompts are agente's own; tool messages stay inside a turn). */
function historyOf(messages: Array<{ role: string; content: string }>): ChatMessage[] {
  return messages.flatMap((message) =>
    (message.role === "user" || message.role === "assistant") && message.content !== ""
      ? [{ role: message.role, content: message.content }]
      : [],
  );
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single.trim() === "" ? undefined : single.trim();
}

/** With `approvals: "refuse"` a turn never waits: a waiting outcome here is a bug. */
function answered(outcome: TurnOutcome | WaitingOutcome): TurnOutcome {
  if ("waiting" in outcome) throw new Error("a turn of the OpenAI API waits for an approval");
  return outcome;
}
