/**
 * A stored turn suspended while a call waits for another person's approval, and the same turn going on:
 * what is stored with the approval row when it stops (`suspendTurn`), the approved call run as the model
 * wrote it (`runApprovedCall`), and what the model reads when it was not approved (`refusalReason`).
 */
import type { AgentEvent } from "../../agent/agent-events.js";
import { observationText } from "../../agent/observation.js";
import type { ResumedStep } from "../../agent/turn-loop.js";
import type { Language } from "../../i18n/language.js";
import type { Translator } from "../../i18n/translator.js";
import type { ToolHub } from "../../mcp/tool-hub.js";
import { errorMessage } from "../../util/errors.js";
import { maskSecretArguments } from "../../util/secret-fields.js";
import type { ClaimedApproval, ConversationStore, StoredApproval } from "../conversation-store.js";
import { collectSteps, type StepSummary, type TurnEventListener, turnEventOf } from "../turn-events.js";
import type { Role } from "./access-policy.js";
import type { AuditLog } from "./audit-log.js";
import type { Person } from "./person.js";
import type { AwaitingApproverError } from "./role-approver.js";
import { roleToolHub } from "./role-tools.js";
import { stepsFromEvents, type TurnContinuation } from "./turn-continuation.js";

/** A stored turn that waits for another person's approval: it goes on when they decide. */
export interface WaitingOutcome {
  waiting: StoredApproval;
}

/** What a turn goes on from: the steps it took before, and their summaries for the page. */
export interface PriorSteps {
  steps: ResumedStep[];
  summary: StepSummary[];
}

/** Stores the turn's continuation with a new approval row, records the request, tells the client. */
export async function suspendTurn(
  deps: { store: ConversationStore; audit?: AuditLog | undefined; expiresAt: Date },
  turn: {
    sessionId: string;
    question: string;
    language: Language;
    person: Person;
    waiting: AwaitingApproverError;
    trail: readonly AgentEvent[];
    prior: PriorSteps | undefined;
    onEvent?: TurnEventListener | undefined;
  },
): Promise<WaitingOutcome> {
  const { person, waiting, prior } = turn;
  const { steps, pending } = stepsFromEvents(turn.trail);
  if (pending === undefined) throw new Error(`${waiting.tool.name} waits for approval without a call`);
  const turnEvents = turn.trail.map(turnEventOf).filter((event) => event !== undefined);
  const continuation: TurnContinuation = {
    version: 1,
    sessionId: turn.sessionId,
    requester: person,
    question: turn.question,
    language: turn.language,
    steps: [...(prior?.steps ?? []), ...steps],
    summary: [
      ...(prior?.summary ?? []),
      ...collectSteps(turnEvents).filter((step) => step.step !== pending.step),
    ],
    pending: pending.action,
    pendingStep: pending.step,
  };
  const args = maskSecretArguments(pending.action.args);
  const approval = await deps.store.createApproval({
    sessionId: turn.sessionId,
    tool: waiting.tool.name,
    args,
    kind: "other",
    requester: { id: person.id, name: person.name },
    question: turn.question,
    server: waiting.tool.server,
    originalTool: waiting.tool.originalName,
    expiresAt: deps.expiresAt.toISOString(),
    continuation,
  });
  await deps.audit?.record({
    kind: "approval_requested",
    actor: person.name,
    subject: person.name,
    server: waiting.tool.server,
    tool: waiting.tool.originalName,
    args,
  });
  turn.onEvent?.({ type: "approval_waiting", id: approval.id, tool: approval.tool, arguments: args });
  return { waiting: approval };
}

/**
 * The approved call, run once: its state is stored before and after, so a replica taking over a turn whose
 * replica died reuses the result, and never runs again a call that may have run (the model is told).
 */
export async function approvedCallOnce(
  deps: { store: ConversationStore } & Parameters<typeof runApprovedCall>[0],
  claimed: ClaimedApproval,
  continuation: TurnContinuation,
  translate: Translator,
): Promise<{ observation: string; isError: boolean }> {
  if (claimed.call?.state === "done") return claimed.call;
  if (claimed.call?.state === "calling")
    return {
      observation: translate("approvals.model.outcomeUnknown", { tool: continuation.pending.tool }),
      isError: true,
    };
  await deps.store.recordApprovalCall(claimed.approval.id, { state: "calling" });
  const done = await runApprovedCall(deps, continuation, translate, claimed.approval.decidedBy);
  await deps.store.recordApprovalCall(claimed.approval.id, { state: "done", ...done });
  return done;
}

/** The call an approver allowed, through the requester's view of the hub; a failure is the model's to read. */
async function runApprovedCall(
  deps: { hub: ToolHub; role: Role; observationTokens: number; audit?: AuditLog | undefined },
  continuation: TurnContinuation,
  translate: Translator,
  approver: string | undefined,
): Promise<{ observation: string; isError: boolean }> {
  const { tool, args } = continuation.pending;
  const started = performance.now();
  let outcome = "ok";
  try {
    const result = await roleToolHub(deps.hub, deps.role).callTool(tool, args);
    if (result.isError === true) outcome = "error";
    return {
      observation: observationText(result, deps.observationTokens),
      isError: result.isError === true,
    };
  } catch (error) {
    outcome = "error";
    return {
      observation: translate("prompt.step.callFailed", { tool, error: errorMessage(error) }),
      isError: true,
    };
  } finally {
    const exposed = deps.hub.tools().find((candidate) => candidate.name === tool);
    await deps.audit?.record({
      kind: "tool_call",
      actor: continuation.requester.name,
      server: exposed?.server ?? "",
      tool: exposed?.originalName ?? tool,
      args: maskSecretArguments(args),
      decision: "approved",
      ...(approver === undefined ? {} : { approver }),
      outcome,
      durationMs: performance.now() - started,
    });
  }
}

/** Why the call was not run, for the model (in its language). */
export function refusalReason(approval: StoredApproval, timeoutMs: number, translate: Translator): string {
  if (approval.status === "expired")
    return translate("approvals.model.expired", { minutes: Math.round(timeoutMs / 60_000) });
  const name = approval.decidedBy ?? "?";
  return approval.reason
    ? translate("approvals.model.deniedBecause", { name, reason: approval.reason })
    : translate("approvals.model.denied", { name });
}

/** The steps a resumed turn goes on from: those before, and the decided call with what the model reads. */
export function resumedSteps(
  continuation: TurnContinuation,
  approved: boolean,
  done: { observation: string; isError: boolean },
): PriorSteps {
  const pending: StepSummary = {
    step: continuation.pendingStep,
    tool: continuation.pending.tool,
    arguments: maskSecretArguments(continuation.pending.args),
    approved,
    result: done.observation,
    isError: done.isError,
  };
  return {
    steps: [...continuation.steps, { action: continuation.pending, ...done }],
    summary: [...continuation.summary, pending],
  };
}
