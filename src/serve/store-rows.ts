/** Row shapes both conversation stores read back, parsed with zod (a database is an outside boundary). */
import { z } from "zod";
import type { ChatMessage } from "../llm/chat-model.js";
import type { ClaimedApproval, StoredApproval, StoredMessage, StoredSession } from "./conversation-store.js";

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
  status: z.enum(["pending", "approved", "denied", "expired"]),
  reason: z.string().nullable(),
  created_at: time,
  kind: z.enum(["self", "other"]).nullish(),
  requester_id: z.string().nullish(),
  requester_name: z.string().nullish(),
  question: z.string().nullish(),
  server: z.string().nullish(),
  original_tool: z.string().nullish(),
  expires_at: time.nullish(),
  decided_by: z.string().nullish(),
  continuation: z.string().nullish(),
  call_state: z.string().nullish(),
});

const callState = z.union([
  z.looseObject({ state: z.literal("calling") }),
  z.looseObject({ state: z.literal("done"), observation: z.string(), isError: z.boolean() }),
]);

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
  const optional = <K extends string>(key: K, value: string | null | undefined) =>
    value === null || value === undefined ? {} : ({ [key]: value } as Record<K, string>);
  return {
    id: parsed.id,
    sessionId: parsed.session_id,
    tool: parsed.tool,
    args: argsObject.parse(JSON.parse(parsed.args)),
    status: parsed.status,
    ...optional("reason", parsed.reason),
    createdAt: parsed.created_at,
    kind: parsed.kind ?? "self",
    ...(parsed.requester_id === null ||
    parsed.requester_id === undefined ||
    parsed.requester_name === null ||
    parsed.requester_name === undefined
      ? {}
      : { requester: { id: parsed.requester_id, name: parsed.requester_name } }),
    ...optional("question", parsed.question),
    ...optional("server", parsed.server),
    ...optional("originalTool", parsed.original_tool),
    ...optional("expiresAt", parsed.expires_at),
    ...optional("decidedBy", parsed.decided_by),
  };
}

/** A claimed row: the approval, and its turn's continuation (stored JSON, parsed by its reader). */
export function claimedFromRow(row: unknown): ClaimedApproval {
  const parsed = approvalRow.parse(row);
  const call =
    parsed.call_state === null || parsed.call_state === undefined
      ? undefined
      : callState.parse(JSON.parse(parsed.call_state));
  return {
    approval: approvalFromRow(row),
    continuation:
      parsed.continuation === null || parsed.continuation === undefined
        ? undefined
        : (JSON.parse(parsed.continuation) as unknown),
    ...(call === undefined
      ? {}
      : {
          call:
            call.state === "calling"
              ? { state: "calling" as const }
              : { state: "done" as const, observation: call.observation, isError: call.isError },
        }),
  };
}

/** The columns of the approval rows added with roles (stores made before get them added on open). */
export const APPROVAL_TEAM_COLUMNS = [
  "kind",
  "requester_id",
  "requester_name",
  "question",
  "server",
  "original_tool",
  "expires_at",
  "decided_by",
  "continuation",
  "call_state",
  "claimed_at",
  "finished_at",
] as const;

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

/** The last turns the model reads: cancelled and failed turns are left out (the user asks again). */
export function answeredHistory(historyTurns: number, stored: readonly StoredMessage[]): ChatMessage[] {
  const keep = historyTurns * 2;
  if (keep === 0) return [];
  const answered: ChatMessage[] = [];
  for (let index = 0; index + 1 < stored.length; index += 2) {
    const question = stored[index];
    const answer = stored[index + 1];
    if (question === undefined || answer === undefined || turnEnded(answer.details) !== "answered") continue;
    answered.push(
      { role: question.role, content: question.modelContent },
      { role: answer.role, content: answer.modelContent },
    );
  }
  return answered.slice(-keep);
}
