/**
 * What a turn suspended for another person's approval needs to go on, on any replica, after any restart:
 * who asked and in which language, the question, the steps taken so far (with what the model read), and
 * the pending call as the model wrote it. Stored as JSON with the approval row; parsed when read back.
 */
import { z } from "zod";
import type { AgentEvent } from "../../agent/agent-events.js";
import type { ResumedStep } from "../../agent/run-turn.js";
import { LANGUAGES, type Language } from "../../i18n/language.js";
import type { StepSummary } from "../turn-events.js";
import type { Person } from "./person.js";

const toolAction = z.looseObject({
  kind: z.literal("tool"),
  tool: z.string(),
  args: z.record(z.string(), z.unknown()),
  callId: z.string().optional(),
});

const continuationSchema = z.looseObject({
  version: z.literal(1),
  sessionId: z.string(),
  requester: z.looseObject({
    id: z.string(),
    name: z.string(),
    role: z.string(),
    via: z.enum(["password", "oidc", "token", "key", "local"]),
  }),
  question: z.string(),
  language: z.enum(LANGUAGES),
  steps: z.array(z.looseObject({ action: toolAction, observation: z.string(), isError: z.boolean() })),
  /** The steps as the page shows them (stored with the answer at the end). */
  summary: z.array(
    z.looseObject({
      step: z.number(),
      tool: z.string().optional(),
      arguments: z.record(z.string(), z.unknown()).optional(),
      result: z.string().optional(),
      isError: z.boolean().optional(),
      repeated: z.boolean().optional(),
      problem: z.string().optional(),
      approved: z.boolean().optional(),
    }),
  ),
  pending: toolAction,
  pendingStep: z.number(),
});

export interface TurnContinuation {
  version: 1;
  sessionId: string;
  requester: Person;
  question: string;
  language: Language;
  steps: ResumedStep[];
  summary: StepSummary[];
  pending: ToolAction;
  pendingStep: number;
}

type ToolAction = ResumedStep["action"];

function actionOf(parsed: z.infer<typeof toolAction>): ToolAction {
  return {
    kind: "tool",
    tool: parsed.tool,
    args: parsed.args,
    ...(parsed.callId === undefined ? {} : { callId: parsed.callId }),
  };
}

export function parseContinuation(value: unknown): TurnContinuation {
  const parsed = continuationSchema.parse(value);
  return {
    version: 1,
    sessionId: parsed.sessionId,
    requester: {
      id: parsed.requester.id,
      name: parsed.requester.name,
      role: parsed.requester.role,
      via: parsed.requester.via,
    },
    question: parsed.question,
    language: parsed.language,
    steps: parsed.steps.map((step) => ({
      action: actionOf(step.action),
      observation: step.observation,
      isError: step.isError,
    })),
    summary: parsed.summary.map((step) => {
      const summary: StepSummary = { step: step.step };
      if (step.tool !== undefined) summary.tool = step.tool;
      if (step.arguments !== undefined) summary.arguments = step.arguments;
      if (step.result !== undefined) summary.result = step.result;
      if (step.isError !== undefined) summary.isError = step.isError;
      if (step.repeated !== undefined) summary.repeated = step.repeated;
      if (step.problem !== undefined) summary.problem = step.problem;
      if (step.approved !== undefined) summary.approved = step.approved;
      return summary;
    }),
    pending: actionOf(parsed.pending),
    pendingStep: parsed.pendingStep,
  };
}

/**
 * The steps a turn took, from its agent events: each tool call the model read an observation of, and the
 * last call, still without one (the call waiting for approval).
 */
export function stepsFromEvents(events: readonly AgentEvent[]): {
  steps: ResumedStep[];
  pending: { action: ResumedStep["action"]; step: number } | undefined;
} {
  const actions = new Map<number, ResumedStep["action"]>();
  const steps: ResumedStep[] = [];
  let pending: { action: ResumedStep["action"]; step: number } | undefined;
  for (const event of events) {
    if (event.type === "action" && event.action.kind === "tool") {
      actions.set(event.step, event.action);
      pending = { action: event.action, step: event.step };
    } else if (event.type === "observation") {
      const action = actions.get(event.step);
      if (action !== undefined) steps.push({ action, observation: event.text, isError: event.isError });
      if (pending?.step === event.step) pending = undefined;
    } else if (event.type === "invalid_action" && pending?.step === event.step) pending = undefined;
  }
  return { steps, pending };
}
