/**
 * A server's question (MCP elicitation) asked during a turn of the web chat, as the conversation store
 * keeps it: like an approval it is a row, so the page may post the answer to any replica, and the turn
 * that waits for it (stored-questions.ts) reads it back from the store.
 */
import { z } from "zod";

/** What the page shows: a form (its schema) or a URL to open. */
export type QuestionRequest =
  | { mode: "form"; message: string; requestedSchema: Record<string, unknown> }
  | { mode: "url"; message: string; url: string };

/** The person's answer, as MCP's `ElicitResult`. */
export interface QuestionAnswer {
  action: "accept" | "decline" | "cancel";
  content?: Record<string, string | number | boolean | string[]>;
}

export interface StoredQuestion {
  id: string;
  sessionId: string;
  /** The config key of the server that asks. */
  server: string;
  request: QuestionRequest;
  status: "pending" | "answered";
  answer?: QuestionAnswer;
  createdAt: string;
}

const time = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString() : value));

const requestSchema = z.union([
  z.looseObject({
    mode: z.literal("form"),
    message: z.string(),
    requestedSchema: z.record(z.string(), z.unknown()),
  }),
  z.looseObject({ mode: z.literal("url"), message: z.string(), url: z.string() }),
]);

export const questionAnswerSchema = z.looseObject({
  action: z.enum(["accept", "decline", "cancel"]),
  content: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
    .optional(),
});

const questionRow = z.looseObject({
  id: z.string(),
  session_id: z.string(),
  server: z.string(),
  request: z.string(),
  status: z.enum(["pending", "answered"]),
  answer: z.string().nullable(),
  created_at: time,
});

/** A row of `questions` (SQLite) or `agente_questions` (PostgreSQL), parsed. */
export function questionFromRow(row: unknown): StoredQuestion {
  const parsed = questionRow.parse(row);
  const request = requestSchema.parse(JSON.parse(parsed.request));
  const answer = parsed.answer === null ? undefined : questionAnswerSchema.parse(JSON.parse(parsed.answer));
  return {
    id: parsed.id,
    sessionId: parsed.session_id,
    server: parsed.server,
    request:
      request.mode === "form"
        ? { mode: "form", message: request.message, requestedSchema: request.requestedSchema }
        : { mode: "url", message: request.message, url: request.url },
    status: parsed.status,
    ...(answer === undefined
      ? {}
      : {
          answer: {
            action: answer.action,
            ...(answer.content === undefined ? {} : { content: answer.content }),
          },
        }),
    createdAt: parsed.created_at,
  };
}
