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
import type { ChatMessage, ChatModel } from "../llm/chat-model.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import { Redactor } from "../util/secret-redaction.js";
import type { ConversationStore } from "./conversation-store.js";
import { titleFrom } from "./store-rows.js";
import { storedApprover } from "./stored-approver.js";
import {
  collectSteps,
  sourceNames,
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
}

/** Tools that need approval are refused on the API: no one there can press a button. */
const refuseOnApi: Approver = {
  decide: async ({ tool }) => ({
    approved: false,
    reason: `${tool.name} necesita la aprobación del usuario; por la API no se puede pedir (úsalo desde el chat web)`,
  }),
};

export class AgentService {
  private readonly options: AgentServiceOptions;
  private readonly validator = new ArgumentValidator();
  private readonly redactor: Redactor;

  constructor(options: AgentServiceOptions) {
    this.options = options;
    this.redactor = new Redactor(options.secrets);
  }

  get store(): ConversationStore {
    return this.options.store;
  }

  /** One turn on a history the client sent (OpenAI clients send the whole conversation every time). */
  runStateless(call: TurnCall & { history: readonly ChatMessage[] }): Promise<TurnOutcome> {
    return this.run(call, call.history, refuseOnApi);
  }

  /** One turn of a stored conversation; approvals are asked through the store (`approvals: "ask"`). */
  async runInSession(
    call: TurnCall & { sessionId: string; approvals: "ask" | "refuse" },
  ): Promise<TurnOutcome> {
    const { store } = this.options;
    return store.withSessionLock(call.sessionId, async () => {
      const stored = await store.messages(call.sessionId);
      const keep = this.options.settings.historyTurns * 2;
      const history: ChatMessage[] =
        keep === 0
          ? []
          : stored.slice(-keep).map((message) => ({ role: message.role, content: message.modelContent }));
      const approver =
        call.approvals === "ask"
          ? storedApprover({
              store,
              sessionId: call.sessionId,
              emit: (event) => call.onEvent?.(event),
              ...(this.options.approvalPollMs === undefined ? {} : { pollMs: this.options.approvalPollMs }),
            })
          : refuseOnApi;
      const outcome = await this.run(call, history, approver);
      if (outcome.stopReason !== "cancelled") {
        if (stored.length === 0) await store.renameSession(call.sessionId, titleFrom(call.message));
        const { answer, modelAnswer, turnMs: _turnMs, ...summary } = outcome;
        await store.appendMessages(call.sessionId, [
          { role: "user", content: call.message, modelContent: call.message },
          { role: "assistant", content: answer, modelContent: modelAnswer, details: summary },
        ]);
      }
      const { modelAnswer: _modelAnswer, ...result } = outcome;
      return result;
    });
  }

  private async run(
    call: TurnCall,
    history: readonly ChatMessage[],
    approver: Approver,
  ): Promise<TurnOutcome & { modelAnswer: string }> {
    const events: TurnEvent[] = [];
    const emit = (event: TurnEvent) => {
      events.push(event);
      call.onEvent?.(event);
    };
    const started = performance.now();
    const result = await runTurn({
      model: this.options.model,
      hub: this.options.hub,
      userMessage: call.message,
      history,
      settings: this.options.settings,
      approver,
      validator: this.validator,
      onEvent: (event) => {
        this.options.onAgentEvent?.(event);
        const turnEvent = turnEventOf(event);
        if (turnEvent !== undefined) emit(turnEvent);
      },
      ...(call.signal === undefined ? {} : { signal: call.signal }),
      ...(this.options.selectTools === undefined ? {} : { selectTools: this.options.selectTools }),
    });
    const answer = this.cap(this.redactor.text(result.answer));
    const sources = sourceNames(result.context.map((passage) => passage.source));
    const turnMs = performance.now() - started;
    const outcome = { answer, stopReason: result.stopReason, steps: collectSteps(events), sources, turnMs };
    emit({ type: "answer", text: answer, stopReason: result.stopReason, sources });
    return {
      ...outcome,
      modelAnswer: this.redactor.text(result.newMessages[1]?.content ?? answer),
    };
  }

  private cap(text: string): string {
    const limit = this.options.maxAnswerChars;
    return text.length <= limit ? text : `${text.slice(0, Math.max(0, limit - 1))}…`;
  }
}
