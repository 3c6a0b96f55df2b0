/**
 * The audit trail that matches the conversation store: PostgreSQL (table `agente_audit`) when
 * `AGENTE_MEMORY_URL` is a postgres:// URL, else the conversations' SQLite file (`conversationsPath`).
 */
import { conversationsPath } from "../open-conversation-store.js";
import type { AuditLog } from "./audit-log.js";
import { PostgresAuditLog } from "./postgres-audit-log.js";
import { SqliteAuditLog } from "./sqlite-audit-log.js";

export interface OpenAuditLog extends AuditLog {
  close(): Promise<void>;
}

export async function openAuditLog(env: NodeJS.ProcessEnv): Promise<OpenAuditLog> {
  const url = env.AGENTE_MEMORY_URL?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return PostgresAuditLog.connect({ url });
  return new SqliteAuditLog({ path: conversationsPath(env) });
}
