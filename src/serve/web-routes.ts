/**
 * The web chat's own API (under `/api/`): conversations, a turn as a stream of `TurnEvent`s, approvals,
 * documents, and the status panel. Everything it reads or writes goes through the conversation store.
 * A body or a path of the wrong shape is answered 400, never a parser's dump.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Language } from "../i18n/language.js";
import { createTranslator } from "../i18n/translator.js";
import type { Redactor } from "../util/secret-redaction.js";
import type { AgentService } from "./agent-service.js";
import { failureText, sendApiError } from "./api-error.js";
import type { StoredMessage } from "./conversation-store.js";
import { registerDocumentRoutes } from "./document-routes.js";
import type { DocumentIngester } from "./documents.js";
import type { HealthReport } from "./health.js";
import { pageLanguage } from "./page-routes.js";
import { registerQuestionRoutes } from "./question-routes.js";
import { openSse } from "./sse.js";
import type { AccessPolicy } from "./team/access-policy.js";
import { ownSession } from "./team/own-session.js";
import { personOf } from "./team/person.js";
import type { TurnLimiter } from "./turn-limiter.js";
import { acquireTurnSlot } from "./turn-slot.js";

export interface WebRoutesOptions {
  service: AgentService;
  limiter: TurnLimiter;
  /** The host's secrets: hidden in every event of a stream (sse.ts). */
  redactor: Redactor;
  caller: (request: FastifyRequest) => string;
  health: () => HealthReport | Promise<HealthReport>;
  documents?: DocumentIngester;
  /** Roles: who may publish to the shared memory. */
  access: AccessPolicy;
  defaultLanguage: Language;
}

const idParams = z.looseObject({ id: z.string().min(1) });
const messageParams = z.looseObject({ id: z.string().min(1), index: z.coerce.number().int().min(0) });
const turnBody = z.looseObject({
  message: z.string().trim().min(1),
  /** Drop every message after the first `keep` first: regenerate an answer, edit and resend a question. */
  keep: z.number().int().min(0).optional(),
});
const newSessionBody = z.looseObject({ title: z.string().max(200).optional() }).optional();
const renameBody = z.looseObject({ title: z.string().trim().min(1).max(200) });

/** `schema.parse`, or a 400 in OpenAI's error shape (undefined: the reply is sent). */
function parsed<T>(schema: z.ZodType<T>, value: unknown, reply: FastifyReply, what: string): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  sendApiError(reply, 400, what, "invalid_request_error");
  return undefined;
}

export function registerWebRoutes(app: FastifyInstance, options: WebRoutesOptions): void {
  const { service } = options;
  const store = service.store;
  /** A stored message as the page gets it: the model's copy left out, a long answer cut (and said so). */
  const forPage = ({ modelContent: _model, ...message }: StoredMessage) => {
    const shown = service.cap(message.content);
    if (shown.length === message.content.length) return message;
    const details = typeof message.details === "object" && message.details !== null ? message.details : {};
    return {
      ...message,
      content: shown,
      details: { ...details, cut: { shown: shown.length, total: message.content.length } },
    };
  };

  app.get("/api/status", async () => options.health());

  app.get("/api/sessions", async (request) => ({
    sessions: await store.listSessions(personOf(request).id),
  }));

  app.post("/api/sessions", async (request, reply) => {
    const body = parsed(newSessionBody, request.body ?? undefined, reply, "send {title?: string} as JSON");
    if (reply.sent) return reply;
    try {
      await store.assertWritable();
    } catch (error) {
      const t = createTranslator(pageLanguage(request, options.defaultLanguage));
      return sendApiError(reply, 503, failureText(error, t), "server_error", "store_read_only");
    }
    return store.createSession(body?.title?.trim() || "", personOf(request).id);
  });

  app.get("/api/sessions/:id", async (request, reply) => {
    const params = parsed(idParams, request.params, reply, "name a conversation: /api/sessions/<id>");
    if (params === undefined) return reply;
    const session = await ownSession(store, request, params.id);
    if (session === undefined)
      return sendApiError(reply, 404, `no conversation ${params.id}`, "not_found_error");
    const [messages, approvals, questions] = await Promise.all([
      store.messages(params.id),
      store.pendingApprovals(params.id),
      store.pendingQuestions(params.id),
    ]);
    return { session, messages: messages.map(forPage), approvals, questions };
  });

  // The whole of a long answer, where the page's "cut" note points.
  app.get("/api/sessions/:id/messages/:index/text", async (request, reply) => {
    const params = parsed(messageParams, request.params, reply, "name a message by its number");
    if (params === undefined) return reply;
    if ((await ownSession(store, request, params.id)) === undefined)
      return sendApiError(reply, 404, "no such message", "not_found_error");
    const message = (await store.messages(params.id))[params.index];
    if (message === undefined) return sendApiError(reply, 404, "no such message", "not_found_error");
    return reply.type("text/plain; charset=utf-8").send(message.content);
  });

  app.patch("/api/sessions/:id", async (request, reply) => {
    const params = parsed(idParams, request.params, reply, "name a conversation: /api/sessions/<id>");
    const body = params && parsed(renameBody, request.body, reply, "send {title: string} as JSON");
    if (params === undefined || body === undefined) return reply;
    if ((await ownSession(store, request, params.id)) === undefined)
      return sendApiError(reply, 404, `no conversation ${params.id}`, "not_found_error");
    await store.renameSession(params.id, body.title);
    return store.getSession(params.id);
  });

  app.delete("/api/sessions/:id", async (request, reply) => {
    const params = parsed(idParams, request.params, reply, "name a conversation: /api/sessions/<id>");
    if (params === undefined) return reply;
    if ((await ownSession(store, request, params.id)) === undefined)
      return sendApiError(reply, 404, `no conversation ${params.id}`, "not_found_error");
    await store.deleteSession(params.id);
    return reply.code(204).send();
  });

  app.post("/api/sessions/:id/turns", async (request, reply) => {
    const params = parsed(idParams, request.params, reply, "name a conversation: /api/sessions/<id>");
    if (params === undefined) return reply;
    const body = parsed(turnBody, request.body, reply, "the message is empty");
    if (body === undefined) return reply;
    if ((await ownSession(store, request, params.id)) === undefined)
      return sendApiError(reply, 404, `no conversation ${params.id}`, "not_found_error");
    const release = acquireTurnSlot(options.limiter, options.caller(request), reply);
    if (release === undefined) return reply;
    const t = createTranslator(pageLanguage(request, options.defaultLanguage));
    reply.hijack();
    const stream = openSse(reply.raw, options.redactor);
    const controller = new AbortController();
    // The stop button, Escape and a reload all close the stream: the model and the tool call in flight stop.
    reply.raw.on("close", () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    try {
      await service.runInSession({
        sessionId: params.id,
        message: body.message,
        ...(body.keep === undefined ? {} : { keep: body.keep }),
        approvals: "ask",
        person: personOf(request),
        signal: controller.signal,
        ...(request.person === undefined ? {} : { person: request.person }),
        translate: t,
        onEvent: (event) => stream.send(event),
      });
    } catch (error) {
      stream.send({ type: "error", message: failureText(error, t) });
    } finally {
      release();
    }
    stream.done();
    return reply;
  });

  registerQuestionRoutes(app, store);
  registerDocumentRoutes(app, options);
}
