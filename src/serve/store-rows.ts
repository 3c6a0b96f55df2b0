/** Row shapes both conversation stores read back, parsed with zod (a database is an outside boundary). */
import { z } from "zod";
import type { StoredApproval, StoredMessage, StoredSession } from "./conversation-store.js";

const time = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString() : value));

const sessionRow = z.looseObject({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  created_at: time,
  updated_at: time,
});

const messageRow = z.looseObject({
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  model_content: z.string(),
  details: z.string().nullable(),
  created_at: time,
});

const approvalRow = z.looseObject({
  id: z.string(),
  session_id: z.string(),
  tool: z.string(),
  args: z.string(),
  status: z.enum(["pending", "approved", "denied"]),
  reason: z.string().nullable(),
  created_at: time,
});

const argsObject = z.record(z.string(), z.unknown());

export function sessionFromRow(row: unknown): StoredSession {
  const parsed = sessionRow.parse(row);
  return {
    id: parsed.id,
    title: parsed.title,
    owner: parsed.owner,
    createdAt: parsed.created_at,
    updatedAt: parsed.updated_at,
  };
}

export function messageFromRow(row: unknown): StoredMessage {
  const parsed = messageRow.parse(row);
  return {
    role: parsed.role,
    content: parsed.content,
    modelContent: parsed.model_content,
    ...(parsed.details === null ? {} : { details: JSON.parse(parsed.details) as unknown }),
    createdAt: parsed.created_at,
  };
}

export function approvalFromRow(row: unknown): StoredApproval {
  const parsed = approvalRow.parse(row);
  return {
    id: parsed.id,
    sessionId: parsed.session_id,
    tool: parsed.tool,
    args: argsObject.parse(JSON.parse(parsed.args)),
    status: parsed.status,
    ...(parsed.reason === null ? {} : { reason: parsed.reason }),
    createdAt: parsed.created_at,
  };
}

/** The title a new conversation gets from its first message. */
export function titleFrom(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

const endedTurn = z.looseObject({ stopReason: z.string(), error: z.string().optional() });

/** How a stored answer's turn ended: answered (also at a limit), cancelled, or failed. */
export function turnEnded(details: unknown): "answered" | "cancelled" | "failed" {
  const parsed = endedTurn.safeParse(details);
  if (!parsed.success) return "answered";
  if (parsed.data.stopReason === "cancelled") return "cancelled";
  return parsed.data.stopReason === "failed" ? "failed" : "answered";
}
