/**
 * `GET /api/audit`: the audit trail for admins (`Role.admin`; everyone else 403). Filters: `user` (actor,
 * subject or approver), `since` (a date or an ISO time), `kind`, `limit`; `format=jsonl` answers one entry
 * per line, as a download.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { sendApiError } from "../api-error.js";
import { type AccessPolicy, roleNamed } from "./access-policy.js";
import type { AuditLog, AuditQuery } from "./audit-log.js";
import { auditKind } from "./audit-rows.js";
import { personOf } from "./person.js";

const auditQuery = z.looseObject({
  user: z.string().min(1).optional(),
  since: z
    .string()
    .min(1)
    .refine((value) => !Number.isNaN(new Date(value).getTime()), "since is not a date")
    .optional(),
  kind: auditKind.optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
  format: z.enum(["json", "jsonl"]).optional(),
});

export function registerAuditRoutes(
  app: FastifyInstance,
  options: { audit: AuditLog; access: AccessPolicy },
): void {
  app.get("/api/audit", async (request, reply) => {
    const person = personOf(request);
    if (!roleNamed(options.access, person.role).admin)
      return sendApiError(reply, 403, "only admins read the audit trail", "permission_error", "not_admin");
    const parsed = auditQuery.safeParse(request.query);
    if (!parsed.success)
      return sendApiError(
        reply,
        400,
        parsed.error.issues[0]?.message ?? "bad query",
        "invalid_request_error",
      );
    const { user, since, kind, limit, format } = parsed.data;
    const query: AuditQuery = {
      ...(user === undefined ? {} : { person: user }),
      ...(since === undefined ? {} : { since }),
      ...(kind === undefined ? {} : { kind }),
      ...(limit === undefined ? {} : { limit }),
    };
    const entries = await options.audit.query(query);
    if (format !== "jsonl") return { entries };
    return reply
      .type("application/x-ndjson; charset=utf-8")
      .header("content-disposition", 'attachment; filename="agente-audit.jsonl"')
      .send(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(""));
  });
}
