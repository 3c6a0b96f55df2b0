/**
 * Requests waiting for the reader's approval, in the sidebar: who asked, their question, the tool and its
 * arguments, with approve and deny. Read again every few seconds (a request can come from anyone at any
 * time); hidden while there is none.
 */
import { type ApprovalInfo, api } from "./api.js";
import { el } from "./dom.js";
import type { PageText } from "./strings.js";

const REFRESH_MS = 2_000;

export class ApprovalsPanel {
  readonly element = el("section", { class: "panel approvals-panel", "aria-labelledby": "approvals-title" });
  private readonly list = el("ul", { class: "approval-requests" });
  private readonly t: PageText;
  private shown = "";

  constructor(t: PageText) {
    this.t = t;
    this.element.hidden = true;
    this.element.append(el("h2", { id: "approvals-title" }, t("page.approvals.title")), this.list);
  }

  async start(): Promise<void> {
    try {
      await this.refresh();
    } finally {
      setTimeout(() => void this.start(), REFRESH_MS);
    }
  }

  private async refresh(): Promise<void> {
    const { approvals } = await api.approvals();
    // Redrawn only when the list changed, so a request being read does not jump.
    const key = approvals.map((approval) => approval.id).join(",");
    if (key === this.shown) return;
    this.shown = key;
    this.element.hidden = approvals.length === 0;
    this.list.replaceChildren(...approvals.map((approval) => this.item(approval)));
  }

  private item(approval: ApprovalInfo): HTMLElement {
    const approve = el("button", { type: "button", class: "approve" }, this.t("page.approve"));
    const deny = el("button", { type: "button", class: "deny" }, this.t("page.deny"));
    const asked = this.t("page.approvals.asked", {
      name: approval.requester?.name ?? "?",
      tool: approval.tool,
    });
    const item = el(
      "li",
      { class: "approval-request", role: "group", "aria-label": asked },
      el("p", {}, asked),
      el("blockquote", {}, approval.question ?? ""),
      el("pre", {}, JSON.stringify(approval.args, null, 2)),
      el("div", { class: "buttons" }, approve, deny),
    );
    const choose = async (approved: boolean) => {
      approve.disabled = true;
      deny.disabled = true;
      try {
        await api.decide(approval.id, approved);
        item.replaceChildren(
          el(
            "p",
            { class: "decided" },
            `${approval.tool}: ${this.t(approved ? "page.approved" : "page.denied")}`,
          ),
        );
      } catch (error) {
        // Someone else decided first, or it expired: say so where the buttons were.
        item.replaceChildren(
          el("p", { class: "failed" }, error instanceof Error ? error.message : String(error)),
        );
      }
    };
    approve.addEventListener("click", () => void choose(true));
    deny.addEventListener("click", () => void choose(false));
    return item;
  }
}
