/** What the page reads about a server's questions, progress and log lines (parsed like every reply). */
import * as z from "zod/mini";

/** A server's question (form or URL), as a turn's event and among a conversation's pending ones. */
const questionFields = {
  id: z.string(),
  server: z.string(),
  message: z.string(),
  requestedSchema: z.optional(z.record(z.string(), z.unknown())),
  url: z.optional(z.string()),
};

export const questionEventSchema = z.looseObject({
  type: z.literal("question"),
  mode: z.enum(["form", "url"]),
  ...questionFields,
});

export const questionAnsweredEventSchema = z.looseObject({
  type: z.literal("question_answered"),
  id: z.string(),
  action: z.enum(["accept", "decline", "cancel"]),
});

export const toolProgressEventSchema = z.looseObject({
  type: z.literal("tool_progress"),
  step: z.number(),
  tool: z.string(),
  progress: z.number(),
  total: z.optional(z.number()),
  message: z.optional(z.string()),
});

/** A pending question as `GET /api/sessions/:id` lists it (a stored row). */
export const storedQuestionSchema = z.looseObject({
  id: z.string(),
  server: z.string(),
  request: z.looseObject({
    mode: z.enum(["form", "url"]),
    message: z.string(),
    requestedSchema: z.optional(z.record(z.string(), z.unknown())),
    url: z.optional(z.string()),
  }),
});

export const logLineSchema = z.looseObject({
  level: z.string(),
  logger: z.optional(z.string()),
  text: z.string(),
});

export interface QuestionInfo {
  id: string;
  server: string;
  mode: "form" | "url";
  message: string;
  requestedSchema?: Record<string, unknown>;
  url?: string;
}
export type ProgressInfo = z.infer<typeof toolProgressEventSchema>;
export type LogLine = z.infer<typeof logLineSchema>;
export type QuestionAction = z.infer<typeof questionAnsweredEventSchema>["action"];

/** `POST /api/servers/:name/login`: the authorization address to open, when the sign-in started. */
export const serverLoginSchema = z.looseObject({ started: z.boolean(), url: z.optional(z.string()) });
