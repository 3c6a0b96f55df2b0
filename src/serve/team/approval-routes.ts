/**
 * The approvals API: `GET /api/approvals` (the requests the caller may decide, and the caller's own that
 * wait) and `POST /api/approvals/:id` ({approved, reason?}) for both kinds: the requester's own card in
 * the page, and a request that waits for an approver.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { sendApiError } from "../api-error.js";
import type { ApprovalDesk } from "./approval-desk.js";
import { personOf } from "./person.js";

const idParams = z.looseObject({ id: z.string().min(1) });
const decisionBody = z.looseObject({ approved: z.boolean(), reason: z.string().max(500).optional() });

export function registerApprovalRoutes(app: FastifyInstance, desk: ApprovalDesk): void {
  app.get("/api/approvals", async (request) => desk.pendingFor(personOf(request)));

  app.post("/api/approvals/:id", async (request, reply) => {
    const params = idParams.safeParse(request.params);
    if (!params.success)
      return sendApiError(reply, 400, "name an approval: /api/approvals/<id>", "invalid_request_error");
    const body = decisionBody.safeParse(request.body);
    if (!body.success)
      return sendApiError(
        reply,
        400,
        "send {approved: true|false, reason?: string}",
        "invalid_request_error",
      );
    const answer = await desk.decide(params.data.id, personOf(request), {
      approved: body.data.approved,
      ...(body.data.reason === undefined ? {} : { reason: body.data.reason }),
    });
    if (!answer.ok)
      return sendApiError(
        reply,
        answer.status,
        answer.message,
        answer.status === 403
          ? "permission_error"
          : answer.status === 404
            ? "not_found_error"
            : "invalid_request_error",
      );
    return { id: params.data.id, approved: body.data.approved };
  });
}
