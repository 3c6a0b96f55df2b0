/** The audit trail's rows as both stores read them back, parsed with zod (a database is a boundary too). */
import { z } from "zod";
import type { AuditEntry, AuditKind, AuditQuery, StoredAuditEntry } from "./audit-log.js";

export const AUDIT_KINDS = [
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "token_created",
  "token_revoked",
  "user_added",
  "user_removed",
  "user_changed",
  "tool_call",
  "approval_requested",
  "approval_decided",
  "approval_expired",
] as const satisfies readonly AuditKind[];

export const auditKind = z.enum(AUDIT_KINDS);

/** What the database refuses with when anything tries to change or delete an entry. */
export const APPEND_ONLY = "the audit trail is append-only";

const text = z.string().nullable();
const time = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString() : value));

const auditRow = z.looseObject({
  seq: z.union([z.number(), z.string(), z.bigint()]).transform(Number),
  at: time,
  kind: auditKind,
  actor: z.string(),
  subject: text,
  server: text,
  tool: text,
  args: z.union([z.string(), z.record(z.string(), z.unknown())]).nullable(),
  decision: z.enum(["auto", "approved", "denied", "expired"]).nullable(),
  approver: text,
  outcome: text,
  duration_ms: z.union([z.number(), z.string()]).transform(Number).nullable(),
  address: text,
  via: text,
});

const argsObject = z.record(z.string(), z.unknown());

export function auditEntryFromRow(row: unknown): StoredAuditEntry {
  const parsed = auditRow.parse(row);
  const args =
    parsed.args === null
      ? undefined
      : argsObject.parse(typeof parsed.args === "string" ? JSON.parse(parsed.args) : parsed.args);
  const entry: StoredAuditEntry = { seq: parsed.seq, at: parsed.at, kind: parsed.kind, actor: parsed.actor };
  if (parsed.subject !== null) entry.subject = parsed.subject;
  if (parsed.server !== null) entry.server = parsed.server;
  if (parsed.tool !== null) entry.tool = parsed.tool;
  if (args !== undefined) entry.args = args;
  if (parsed.decision !== null) entry.decision = parsed.decision;
  if (parsed.approver !== null) entry.approver = parsed.approver;
  if (parsed.outcome !== null) entry.outcome = parsed.outcome;
  if (parsed.duration_ms !== null) entry.durationMs = parsed.duration_ms;
  if (parsed.address !== null) entry.address = parsed.address;
  if (parsed.via !== null) entry.via = parsed.via;
  return entry;
}

/** An entry's columns in insert order (after `at`), `null` for what it leaves out. */
export function auditColumns(entry: AuditEntry): Array<string | number | null> {
  return [
    entry.kind,
    entry.actor,
    entry.subject ?? null,
    entry.server ?? null,
    entry.tool ?? null,
    entry.args === undefined ? null : JSON.stringify(entry.args),
    entry.decision ?? null,
    entry.approver ?? null,
    entry.outcome ?? null,
    entry.durationMs ?? null,
    entry.address ?? null,
    entry.via ?? null,
  ];
}

export const AUDIT_COLUMN_NAMES =
  "kind, actor, subject, server, tool, args, decision, approver, outcome, duration_ms, address, via";

/** Most entries one query returns when it names no limit. */
export const DEFAULT_AUDIT_LIMIT = 10_000;

/** `since` as the stores compare it: a full ISO 8601 UTC time; a date that is no date throws. */
export function sinceTime(query: AuditQuery): string | undefined {
  if (query.since === undefined) return undefined;
  const time = new Date(query.since);
  if (Number.isNaN(time.getTime())) throw new RangeError(`not a date: ${query.since}`);
  return time.toISOString();
}
