/**
 * Stand-in until the audit trail's stores are wired: `agente users`, `agente tokens` and `agente serve`
 * take their `AuditLog` from `auditLogFor` only, so wiring the real one (SQLite beside the conversations,
 * or PostgreSQL) is a change of this one function.
 */
import type { AuditLog } from "./audit-log.js";

export async function auditLogFor(
  _env: Record<string, string | undefined>,
): Promise<AuditLog & { close(): Promise<void> }> {
  return {
    record: async () => {},
    query: async () => [],
    close: async () => {},
  };
}
