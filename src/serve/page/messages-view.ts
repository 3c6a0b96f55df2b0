/** How a conversation's messages look: bubbles, folded steps, sources, approval cards. */
import type { ApprovalInfo, MessageInfo, StepInfo } from "./api.js";
import { el } from "./dom.js";
import type { PageText } from "./strings.js";

export function userBubble(text: string): HTMLElement {
  return el("article", { class: "message user" }, el("p", {}, text));
}

/** An answer bubble that fills in while its turn streams. */
export class AnswerView {
  readonly element: HTMLElement;
  private readonly steps = el("div", { class: "steps" });
  private readonly body = el("div", { class: "answer", "aria-live": "polite" });
  private readonly footer = el("div", { class: "footer" });
  private readonly stepViews = new Map<number, { view: HTMLDetailsElement; info: StepInfo }>();
  private readonly t: PageText;

  constructor(t: PageText) {
    this.t = t;
    this.element = el("article", { class: "message assistant" }, this.steps, this.body, this.footer);
  }

  thinking(): void {
    this.body.replaceChildren(el("p", { class: "thinking" }, this.t("page.thinking")));
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
    const parts: Node[] = [el("summary", { class: step.isError ? "failed" : "" }, title)];
    if (step.arguments !== undefined)
      parts.push(
        el("h4", {}, this.t("page.arguments")),
        el("pre", {}, JSON.stringify(step.arguments, null, 2)),
      );
    if (step.result !== undefined)
      parts.push(
        el("h4", {}, step.isError ? this.t("page.error") : this.t("page.result")),
        el("pre", { class: step.isError ? "failed" : "" }, step.result),
      );
    if (step.repeated) parts.push(el("p", { class: "note" }, this.t("page.repeated")));
    if (step.problem !== undefined) parts.push(el("p", { class: "note" }, step.problem));
    view.replaceChildren(...parts);
  }

  approval(approval: ApprovalInfo, decide: (approved: boolean) => Promise<void>): void {
    const approve = el("button", { type: "button", class: "approve" }, this.t("page.approve"));
    const deny = el("button", { type: "button", class: "deny" }, this.t("page.deny"));
    const card = el(
      "div",
      { class: "approval", role: "group", "aria-label": this.t("page.approvalAsk", { tool: approval.tool }) },
      el("p", {}, this.t("page.approvalAsk", { tool: approval.tool })),
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
    this.steps.append(card);
  }

  answer(text: string, stopReason: string, sources: readonly string[]): void {
    this.body.replaceChildren(...text.split(/\n{2,}/).map((paragraph) => el("p", {}, paragraph)));
    const notes: Node[] = [];
    if (stopReason !== "answer") {
      const key = `page.stopReason_${stopReason}` as "page.stopReason_step_limit";
      notes.push(el("p", { class: "note" }, this.t(key)));
    }
    if (sources.length > 0)
      notes.push(
        el(
          "p",
          { class: "sources" },
          `${this.t("page.sources")}: `,
          ...sources.flatMap((source, index) => [
            index > 0 ? ", " : "",
            el("span", { class: "source" }, source),
          ]),
        ),
      );
    this.footer.replaceChildren(...notes);
  }

  failed(message: string): void {
    this.body.replaceChildren(
      el("p", { class: "failed", role: "alert" }, this.t("page.turnFailed", { error: message })),
    );
  }
}

/** A stored answer, drawn whole. */
export function storedAnswer(message: MessageInfo, t: PageText): HTMLElement {
  const view = new AnswerView(t);
  for (const step of message.details?.steps ?? []) view.step(step);
  view.answer(message.content, message.details?.stopReason ?? "answer", message.details?.sources ?? []);
  return view.element;
}
