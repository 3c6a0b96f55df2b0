/**
 * A server's questions (MCP elicitation, form and URL mode) asked in the web chat. As with approvals
 * (stored-approver.ts), the question is a row in the conversation store and the turn polls it until the
 * person answers: the page may post the answer to any replica. A question nobody answers in time, or one
 * whose turn is cancelled, is declined (cancelled). Sampling is not asked here: the hub refuses it.
 */
import type { ElicitResult, ServerQuestions } from "../mcp/client-handlers.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import type { ConversationStore } from "./conversation-store.js";
import type { QuestionRequest } from "./stored-question.js";
import type { TurnEventListener } from "./turn-events.js";

export interface StoredQuestionsOptions {
  store: ConversationStore;
  sessionId: string;
  emit: TurnEventListener;
  /** The turn's own signal (the page's stop): a question waiting then is cancelled. */
  signal?: AbortSignal;
  /** How often the turn reads the answer. Default 200 ms. */
  pollMs?: number;
  /** After this long without an answer the question is declined. Default 10 minutes. */
  timeoutMs?: number;
  now?: () => number;
}

export function storedQuestions(options: StoredQuestionsOptions): ServerQuestions {
  const pollMs = options.pollMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const now = options.now ?? (() => performance.now());

  async function ask(
    server: string,
    request: QuestionRequest,
    callSignal: AbortSignal,
  ): Promise<ElicitResult> {
    const signal = options.signal === undefined ? callSignal : AbortSignal.any([callSignal, options.signal]);
    const question = await options.store.createQuestion({ sessionId: options.sessionId, server, request });
    options.emit({ type: "question", id: question.id, server, ...request });
    const deadline = now() + timeoutMs;
    for (;;) {
      const current = await options.store.getQuestion(question.id);
      if (current === undefined) return { action: "decline" };
      if (current.status === "answered" && current.answer !== undefined) {
        options.emit({ type: "question_answered", id: question.id, action: current.answer.action });
        const { action, content } = current.answer;
        return content === undefined ? { action } : { action, content };
      }
      if (signal.aborted || now() > deadline) {
        const answer = { action: signal.aborted ? ("cancel" as const) : ("decline" as const) };
        // Another replica may have stored an answer since the last read: the stored one wins.
        if (!(await options.store.answerQuestion(question.id, answer))) continue;
        options.emit({ type: "question_answered", id: question.id, action: answer.action });
        return answer;
      }
      await sleep(pollMs, signal);
    }
  }

  return {
    elicitForm: (params, { server, signal }) =>
      ask(
        server,
        { mode: "form", message: params.message, requestedSchema: { ...params.requestedSchema } },
        signal,
      ),
    elicitUrl: (params, { server, signal }) =>
      ask(server, { mode: "url", message: params.message, url: params.url }, signal),
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * A stored turn's questions, asked on the page through the store, when a page watches the turn (a turn
 * resumed after another person's approval has none: the hub declines its questions).
 */
export function pageQuestions(
  call: { approvals: string; sessionId: string; onEvent?: TurnEventListener; signal?: AbortSignal },
  store: ConversationStore,
  pollMs: number | undefined,
): ServerQuestions | undefined {
  const emit = call.onEvent;
  if (call.approvals !== "ask" || emit === undefined) return undefined;
  return storedQuestions({
    store,
    sessionId: call.sessionId,
    emit,
    ...(call.signal === undefined ? {} : { signal: call.signal }),
    ...(pollMs === undefined ? {} : { pollMs }),
  });
}

/** The hub as one turn sees it: each call carries the turn's question handlers (the hub's `CallOptions`). */
export function hubAsking(hub: ToolHub, questions: ServerQuestions): ToolHub {
  return {
    tools: () => hub.tools(),
    callTool: (name, args, options) => hub.callTool(name, args, { ...options, questions }),
  };
}

/**
 * `serve`'s hub-wide answers: a form or URL asked outside a web chat turn (an API turn, where no one can
 * answer) is declined. Declaring them at start lets servers ask at all; a web turn's own handlers win.
 */
export const declineOutsideTurns: ServerQuestions = {
  elicitForm: async () => ({ action: "decline" }),
  elicitUrl: async () => ({ action: "decline" }),
};
