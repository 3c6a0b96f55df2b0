/**
 * A server's question in the web chat (MCP elicitation): a form card (its fields from the schema, checked
 * before sending) or a URL card (the address shown, opened only when the person clicks), each with accept,
 * decline and cancel. The answer is posted to `/api/questions/:id`; the card then says what was sent.
 */
import { el } from "./dom.js";
import { formFields } from "./form-fields.js";
import type { QuestionAction, QuestionInfo } from "./question-schemas.js";
import type { PageText } from "./strings.js";

export type SendAnswer = (answer: {
  action: QuestionAction;
  content?: Record<string, string | number | boolean | string[]>;
}) => Promise<void>;

export class QuestionCard {
  readonly element: HTMLElement;
  private readonly question: QuestionInfo;
  private readonly t: PageText;
  private readonly buttons: HTMLButtonElement[] = [];

  constructor(question: QuestionInfo, t: PageText, send: SendAnswer) {
    this.question = question;
    this.t = t;
    const problems = el("ul", { class: "problems", role: "alert" });
    const accept = el("button", { type: "submit", class: "approve" }, t("page.question.accept"));
    const decline = el("button", { type: "button", class: "deny" }, t("page.question.decline"));
    const cancel = el("button", { type: "button" }, t("page.question.cancel"));
    this.buttons.push(accept, decline, cancel);
    const title = t(question.mode === "url" ? "page.question.urlAsks" : "page.question.asks", {
      server: question.server,
    });
    const fields =
      question.mode === "form"
        ? formFields(question.requestedSchema ?? {}, t, `q-${question.id}`)
        : undefined;
    const url = question.url ?? "";
    const link = question.mode === "url" ? el("p", { class: "url" }, el("code", {}, url)) : undefined;
    const form = el(
      "form",
      { class: "approval question", role: "group", "aria-label": title, tabindex: "-1" },
      el("p", {}, title),
      el("p", { class: "question-message" }, question.message),
      link,
      fields?.element,
      problems,
      el("div", { class: "buttons" }, accept, decline, cancel),
    );
    if (question.mode === "url") accept.textContent = t("page.question.openUrl");
    this.element = form;
    const answer = async (
      action: QuestionAction,
      content?: Record<string, string | number | boolean | string[]>,
    ) => {
      for (const button of this.buttons) button.disabled = true;
      try {
        await send(content === undefined ? { action } : { action, content });
        this.answered(action);
      } catch {
        for (const button of this.buttons) button.disabled = false;
        problems.replaceChildren(el("li", {}, t("page.question.sendFailed")));
      }
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (fields === undefined) {
        // Opened only now, on the person's click, and without handing the page to it.
        if (/^https?:\/\//i.test(url)) window.open(url, "_blank", "noopener,noreferrer");
        void answer("accept");
        return;
      }
      const read = fields.read();
      if ("problems" in read) {
        problems.replaceChildren(...read.problems.map((problem) => el("li", {}, problem)));
        return;
      }
      problems.replaceChildren();
      void answer("accept", read.content);
    });
    decline.addEventListener("click", () => void answer("decline"));
    cancel.addEventListener("click", () => void answer("cancel"));
  }

  /** The answer is in (from this card, another tab or the turn's timeout): the card says which. */
  answered(action: QuestionAction): void {
    this.element.replaceChildren(
      el(
        "p",
        { class: "decided" },
        this.t(`page.question.answered_${action}`, { server: this.question.server }),
      ),
    );
  }

  /** The turn ended: nothing can be sent any more. */
  disable(): void {
    for (const button of this.buttons) button.disabled = true;
  }
}
