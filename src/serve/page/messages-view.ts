/**
 * How a conversation's messages look: the question (with edit), the answer as formatted markdown that
 * fills in while it streams (with copy and regenerate), folded steps with localised notes instead of the
 * text written for the model, source chips that open the passages used, approval cards that take focus,
 * and a stopped or failed turn with its reason and a retry button.
 */

import type { ApprovalInfo, CutInfo, MessageInfo, PassageInfo, StepInfo } from "./api.js";
import { el } from "./dom.js";
import { addCopyButtons, copyText, renderMarkdown } from "./markdown.js";
import { mediaViews } from "./media-view.js";
import { openPassages } from "./passages-dialog.js";
import type { ProgressInfo } from "./question-schemas.js";
import type { PageText } from "./strings.js";

/** What the buttons of a turn do (the conversation decides). */
export interface TurnActions {
  /** Ask the same question again, in place of this turn (retry, regenerate). */
  again(): void;
  /** Replace this question with `text` and ask it (edit and resend). */
  edit(text: string): void;
}

/** One question and its answer. */
export class TurnView {
  readonly element: HTMLElement;
  readonly question: HTMLElement;
  readonly answer: AnswerView;
  private readonly t: PageText;

  constructor(text: string, t: PageText, actions: TurnActions) {
    this.t = t;
    this.answer = new AnswerView(t, actions);
    this.question = el("article", { class: "message user" });
    this.showQuestion(text, actions);
    this.element = el("div", { class: "turn" }, this.question, this.answer.element);
  }

  private showQuestion(text: string, actions: TurnActions): void {
    const edit = el("button", { type: "button", class: "tool-button" }, this.t("page.edit"));
    edit.addEventListener("click", () => this.editQuestion(text, actions));
    this.question.replaceChildren(el("p", {}, text), el("div", { class: "actions" }, edit));
  }

  private editQuestion(text: string, actions: TurnActions): void {
    const box = el("textarea", { rows: "3", "aria-label": this.t("page.editLabel") });
    box.value = text;
    const send = el("button", { type: "submit", class: "primary" }, this.t("page.saveAndSend"));
    const cancel = el("button", { type: "button" }, this.t("page.cancel"));
    const form = el("form", { class: "edit" }, box, el("div", { class: "actions" }, send, cancel));
    cancel.addEventListener("click", () => this.showQuestion(text, actions));
    box.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        this.showQuestion(text, actions);
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const changed = box.value.trim();
      if (changed !== "") actions.edit(changed);
    });
    this.question.replaceChildren(form);
    box.focus();
  }
}

/** An answer bubble that fills in while its turn streams. */
export class AnswerView {
  readonly element: HTMLElement;
  private readonly steps = el("div", { class: "steps" });
  private readonly approvals = el("div", { class: "approvals", "aria-live": "assertive" });
  private readonly body = el("div", { class: "answer" });
  private readonly footer = el("div", { class: "footer" });
  private readonly actionsBar = el("div", { class: "actions" });
  private readonly stepViews = new Map<number, { view: HTMLDetailsElement; info: StepInfo }>();
  /** A running step's latest progress (shown on its summary line until its result arrives). */
  private readonly stepProgress = new Map<number, ProgressInfo>();
  private readonly t: PageText;
  private readonly actions: TurnActions;
  private streamed = "";
  private frame: number | undefined;
  private lastText = "";

  constructor(t: PageText, actions: TurnActions) {
    this.t = t;
    this.actions = actions;
    this.element = el(
      "article",
      { class: "message assistant" },
      this.steps,
      this.approvals,
      this.body,
      this.footer,
      this.actionsBar,
    );
  }

  thinking(): void {
    this.element.setAttribute("aria-busy", "true");
    this.body.replaceChildren(el("p", { class: "thinking" }, this.t("page.thinking")));
  }

  /** More of the answer as the model writes it (or, with `reset`, a new start). */
  delta(text: string, reset: boolean): void {
    this.streamed = reset ? text : this.streamed + text;
    // The first words show at once; later ones at most once a frame, so a fast model never stalls the page.
    if (this.frame !== undefined) return;
    if (this.body.querySelector(".thinking") !== null) {
      this.drawStreamed();
      return;
    }
    this.frame = requestAnimationFrame(() => this.drawStreamed());
  }

  private drawStreamed(): void {
    this.frame = undefined;
    this.body.classList.add("streaming");
    this.body.replaceChildren(renderMarkdown(this.streamed));
  }

  /** Draws a step, or adds to one already drawn (its call first, its result later). */
  step(update: StepInfo): void {
    let entry = this.stepViews.get(update.step);
    if (entry === undefined) {
      entry = { view: el("details", { class: "step" }), info: { step: update.step } };
      this.stepViews.set(update.step, entry);
      this.steps.append(entry.view);
    }
    entry.info = { ...entry.info, ...update };
    const { view, info: step } = entry;
    const title =
      step.problem !== undefined && step.tool === undefined
        ? this.t("page.invalidStep", { n: step.step })
        : this.t("page.step", { n: step.step, tool: step.tool ?? "?" });
    if (update.result !== undefined) this.stepProgress.delete(update.step);
    const progress = this.stepProgress.get(update.step);
    const parts: Node[] = [
      el(
        "summary",
        { class: step.isError ? "failed" : "" },
        title,
        progress === undefined ? undefined : progressLine(progress, this.t),
      ),
    ];
    if (step.arguments !== undefined)
      parts.push(
        el("h4", {}, this.t("page.arguments")),
        el("pre", {}, JSON.stringify(step.arguments, null, 2)),
      );
    // A denied call's result is a note written for the model: the reader gets its summary instead.
    if (step.approved === false) parts.push(el("p", { class: "note" }, this.t("page.deniedNote")));
    else if (step.result !== undefined)
      parts.push(
        el("h4", {}, step.isError ? this.t("page.error") : this.t("page.result")),
        el("pre", { class: step.isError ? "failed" : "" }, step.result),
        ...mediaViews(step.media ?? [], step.tool ?? "?", this.t),
      );
    if (step.repeated) parts.push(el("p", { class: "note" }, this.t("page.repeated")));
    view.replaceChildren(...parts);
  }

  /** A running tool's progress, on its step's summary line. */
  progress(progress: ProgressInfo): void {
    this.stepProgress.set(progress.step, progress);
    this.step({ step: progress.step, tool: progress.tool });
  }

  /** A server's question card (question-card.ts), beside the approval cards: it takes focus too. */
  card(element: HTMLElement): void {
    this.approvals.append(element);
    element.focus();
  }

  /** The call waits for an approver (someone else): the turn goes on, on the server, once they decide. */
  waitingForApprover(tool: string): void {
    this.element.removeAttribute("aria-busy");
    this.body.replaceChildren(
      el("p", { class: "approval-waiting", role: "status" }, this.t("page.approvals.waitingOther", { tool })),
    );
  }

  /** An approval card: it takes focus, and its live region announces it. */
  approval(approval: ApprovalInfo, decide: (approved: boolean) => Promise<void>): void {
    const approve = el("button", { type: "button", class: "approve" }, this.t("page.approve"));
    const deny = el("button", { type: "button", class: "deny" }, this.t("page.deny"));
    const label = this.t("page.approvalAsk", { tool: approval.tool });
    const card = el(
      "div",
      { class: "approval", role: "group", "aria-label": label, tabindex: "-1" },
      el("p", {}, label),
      el("pre", {}, JSON.stringify(approval.args, null, 2)),
      el("div", { class: "buttons" }, approve, deny),
    );
    const choose = async (approved: boolean) => {
      approve.disabled = true;
      deny.disabled = true;
      await decide(approved);
      card.replaceChildren(
        el(
          "p",
          { class: "decided" },
          `${approval.tool}: ${this.t(approved ? "page.approved" : "page.denied")}`,
        ),
      );
    };
    approve.addEventListener("click", () => void choose(true));
    deny.addEventListener("click", () => void choose(false));
    this.approvals.append(card);
    card.focus();
  }

  answer(
    text: string,
    stopReason: string,
    sources: readonly string[],
    extra: { passages?: readonly PassageInfo[]; cut?: CutInfo; wholeUrl?: string } = {},
  ): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.element.removeAttribute("aria-busy");
    this.body.classList.remove("streaming");
    this.lastText = text;
    if (stopReason === "cancelled") {
      this.stopped();
      return;
    }
    this.body.replaceChildren(renderMarkdown(text));
    addCopyButtons(this.body, this.t("page.copyCode"), this.t("page.copied"));
    const notes: Node[] = [];
    if (stopReason !== "answer") {
      const key = `page.stopReason_${stopReason}` as "page.stopReason_step_limit";
      notes.push(el("p", { class: "note" }, this.t(key)));
    }
    if (extra.cut !== undefined)
      notes.push(
        el(
          "p",
          { class: "note" },
          `${this.t("page.answerCut", { shown: extra.cut.shown, total: extra.cut.total })} `,
          extra.wholeUrl === undefined
            ? undefined
            : el(
                "a",
                { href: extra.wholeUrl, target: "_blank", rel: "noopener noreferrer" },
                this.t("page.readWhole"),
              ),
        ),
      );
    if (sources.length > 0) notes.push(this.sourceChips(sources, extra.passages ?? []));
    this.footer.replaceChildren(...notes);
    const copy = el("button", { type: "button", class: "tool-button" }, this.t("page.copy"));
    copy.addEventListener("click", () => {
      void copyText(this.lastText).then(() => {
        copy.textContent = this.t("page.copied");
      });
    });
    const again = el(
      "button",
      { type: "button", class: "tool-button regenerate" },
      this.t("page.regenerate"),
    );
    again.addEventListener("click", () => this.actions.again());
    this.actionsBar.replaceChildren(copy, again);
  }

  private sourceChips(sources: readonly string[], passages: readonly PassageInfo[]): HTMLElement {
    return el(
      "p",
      { class: "sources" },
      `${this.t("page.sources")}: `,
      ...sources.map((source) => {
        const chip = el(
          "button",
          { type: "button", class: "source", "aria-label": this.t("page.openSource", { file: source }) },
          source,
        );
        chip.addEventListener("click", () =>
          openPassages(
            source,
            passages.filter((passage) => passage.source === source),
            this.t,
          ),
        );
        return chip;
      }),
    );
  }

  /** The turn was stopped (the stop button, Escape, a reload): the question stays, with a retry. */
  stopped(): void {
    this.ended(this.t("page.turnCancelled"), false);
  }

  failed(message: string): void {
    this.ended(this.t("page.turnFailed", { error: message }), true);
  }

  private ended(text: string, alert: boolean): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.element.removeAttribute("aria-busy");
    this.body.classList.remove("streaming");
    for (const card of this.approvals.querySelectorAll(".approval button")) card.setAttribute("disabled", "");
    const retry = el("button", { type: "button", class: "tool-button retry" }, this.t("page.retry"));
    retry.addEventListener("click", () => this.actions.again());
    this.body.replaceChildren(el("p", { class: "failed", ...(alert ? { role: "alert" } : {}) }, text));
    this.footer.replaceChildren();
    this.actionsBar.replaceChildren(retry);
  }
}

function progressLine(progress: ProgressInfo, t: PageText): HTMLElement {
  const text =
    progress.total === undefined
      ? t("page.progressOpen", { progress: progress.progress })
      : t("page.progress", { progress: progress.progress, total: progress.total });
  return el(
    "span",
    { class: "progress", role: "status" },
    ` · ${text}`,
    progress.message === undefined ? undefined : ` · ${progress.message}`,
    progress.total === undefined
      ? undefined
      : el("progress", { max: String(progress.total), value: String(progress.progress), "aria-label": text }),
  );
}

/** A stored turn, drawn whole. */
export function storedTurn(
  question: MessageInfo,
  answer: MessageInfo | undefined,
  t: PageText,
  actions: TurnActions,
  wholeUrl: string,
): TurnView {
  const view = new TurnView(question.content, t, actions);
  const details = answer?.details;
  for (const step of details?.steps ?? []) view.answer.step(step);
  if (answer === undefined) view.answer.failed(t("page.turnInterrupted"));
  else if (details?.stopReason === "failed") view.answer.failed(details.error ?? "");
  else
    view.answer.answer(answer.content, details?.stopReason ?? "answer", details?.sources ?? [], {
      ...(details?.passages === undefined ? {} : { passages: details.passages }),
      ...(details?.cut === undefined ? {} : { cut: details.cut, wholeUrl }),
    });
  return view;
}
