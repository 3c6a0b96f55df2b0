/**
 * The audit trail for admins, in the sidebar: filters (person, since, kind), the entries as a table, and a
 * link that exports the same selection as JSONL. It shows only when the server lets the reader read the
 * trail (`GET /api/audit` answers; anyone but an admin gets 403, and the panel stays hidden).
 */
import { type AuditEntryInfo, api } from "./api.js";
import { el } from "./dom.js";
import type { PageText } from "./strings.js";

const KINDS = [
  "tool_call",
  "approval_requested",
  "approval_decided",
  "approval_expired",
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "token_created",
  "token_revoked",
  "user_added",
  "user_removed",
  "user_changed",
];

/** Most entries the panel shows; the export has them all. */
const SHOWN = 200;

export class AuditPanel {
  readonly element: HTMLElement;
  private readonly t: PageText;
  private readonly user = el("input", { type: "text", id: "audit-user", autocomplete: "off" });
  private readonly since = el("input", { type: "date", id: "audit-since" });
  private readonly kind = el("select", { id: "audit-kind" });
  private readonly exportLink = el("a", { class: "button", download: "agente-audit.jsonl" });
  private readonly rows = el("tbody");

  constructor(t: PageText) {
    this.t = t;
    this.kind.append(
      el("option", { value: "" }, t("page.team.auditAnyKind")),
      ...KINDS.map((kind) => el("option", { value: kind }, kind)),
    );
    this.exportLink.textContent = t("page.team.auditExport");
    const form = el(
      "form",
      { class: "audit-filters" },
      el("label", { for: "audit-user" }, t("page.team.auditUser")),
      this.user,
      el("label", { for: "audit-since" }, t("page.team.auditSince")),
      this.since,
      el("label", { for: "audit-kind" }, t("page.team.auditKind")),
      this.kind,
      el("button", { type: "submit", class: "button" }, t("page.team.auditShow")),
      this.exportLink,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.refresh();
    });
    this.element = el(
      "section",
      { class: "panel audit", "aria-labelledby": "audit-title", hidden: true },
      el("h2", { id: "audit-title" }, t("page.team.audit")),
      form,
      el("table", { class: "audit-entries" }, this.rows),
    );
  }

  /** Loads the entries for the filters; the panel shows once the server has answered (admins only). */
  async refresh(): Promise<void> {
    const query = this.query();
    this.exportLink.setAttribute("href", `/api/audit?${query}&format=jsonl`);
    let entries: AuditEntryInfo[];
    try {
      entries = await api.audit(`${query}&limit=${SHOWN}`);
    } catch {
      // 403 for everyone but admins: the panel is not theirs.
      this.element.hidden = true;
      return;
    }
    this.element.hidden = false;
    this.rows.replaceChildren(
      ...(entries.length === 0
        ? [el("tr", {}, el("td", { class: "muted" }, this.t("page.team.auditEmpty")))]
        : entries.reverse().map((entry) => this.row(entry))),
    );
  }

  private query(): string {
    const parameters = new URLSearchParams();
    if (this.user.value.trim() !== "") parameters.set("user", this.user.value.trim());
    if (this.since.value !== "") parameters.set("since", this.since.value);
    if (this.kind.value !== "") parameters.set("kind", this.kind.value);
    return parameters.toString();
  }

  private row(entry: AuditEntryInfo): HTMLElement {
    const what = entry.tool === undefined ? entry.kind : `${entry.server ?? ""}/${entry.tool}`;
    const decision =
      entry.decision === undefined
        ? ""
        : entry.approver === undefined
          ? entry.decision
          : `${entry.decision} (${entry.approver})`;
    return el(
      "tr",
      { class: "audit-entry" },
      el("td", {}, entry.at.replace("T", " ").slice(0, 19)),
      el("td", {}, entry.actor),
      el("td", { title: entry.args === undefined ? "" : JSON.stringify(entry.args) }, what),
      el("td", {}, decision),
      el("td", {}, entry.outcome ?? entry.subject ?? ""),
    );
  }
}
