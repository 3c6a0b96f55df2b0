/**
 * One conversation on the page, with its own state: its messages, whether a turn runs, and the way to stop
 * it. A turn running here never blocks another conversation; switching away leaves it running, and coming
 * back shows it where it is. A conversation is created on the server with its first question, so none is
 * ever left empty.
 */
import { api, type MessageInfo, runTurn, type TurnEvent } from "./api.js";
import { el } from "./dom.js";
import { storedTurn, type TurnActions, TurnView } from "./messages-view.js";
import { QuestionCard } from "./question-card.js";
import type { QuestionInfo } from "./question-schemas.js";
import type { PageText } from "./strings.js";

const WAITING_RELOAD_MS = 1_500;

export interface ConversationHooks {
  /** The conversation got its id (its first question was sent). */
  created(conversation: Conversation): void;
  /** A turn started or ended. */
  busyChanged(conversation: Conversation): void;
  /** Its messages changed (follow the new text). */
  updated(conversation: Conversation): void;
}

interface TurnEntry {
  view: TurnView;
  /** Index of its question among the stored messages (what `keep` names). */
  at: number;
}

export class Conversation {
  id: string | undefined;
  /** Its messages; the page shows this element while the conversation is open. */
  readonly element = el("div", { class: "messages" });
  private readonly t: PageText;
  private readonly hooks: ConversationHooks;
  private turns: TurnEntry[] = [];
  private stored = 0;
  private controller: AbortController | undefined;
  private readonly questionCards = new Map<string, QuestionCard>();
  /** Stored messages when a call of this conversation began to wait for an approver: reload until more. */
  private waitingFrom: number | undefined;

  constructor(id: string | undefined, t: PageText, hooks: ConversationHooks) {
    this.id = id;
    this.t = t;
    this.hooks = hooks;
    this.showEmpty();
  }

  get busy(): boolean {
    return this.controller !== undefined;
  }

  private showEmpty(): void {
    this.element.replaceChildren(el("p", { class: "empty" }, this.t("page.emptyChat")));
  }

  /** Draws what the server stored, with any approval still waiting. */
  async load(): Promise<void> {
    if (this.id === undefined || this.busy) return;
    const { messages, approvals, questions } = await api.session(this.id);
    this.turns = [];
    this.element.replaceChildren();
    for (let index = 0; index < messages.length; index++) {
      const question = messages[index];
      if (question?.role !== "user") continue;
      const next: MessageInfo | undefined = messages[index + 1];
      const answer = next?.role === "assistant" ? next : undefined;
      const at = index;
      const view = storedTurn(
        question,
        answer,
        this.t,
        this.actionsFor(() => question.content, at),
        `/api/sessions/${this.id}/messages/${index + 1}/text`,
      );
      this.turns.push({ view, at });
      this.element.append(view.element);
    }
    this.stored = messages.length;
    const last = this.turns.at(-1)?.view;
    const waiting = approvals.filter((approval) => approval.kind === "other");
    for (const approval of approvals)
      if (approval.kind !== "other")
        last?.answer.approval(approval, (approved) => api.decide(approval.id, approved).then(() => {}));
    for (const question of questions ?? [])
      if (last !== undefined)
        this.ask(last, { id: question.id, server: question.server, ...question.request });
    for (const approval of waiting) {
      const view = new TurnView(
        approval.question ?? "",
        this.t,
        this.actionsFor(() => approval.question ?? "", messages.length),
      );
      view.answer.waitingForApprover(approval.tool);
      this.element.append(view.element);
    }
    if (waiting.length > 0) this.waitingFrom ??= messages.length;
    else if (this.waitingFrom !== undefined && messages.length > this.waitingFrom)
      this.waitingFrom = undefined;
    if (this.waitingFrom !== undefined) this.reloadSoon();
    if (this.turns.length === 0) this.showEmpty();
    this.markLast();
    this.hooks.updated(this);
  }

  /** While a call waits for an approver, the answer is read again every few seconds. */
  private reloadSoon(): void {
    setTimeout(() => {
      if (this.waitingFrom !== undefined && !this.busy) void this.load();
    }, WAITING_RELOAD_MS);
  }

  private actionsFor(question: () => string, at: number): TurnActions {
    return {
      again: () => void this.send(question(), at),
      edit: (text) => void this.send(text, at),
    };
  }

  /** Asks `message`; with `keep`, in place of the turn whose question is message number `keep`. */
  async send(message: string, keep?: number): Promise<void> {
    if (this.busy) return;
    const controller = new AbortController();
    this.controller = controller;
    this.hooks.busyChanged(this);
    const at = keep ?? this.stored;
    for (const entry of this.turns.filter((turn) => turn.at >= at)) entry.view.element.remove();
    this.turns = this.turns.filter((turn) => turn.at < at);
    this.element.querySelector(".empty")?.remove();
    const view = new TurnView(
      message,
      this.t,
      this.actionsFor(() => message, at),
    );
    this.turns.push({ view, at });
    this.element.append(view.element);
    this.markLast();
    view.answer.thinking();
    this.hooks.updated(this);
    try {
      if (this.id === undefined) {
        this.id = (await api.createSession()).id;
        this.hooks.created(this);
      }
      const id = this.id;
      await runTurn(
        id,
        { message, ...(keep === undefined ? {} : { keep }) },
        (event) => {
          this.show(view, event, `/api/sessions/${id}/messages/${at + 1}/text`);
          this.hooks.updated(this);
        },
        controller.signal,
      );
    } catch (error) {
      if (controller.signal.aborted) view.answer.stopped();
      else view.answer.failed(error instanceof Error ? error.message : String(error));
    } finally {
      // A turn waiting for an approver has stored nothing yet.
      if (this.waitingFrom === -1) this.waitingFrom = at;
      this.stored = this.waitingFrom === undefined ? at + 2 : at;
      this.controller = undefined;
      this.hooks.busyChanged(this);
      this.hooks.updated(this);
      if (this.waitingFrom !== undefined) this.reloadSoon();
    }
  }

  /** Stops the running turn: the server stops the model and the tool call in flight. */
  stop(): void {
    this.controller?.abort();
  }

  /** Shows a server's question; the answer goes to the store, where the waiting turn reads it. */
  private ask(view: TurnView, question: QuestionInfo): void {
    const card = new QuestionCard(question, this.t, (answer) =>
      api.answerQuestion(question.id, answer).then(() => {}),
    );
    this.questionCards.set(question.id, card);
    view.answer.card(card.element);
  }

  /** Only the last answer offers "regenerate". */
  private markLast(): void {
    this.turns.forEach((turn, index) => {
      turn.view.element.classList.toggle("last", index === this.turns.length - 1);
    });
  }

  private show(view: TurnView, event: TurnEvent, wholeUrl: string): void {
    const answer = view.answer;
    switch (event.type) {
      case "answer_delta":
        answer.delta(event.text, event.reset === true);
        break;
      case "tool_call":
        answer.step({ step: event.step, tool: event.tool, arguments: event.arguments });
        break;
      case "tool_result":
        answer.step({
          step: event.step,
          tool: event.tool,
          result: event.result,
          isError: event.isError,
          repeated: event.repeated,
          ...(event.media === undefined ? {} : { media: event.media }),
        });
        break;
      case "approval":
        answer.step({ step: event.step, tool: event.tool, approved: event.approved });
        break;
      case "invalid_step":
        answer.step({ step: event.step, problem: event.problem });
        break;
      case "approval_waiting":
        // The messages stored before this turn: set when the turn's stream ends (send's `at`).
        this.waitingFrom = -1;
        answer.waitingForApprover(event.tool);
        break;
      case "approval_request":
        answer.approval({ id: event.id, tool: event.tool, args: event.arguments }, (approved) =>
          api.decide(event.id, approved).then(() => {}),
        );
        break;
      case "question":
        this.ask(view, event);
        break;
      case "question_answered":
        this.questionCards.get(event.id)?.answered(event.action);
        break;
      case "tool_progress":
        answer.progress(event);
        break;
      case "answer":
        answer.answer(event.text, event.stopReason, event.sources, {
          ...(event.passages === undefined ? {} : { passages: event.passages }),
          ...(event.cut === undefined ? {} : { cut: event.cut, wholeUrl }),
        });
        break;
      case "error":
        answer.failed(event.message);
        break;
      default:
        break;
    }
  }
}
