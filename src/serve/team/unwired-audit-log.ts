/**
 * The audit trail `agente users`, `agente tokens` and `agente serve` write to: SQLite beside the
 * conversations, or PostgreSQL (open-audit-log.ts). They take it from `auditLogFor` only.
 */
import type { AuditLog } from "./audit-log.js";
import { openAuditLog } from "./open-audit-log.js";

export function auditLogFor(
  env: Record<string, string | undefined>,
): Promise<AuditLog & { close(): Promise<void> }> {
  return openAuditLog(env);
}
