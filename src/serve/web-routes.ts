/**
 * The web chat's own API (under `/api/`): conversations, a turn as a stream of `TurnEvent`s, approvals,
 * documents, and the status panel. Everything it reads or writes goes through the conversation store.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Redactor } from "../util/secret-redaction.js";
import type { AgentService } from "./agent-service.js";
import { failureText, sendApiError } from "./api-error.js";
import type { DocumentIngester } from "./documents.js";
import type { HealthReport } from "./health.js";
import { openSse } from "./sse.js";
import type { TurnLimiter } from "./turn-limiter.js";

export interface WebRoutesOptions {
  service: AgentService;
  limiter: TurnLimiter;
  /** The host's secrets: hidden in every event of a stream (sse.ts). */
  redactor: Redactor;
  caller: (request: FastifyRequest) => string;
  health: () => HealthReport;
  documents?: DocumentIngester;
}

const idParams = z.looseObject({ id: z.string().min(1) });
const turnBody = z.looseObject({ message: z.string().trim().min(1) });
const decisionBody = z.looseObject({ approved: z.boolean(), reason: z.string().max(500).optional() });
const newSessionBody = z.looseObject({ title: z.string().max(200).optional() }).optional();

export function registerWebRoutes(app: FastifyInstance, options: WebRoutesOptions): void {
  const { service } = options;
  const store = service.store;

  app.get("/api/status", async () => options.health());

  app.get("/api/sessions", async () => ({ sessions: await store.listSessions() }));

  app.post("/api/sessions", async (request) => {
    const body = newSessionBody.parse(request.body ?? undefined);
    return store.createSession(body?.title?.trim() || "");
  });

  app.get("/api/sessions/:id", async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const session = await store.getSession(id);
    if (session === undefined) return sendApiError(reply, 404, `no conversation ${id}`, "not_found_error");
    const [messages, approvals] = await Promise.all([store.messages(id), store.pendingApprovals(id)]);
    return {
      session,
      messages: messages.map(({ modelContent: _model, ...message }) => message),
      approvals,
    };
  });

  app.delete("/api/sessions/:id", async (request, reply) => {
    const { id } = idParams.parse(request.params);
    await store.deleteSession(id);
    return reply.code(204).send();
  });

  app.post(
    "/api/sessions/:id/turns",
    {
      schema: {
        body: { type: "object", required: ["message"], properties: { message: { type: "string" } } },
      },
    },
    async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const body = turnBody.safeParse(request.body);
      if (!body.success) return sendApiError(reply, 400, "the message is empty", "invalid_request_error");
      if ((await store.getSession(id)) === undefined)
        return sendApiError(reply, 404, `no conversation ${id}`, "not_found_error");
      const release = options.limiter.acquire(options.caller(request));
      if (release === undefined)
        return sendApiError(
          reply,
          429,
          "too many turns at once for this key: wait for one to end",
          "rate_limit_error",
        );
      reply.hijack();
      const stream = openSse(reply.raw, options.redactor);
      const controller = new AbortController();
      reply.raw.on("close", () => {
        if (!reply.raw.writableFinished) controller.abort();
      });
      try {
        await service.runInSession({
          sessionId: id,
          message: body.data.message,
          approvals: "ask",
          signal: controller.signal,
          onEvent: (event) => stream.send(event),
        });
      } catch (error) {
        stream.send({ type: "error", message: failureText(error) });
      } finally {
        release();
      }
      stream.done();
      return reply;
    },
  );

  app.post("/api/approvals/:id", async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const body = decisionBody.safeParse(request.body);
    if (!body.success)
      return sendApiError(reply, 400, "send {approved: true|false}", "invalid_request_error");
    const decided = await store.decideApproval(id, body.data.approved, body.data.reason);
    if (!decided)
      return sendApiError(reply, 409, "this approval is unknown or already decided", "invalid_request_error");
    return { id, approved: body.data.approved };
  });

  app.post("/api/documents", async (request, reply) => {
    if (options.documents === undefined)
      return sendApiError(reply, 404, "this server has no document memory", "not_found_error");
    const name = request.headers["x-file-name"];
    const bytes = request.body;
    if (typeof name !== "string" || !(bytes instanceof Uint8Array))
      return sendApiError(
        reply,
        400,
        "send the file as application/octet-stream with its name in x-file-name",
        "invalid_request_error",
      );
    try {
      return await options.documents.add(decodeURIComponent(name), bytes);
    } catch (error) {
      return sendApiError(reply, 422, failureText(error), "invalid_request_error", "document_failed");
    }
  });
}
