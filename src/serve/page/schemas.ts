/** What the page reads from its server, parsed (zod's small build keeps the bundle light). */
import * as z from "zod/mini";
import {
  logLineSchema,
  questionAnsweredEventSchema,
  questionEventSchema,
  serverLoginSchema,
  storedQuestionSchema,
  toolProgressEventSchema,
} from "./question-schemas.js";

export const sessionSchema = z.looseObject({ id: z.string(), title: z.string(), updatedAt: z.string() });

const mediaSchema = z.looseObject({
  type: z.enum(["image", "audio"]),
  mimeType: z.string(),
  data: z.string(),
});

export const stepSchema = z.looseObject({
  step: z.number(),
  tool: z.optional(z.string()),
  arguments: z.optional(z.record(z.string(), z.unknown())),
  result: z.optional(z.string()),
  isError: z.optional(z.boolean()),
  repeated: z.optional(z.boolean()),
  problem: z.optional(z.string()),
  approved: z.optional(z.boolean()),
  media: z.optional(z.array(mediaSchema)),
});

export const passageSchema = z.looseObject({
  source: z.string(),
  position: z.optional(z.number()),
  text: z.string(),
});

export const cutSchema = z.looseObject({ shown: z.number(), total: z.number() });

export const messageSchema = z.looseObject({
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  details: z.optional(
    z.looseObject({
      stopReason: z.string(),
      steps: z.optional(z.array(stepSchema)),
      sources: z.optional(z.array(z.string())),
      passages: z.optional(z.array(passageSchema)),
      cut: z.optional(cutSchema),
      error: z.optional(z.string()),
    }),
  ),
});

export const approvalSchema = z.looseObject({
  id: z.string(),
  tool: z.string(),
  args: z.record(z.string(), z.unknown()),
  /** `other`: it waits for an approver, not for the person who asked. */
  kind: z.optional(z.enum(["self", "other"])),
  requester: z.optional(z.looseObject({ name: z.string() })),
  question: z.optional(z.string()),
});

/** `GET /api/approvals`: what the person may decide, and their own requests waiting for an approver. */
export const approvalListSchema = z.looseObject({
  approvals: z.array(approvalSchema),
  waiting: z.array(approvalSchema),
});

export const statusSchema = z.looseObject({
  status: z.optional(z.string()),
  model: z.looseObject({
    provider: z.string(),
    name: z.string(),
    state: z.optional(z.string()),
    download: z.optional(z.looseObject({ received: z.number(), total: z.optional(z.number()) })),
  }),
  storeWritable: z.optional(z.boolean()),
  servers: z.array(
    z.looseObject({
      name: z.string(),
      state: z.string(),
      tools: z.number(),
      reason: z.optional(z.string()),
      logs: z.optional(z.array(logLineSchema)),
      needsLogin: z.optional(z.boolean()),
    }),
  ),
  signInHere: z.optional(z.boolean()),
  store: z.string(),
});

export const sessionListSchema = z.looseObject({ sessions: z.array(sessionSchema) });

export const sessionDetailSchema = z.looseObject({
  session: sessionSchema,
  messages: z.array(messageSchema),
  approvals: z.array(approvalSchema),
  questions: z.optional(z.array(storedQuestionSchema)),
});

const args = z.record(z.string(), z.unknown());

export const turnEventSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("sources"), sources: z.array(z.string()) }),
  z.looseObject({ type: z.literal("tool_call"), step: z.number(), tool: z.string(), arguments: args }),
  z.looseObject({ type: z.literal("approval_request"), id: z.string(), tool: z.string(), arguments: args }),
  z.looseObject({ type: z.literal("approval_waiting"), id: z.string(), tool: z.string(), arguments: args }),
  z.looseObject({
    type: z.literal("approval"),
    step: z.number(),
    tool: z.string(),
    approved: z.boolean(),
    reason: z.optional(z.string()),
  }),
  z.looseObject({
    type: z.literal("tool_result"),
    step: z.number(),
    tool: z.string(),
    result: z.string(),
    isError: z.boolean(),
    repeated: z.boolean(),
    media: z.optional(z.array(mediaSchema)),
  }),
  z.looseObject({ type: z.literal("invalid_step"), step: z.number(), problem: z.string() }),
  z.looseObject({ type: z.literal("answer_delta"), text: z.string(), reset: z.optional(z.boolean()) }),
  z.looseObject({
    type: z.literal("answer"),
    text: z.string(),
    stopReason: z.string(),
    sources: z.array(z.string()),
    passages: z.optional(z.array(passageSchema)),
    cut: z.optional(cutSchema),
  }),
  z.looseObject({ type: z.literal("error"), message: z.string() }),
  questionEventSchema,
  questionAnsweredEventSchema,
  toolProgressEventSchema,
]);

export const uploadResultSchema = z.looseObject({
  file: z.string(),
  status: z.string(),
  chunks: z.number(),
  reason: z.optional(z.string()),
});

export const documentSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  /** `shared` (the company's) or `private` (the reader's own). */
  place: z.optional(z.string()),
  size: z.optional(z.number()),
  passages: z.number(),
  storedAt: z.string(),
});

export const documentListSchema = z.looseObject({
  documents: z.array(documentSchema),
  /** Whether the reader may add to the shared memory (the upload offers the choice). */
  publish: z.optional(z.boolean()),
});

export const auditEntrySchema = z.looseObject({
  seq: z.number(),
  at: z.string(),
  kind: z.string(),
  actor: z.string(),
  subject: z.optional(z.string()),
  server: z.optional(z.string()),
  tool: z.optional(z.string()),
  args: z.optional(z.record(z.string(), z.unknown())),
  decision: z.optional(z.string()),
  approver: z.optional(z.string()),
  outcome: z.optional(z.string()),
  durationMs: z.optional(z.number()),
});

export const auditListSchema = z.looseObject({ entries: z.array(auditEntrySchema) });
export type AuditEntryInfo = z.infer<typeof auditEntrySchema>;

export const errorBodySchema = z.looseObject({
  error: z.optional(z.looseObject({ message: z.optional(z.string()) })),
});

export type SessionInfo = z.infer<typeof sessionSchema>;
export type StepInfo = z.infer<typeof stepSchema>;
export type MessageInfo = z.infer<typeof messageSchema>;
export type ApprovalInfo = z.infer<typeof approvalSchema>;
export type StatusInfo = z.infer<typeof statusSchema>;
export type TurnEvent = z.infer<typeof turnEventSchema>;
export type PassageInfo = z.infer<typeof passageSchema>;
export type CutInfo = z.infer<typeof cutSchema>;
export type DocumentInfo = z.infer<typeof documentSchema>;
export type UploadResult = z.infer<typeof uploadResultSchema>;

export { serverLoginSchema };
