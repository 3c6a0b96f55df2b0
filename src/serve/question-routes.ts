/**
 * `POST /api/questions/:id`: the person's answer to a server's question (stored-questions.ts), from the
 * page's form card. The answer is stored; the turn waiting for it, on whichever replica, reads it there.
 * An accepted form's content is checked against the schema the server asked with before it is stored.
 */
import { Ajv } from "ajv";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { sendApiError } from "./api-error.js";
import type { ConversationStore } from "./conversation-store.js";
import { questionAnswerSchema } from "./stored-question.js";
import { ownSession } from "./team/own-session.js";

const idParams = z.looseObject({ id: z.string().min(1) });
const ajv = new Ajv({ strict: false, allErrors: false });

export function registerQuestionRoutes(app: FastifyInstance, store: ConversationStore): void {
  app.post("/api/questions/:id", async (request, reply) => {
    const params = idParams.safeParse(request.params);
    const body = questionAnswerSchema.safeParse(request.body);
    if (!params.success || !body.success)
      return sendApiError(
        reply,
        400,
        'send {action: "accept"|"decline"|"cancel", content?: {...}}',
        "invalid_request_error",
      );
    const question = await store.getQuestion(params.data.id);
    // Only the person whose conversation it is answers: another's question is as good as unknown.
    const mine =
      question !== undefined && (await ownSession(store, request, question.sessionId)) !== undefined;
    if (question === undefined || !mine || question.status !== "pending")
      return sendApiError(
        reply,
        409,
        "this question is unknown or already answered",
        "invalid_request_error",
      );
    const { action, content } = body.data;
    if (action === "accept" && question.request.mode === "form") {
      const valid = ajv.validate(question.request.requestedSchema, content ?? {});
      if (!valid)
        return sendApiError(
          reply,
          400,
          `the answer does not fit the form: ${ajv.errorsText(ajv.errors)}`,
          "invalid_request_error",
        );
    }
    const answer = action === "accept" && content !== undefined ? { action, content } : { action };
    if (!(await store.answerQuestion(question.id, answer)))
      return sendApiError(
        reply,
        409,
        "this question is unknown or already answered",
        "invalid_request_error",
      );
    return { id: question.id, action };
  });
}
