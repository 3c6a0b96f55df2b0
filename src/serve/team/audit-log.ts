/**
 * The audit trail's contract: what is recorded and where it goes. The trail is append-only: entries are
 * added, read and exported, never changed or deleted. Arguments are stored with secrets hidden
 * (`maskSecretArguments`), like everything else agente writes.
 */

export type AuditKind =
  | "sign_in"
  | "sign_in_failed"
  | "sign_out"
  | "token_created"
  | "token_revoked"
  | "user_added"
  | "user_removed"
  | "user_changed"
  | "tool_call"
  | "approval_requested"
  | "approval_decided"
  | "approval_expired";

export interface AuditEntry {
  kind: AuditKind;
  /** The person who acted (`Person.name`), or `system` (an expiry, the CLI run by the machine's owner). */
  actor: string;
  /** Whom or what it concerns: the account changed, the token's label, the approval's requester. */
  subject?: string;
  /** Tool calls: the server, the tool's name on it, its arguments with secrets hidden. */
  server?: string;
  tool?: string;
  args?: Record<string, unknown>;
  /** Tool calls and approvals: `auto` (needed none), `approved`, `denied`, `expired`. */
  decision?: "auto" | "approved" | "denied" | "expired";
  /** Who approved or denied, when it was someone. */
  approver?: string;
  /** Tool calls: `ok`, `error` (the tool's own failure), `refused` (not run); sign-ins: `ok` or why not. */
  outcome?: string;
  durationMs?: number;
  /** Sign-ins: the client's address; `password`, `oidc`, `token`. */
  address?: string;
  via?: string;
}

export interface StoredAuditEntry extends AuditEntry {
  /** Increasing, gap-free per store: the order entries were written in. */
  seq: number;
  /** ISO 8601. */
  at: string;
}

export interface AuditQuery {
  /** Entries whose actor, subject or approver is this name. */
  person?: string;
  /** ISO 8601: entries at or after. */
  since?: string;
  kind?: AuditKind;
  limit?: number;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Oldest first. */
  query(query: AuditQuery): Promise<StoredAuditEntry[]>;
}
