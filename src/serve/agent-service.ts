/**
 * Runs agent turns for every client of `agente serve` on one shared hub and model. A turn of a stored
 * conversation reads its history from the store, runs under the session's lock (turns of one session
 * queue), and stores the question and the answer; a stateless turn (an OpenAI client sending the whole
 * history) touches no store. Answers are capped in size and pass through the secret guard.
 */
import type { AgentEvent } from "../agent/agent-events.js";
import type { AgentSettings } from "../agent/agent-settings.js";
import type { Approver } from "../agent/approval.js";
import { ArgumentValidator } from "../agent/argument-validator.js";
import { runTurn, type ToolSelector } from "../agent/run-turn.js";
import { createTranslator, type Translator } from "../i18n/translator.js";
import type { ChatMessage, ChatModel } from "../llm/chat-model.js";
import type { ServerQuestions } from "../mcp/client-handlers.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import { Redactor } from "../util/secret-redaction.js";
import { AnswerDeltas, streamingModel } from "./answer-deltas.js";
import { failureText } from "./api-error.js";
import type { ClaimedApproval, ConversationStore } from "./conversation-store.js";
import { answeredHistory, titleFrom } from "./store-rows.js";
import { storedApprover } from "./stored-approver.js";
import { hubAsking, pageQuestions } from "./stored-questions.js";
import { type AccessPolicy, type Role, resolveAccessPolicy, roleNamed } from "./team/access-policy.js";
import type { AuditLog } from "./team/audit-log.js";
import { ownerPerson, type Person } from "./team/person.js";
import { personalHub } from "./team/person-hub.js";
import { AwaitingApproverError, roleApprover } from "./team/role-approver.js";
import { roleToolHub } from "./team/role-tools.js";
import {
  approvedCallOnce,
  type PriorSteps,
  refusalReason,
  resumedSteps,
  suspendTurn,
  type WaitingOutcome,
} from "./team/suspended-turn.js";
import { ToolCallAudit } from "./team/tool-call-audit.js";
import { parseContinuation } from "./team/turn-continuation.js";
import {
  collectSteps,
  sourceNames,
  sourcePassages,
  type TurnEvent,
  type TurnEventListener,
  type TurnSummary,
  turnEventOf,
} from "./turn-events.js";

export interface AgentServiceOptions {
  model: ChatModel;
  /** The hub (`McpHub` hides the host's secrets in what its servers send). */
  hub: ToolHub;
  settings: AgentSettings;
  store: ConversationStore;
  selectTools?: ToolSelector;
  /** Values never returned to a client. */
  secrets: readonly string[];
  /** Longest answer returned, in characters; longer ones are cut. */
  maxAnswerChars: number;
  /** Poll interval of a waiting approval (ms). */
  approvalPollMs?: number;
  /** Every agent event, for logs. */
  onAgentEvent?: (event: AgentEvent) => void;
  /** Roles (the `access` section); default: the default roles. */
  access?: AccessPolicy;
  /** Where approvals asked of others are recorded. */
  audit?: AuditLog;
  /** Wall clock, for when an approval asked of others expires (tests move it). */
  clock?: () => Date;
  /** Servers running agente's own memory: their calls name the turn's person (team/person-hub.ts). */
  memoryServers?: readonly string[];
}

export interface TurnOutcome extends TurnSummary {
  answer: string;
  /** Milliseconds inside the agent loop (model and tools included): the rest of a request is the server's. */
  turnMs: number;
}

export interface TurnCall {
  message: string;
  onEvent?: TurnEventListener;
  signal?: AbortSignal;
  /** The reader's language for the turn's fixed answers (cancelled, limits). */
  translate?: Translator;
  /** Whom the turn runs for: their role picks the tools and who approves. Default: the owner (admin). */
  person?: Person;
}

/** A stored turn: `keep` drops every message after the first `keep` first (regenerate, edit and resend). */
export interface SessionTurnCall extends TurnCall {
  sessionId: string;
  approvals: "ask" | "refuse";
  keep?: number;
}

/** Tools that need approval are refused on the API: no one there can press a button. */
const refuseOnApi: Approver = {
  decide: async ({ tool }) => ({
    approved: false,
    reason: `${tool.name} necesita la aprobación del usuario; por la API no se puede pedir (úsalo desde el chat web)`,
  }),
};

const OWNER = ownerPerson("local");

export type { WaitingOutcome };

export class AgentService {
  private readonly options: AgentServiceOptions;
  private readonly validator = new ArgumentValidator();
  private readonly redactor: Redactor;
  private readonly policy: AccessPolicy;

  constructor(options: AgentServiceOptions) {
    this.options = options;
    this.redactor = new Redactor(options.secrets);
    this.policy = options.access ?? resolveAccessPolicy(undefined);
  }

  get store(): ConversationStore {
    return this.options.store;
  }

  /** One turn on a history the client sent (OpenAI clients send the whole conversation every time). */
  runStateless(call: TurnCall & { history: readonly ChatMessage[] }): Promise<TurnOutcome> {
    const role = this.roleOf(call.person);
    const translate = call.translate ?? createTranslator("es");
    const approver = roleApprover({ role, self: refuseOnApi, others: "refuse", translate });
    return this.run(call, call.history, approver, role, []);
  }

  get access(): AccessPolicy {
    return this.policy;
  }

  get audit(): AuditLog | undefined {
    return this.options.audit;
  }

  /** The wall clock approvals expire by. */
  now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** The role of a person (the owner when none): an unknown role is the config's error, said as such. */
  roleOf(person: Person | undefined): Role {
    return roleNamed(this.policy, (person ?? OWNER).role);
  }

  /**
   * One turn of a stored conversation; approvals are asked through the store (`approvals: "ask"`). Every
   * turn is stored, a cancelled or failed one too (with its reason), so the question is never lost; such
   * turns are left out of the history the model reads.
   */
  async runInSession(call: SessionTurnCall): Promise<TurnOutcome | WaitingOutcome> {
    const { store } = this.options;
    return store.withSessionLock(call.sessionId, async () => {
      // A turn that cannot be stored is not run: its answer would be thrown away.
      await store.assertWritable();
      if (call.keep !== undefined) await store.keepMessages(call.sessionId, call.keep);
      const stored = await store.messages(call.sessionId);
      if (stored.length === 0) await store.renameSession(call.sessionId, titleFrom(call.message));
      return this.storedTurn(call, answeredHistory(this.options.settings.historyTurns, stored), undefined);
    });
  }

  /**
   * Goes on with a turn another person decided on (or nobody did in time): runs the call when approved,
   * then the loop from where it stopped, and stores the answer in the requester's conversation. The
   * caller has claimed the approval row (`claimApproval`, `claimExpiredApprovals`), so among every
   * replica only one resumes it and the call runs once.
   */
  async resume(claimed: ClaimedApproval): Promise<void> {
    const { store } = this.options;
    const continuation = parseContinuation(claimed.continuation);
    const { approval } = claimed;
    const translate = createTranslator(continuation.language);
    await store.withSessionLock(continuation.sessionId, async () => {
      if ((await store.getSession(continuation.sessionId)) === undefined) return;
      const approved = approval.status === "approved";
      const done = approved
        ? await approvedCallOnce(
            {
              store,
              hub: this.options.hub,
              role: this.roleOf(continuation.requester),
              observationTokens: this.options.settings.observationTokens,
              audit: this.options.audit,
            },
            claimed,
            continuation,
            translate,
          )
        : {
            observation: translate("prompt.step.refused", {
              tool: continuation.pending.tool,
              reason: refusalReason(approval, this.policy.approvalTimeoutMs, translate),
            }),
            isError: true,
          };
      const history = answeredHistory(
        this.options.settings.historyTurns,
        await store.messages(continuation.sessionId),
      );
      await this.storedTurn(
        {
          sessionId: continuation.sessionId,
          message: continuation.question,
          approvals: "ask",
          translate,
          person: continuation.requester,
        },
        history,
        resumedSteps(continuation, approved, done),
      );
      await store.finishApproval(approval.id);
    });
  }

  /**
   * Runs a stored turn (new, or going on from `prior`) under its session's lock and stores how it ended:
   * the answer, the failure, or, when a call waits for another person, the turn's continuation with the
   * approval row (nothing in the conversation until it is decided).
   */
  private async storedTurn(
    call: SessionTurnCall,
    history: ChatMessage[],
    prior: PriorSteps | undefined,
  ): Promise<TurnOutcome | WaitingOutcome> {
    const { store } = this.options;
    const person = call.person ?? OWNER;
    const role = this.roleOf(person);
    const translate = call.translate ?? createTranslator("es");
    const self =
      call.approvals === "ask"
        ? storedApprover({
            store,
            sessionId: call.sessionId,
            emit: (event) => call.onEvent?.(event),
            requester: person,
            ...(this.options.approvalPollMs === undefined ? {} : { pollMs: this.options.approvalPollMs }),
          })
        : refuseOnApi;
    const others = call.approvals === "ask" ? "wait" : "refuse";
    const approver = roleApprover({ role, self, others, translate });
    const question = { role: "user" as const, content: call.message, modelContent: call.message };
    const trail: AgentEvent[] = [];
    let outcome: TurnOutcome & { modelAnswer: string; wholeAnswer: string };
    try {
      const questions = pageQuestions(call, store, this.options.approvalPollMs);
      outcome = await this.run(call, history, approver, role, trail, prior, questions);
    } catch (error) {
      if (error instanceof AwaitingApproverError)
        return suspendTurn(
          {
            store,
            audit: this.options.audit,
            expiresAt: new Date(this.now().getTime() + this.policy.approvalTimeoutMs),
          },
          {
            sessionId: call.sessionId,
            question: call.message,
            language: translate.language,
            person,
            waiting: error,
            trail,
            prior,
            onEvent: call.onEvent,
          },
        );
      await store.appendMessages(call.sessionId, [
        question,
        {
          role: "assistant",
          content: "",
          modelContent: "",
          details: {
            stopReason: "failed",
            steps: prior?.summary ?? [],
            sources: [],
            error: failureText(error),
          },
        },
      ]);
      throw error;
    }
    // The whole answer is stored (GET /api/sessions/:id/messages/:index/text serves it); clients get it cut.
    const { answer: _answer, modelAnswer, wholeAnswer, turnMs: _turnMs, ...summary } = outcome;
    await store.appendMessages(call.sessionId, [
      question,
      { role: "assistant", content: wholeAnswer, modelContent: modelAnswer, details: summary },
    ]);
    const { modelAnswer: _modelAnswer, wholeAnswer: _wholeAnswer, ...result } = outcome;
    return result;
  }

  private async run(
    call: TurnCall,
    history: readonly ChatMessage[],
    approver: Approver,
    role: Role,
    trail: AgentEvent[],
    prior?: PriorSteps,
    questions?: ServerQuestions,
  ): Promise<TurnOutcome & { modelAnswer: string; wholeAnswer: string }> {
    const events: TurnEvent[] = [];
    const emit = (event: TurnEvent) => {
      events.push(event);
      call.onEvent?.(event);
    };
    const started = performance.now();
    const deltas = new AnswerDeltas(this.options.secrets, this.redactor, (text, reset) =>
      emit({ type: "answer_delta", text, ...(reset ? { reset: true } : {}) }),
    );
    const model =
      call.onEvent === undefined ? this.options.model : streamingModel(this.options.model, deltas);
    const { hub, audit } = this.personal(call.person, roleToolHub(this.options.hub, role));
    let result: Awaited<ReturnType<typeof runTurn>>;
    try {
      result = await runTurn({
        model,
        hub: questions === undefined ? hub : hubAsking(hub, questions),
        userMessage: call.message,
        history,
        settings: this.options.settings,
        approver,
        validator: this.validator,
        onEvent: (event) => {
          audit?.onEvent(event);
          trail.push(event);
          this.options.onAgentEvent?.(event);
          const turnEvent = turnEventOf(event);
          if (turnEvent !== undefined) emit(turnEvent);
        },
        ...(call.signal === undefined ? {} : { signal: call.signal }),
        ...(call.translate === undefined ? {} : { translate: call.translate }),
        ...(this.options.selectTools === undefined ? {} : { selectTools: this.options.selectTools }),
        ...(prior === undefined ? {} : { resume: prior.steps }),
      });
    } finally {
      // Entries of the calls made are written even when the turn failed or was cancelled.
      await audit?.settled();
    }
    const whole = this.redactor.text(result.answer);
    const answer = this.cap(whole);
    const cut = answer.length < whole.length ? { shown: answer.length, total: whole.length } : undefined;
    const sources = sourceNames(result.context.map((passage) => passage.source));
    const passages = sourcePassages(result.context, this.redactor);
    const turnMs = performance.now() - started;
    const outcome = {
      answer,
      stopReason: result.stopReason,
      steps: [...(prior?.summary ?? []), ...collectSteps(events)],
      sources,
      passages,
      ...(cut === undefined ? {} : { cut }),
      turnMs,
    };
    emit({
      type: "answer",
      text: answer,
      stopReason: result.stopReason,
      sources,
      passages,
      ...(cut === undefined ? {} : { cut }),
    });
    return {
      ...outcome,
      wholeAnswer: whole,
      modelAnswer: this.redactor.text(result.newMessages[1]?.content ?? answer),
    };
  }

  /** The hub as the person's turn uses it, and the audit of its tool calls. */
  private personal(person: Person | undefined, base: ToolHub): { hub: ToolHub; audit?: ToolCallAudit } {
    if (person === undefined) return { hub: base };
    const publish = roleNamed(this.policy, person.role).publish;
    const hub = personalHub(base, { id: person.id, publish }, this.options.memoryServers ?? []);
    const log = this.options.audit;
    if (log === undefined) return { hub };
    const audit = new ToolCallAudit({
      log,
      actor: person.name,
      tools: () => hub.tools(),
      redactor: this.redactor,
    });
    return { hub, audit };
  }

  /** The answer as clients get it: at most `maxAnswerChars` characters. */
  cap(text: string): string {
    const limit = this.options.maxAnswerChars;
    return text.length <= limit ? text : text.slice(0, Math.max(0, limit));
  }
}
