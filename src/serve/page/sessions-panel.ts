/**
 * The conversations in the sidebar: grouped by the day they were last used, newest first, filtered by a
 * search box; each can be opened, renamed in place, or deleted (the list drops it at once, and the delete
 * reaches the server only when the few seconds to undo it have passed).
 */
import { api, type SessionInfo } from "./api.js";
import { el } from "./dom.js";
import type { PageText } from "./strings.js";
import { showToast } from "./toast.js";

const UNDO_MS = 6_000;

export interface SessionsActions {
  open(id: string): void;
  /** The conversation is going (it may come back with undo). */
  removed(id: string): void;
}

export class SessionsPanel {
  readonly element: HTMLElement;
  private readonly list = el("div", { class: "session-groups" });
  private readonly search: HTMLInputElement;
  private readonly t: PageText;
  private readonly language: string;
  private readonly actions: SessionsActions;
  private sessions: SessionInfo[] = [];
  private current: string | undefined;
  /** Deletes waiting for their undo time to pass. */
  private readonly leaving = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(t: PageText, language: string, actions: SessionsActions) {
    this.t = t;
    this.language = language;
    this.actions = actions;
    this.search = el("input", {
      type: "search",
      id: "search-conversations",
      class: "search",
      placeholder: t("page.searchConversations"),
      "aria-label": t("page.searchConversations"),
    });
    this.search.addEventListener("input", () => this.draw());
    this.element = el(
      "nav",
      { class: "conversations", "aria-labelledby": "conversations-title" },
      el("h2", { id: "conversations-title" }, t("page.conversations")),
      this.search,
      this.list,
    );
    // A delete still waiting when the page goes away is sent anyway.
    addEventListener("pagehide", () => {
      for (const id of this.leaving.keys())
        void fetch(`/api/sessions/${id}`, { method: "DELETE", keepalive: true, credentials: "same-origin" });
    });
  }

  async refresh(current: string | undefined): Promise<SessionInfo[]> {
    this.current = current;
    this.sessions = await api.sessions();
    this.draw();
    return this.sessions;
  }

  select(current: string | undefined): void {
    this.current = current;
    for (const button of this.list.querySelectorAll<HTMLElement>("button.session"))
      button.setAttribute("aria-current", String(button.dataset.id === current));
  }

  private draw(): void {
    const query = fold(this.search.value.trim());
    const shown = this.sessions.filter(
      (session) =>
        !this.leaving.has(session.id) && (query === "" || fold(this.titleOf(session)).includes(query)),
    );
    if (shown.length === 0) {
      this.list.replaceChildren(
        el("p", { class: "muted" }, this.t(query === "" ? "page.noConversations" : "page.noMatches")),
      );
      return;
    }
    const groups = new Map<string, SessionInfo[]>();
    for (const session of shown) {
      const day = this.dayOf(session.updatedAt);
      groups.set(day, [...(groups.get(day) ?? []), session]);
    }
    this.list.replaceChildren(
      ...[...groups].map(([day, sessions]) =>
        el(
          "section",
          { class: "day" },
          el("h3", {}, day),
          el("ul", { class: "sessions" }, ...sessions.map((session) => this.item(session))),
        ),
      ),
    );
  }

  private titleOf(session: SessionInfo): string {
    return session.title || this.t("page.untitled");
  }

  private dayOf(iso: string): string {
    const date = new Date(iso);
    const today = new Date();
    const start = (value: Date) => new Date(value.getFullYear(), value.getMonth(), value.getDate()).getTime();
    const days = Math.round((start(today) - start(date)) / 86_400_000);
    if (days === 0) return this.t("page.today");
    if (days === 1) return this.t("page.yesterday");
    return new Intl.DateTimeFormat(this.language, { dateStyle: "long" }).format(date);
  }

  private item(session: SessionInfo): HTMLElement {
    const title = this.titleOf(session);
    const time = new Intl.DateTimeFormat(this.language, { timeStyle: "short" }).format(
      new Date(session.updatedAt),
    );
    const open = el(
      "button",
      {
        type: "button",
        class: "session",
        "data-id": session.id,
        "aria-current": String(session.id === this.current),
      },
      el("span", { class: "title" }, title),
      el("time", { datetime: session.updatedAt, class: "muted" }, time),
    );
    open.addEventListener("click", () => this.actions.open(session.id));
    const rename = el(
      "button",
      {
        type: "button",
        class: "icon",
        "aria-label": `${this.t("page.rename")}: ${title}`,
        title: this.t("page.rename"),
      },
      "✎",
    );
    const remove = el(
      "button",
      {
        type: "button",
        class: "icon remove",
        "aria-label": `${this.t("page.deleteConversation")}: ${title}`,
        title: this.t("page.deleteConversation"),
      },
      "×",
    );
    const item = el("li", {}, open, rename, remove);
    rename.addEventListener("click", () => this.rename(item, session));
    remove.addEventListener("click", () => this.remove(session));
    return item;
  }

  private rename(item: HTMLElement, session: SessionInfo): void {
    const box = el("input", {
      type: "text",
      value: this.titleOf(session),
      "aria-label": this.t("page.renameLabel"),
    });
    const save = el("button", { type: "submit" }, this.t("page.save"));
    const form = el("form", { class: "rename" }, box, save);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const title = box.value.trim();
      if (title === "") return;
      void api.renameSession(session.id, title).then(() => this.refresh(this.current));
    });
    box.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        this.draw();
      }
    });
    item.replaceChildren(form);
    box.select();
  }

  private remove(session: SessionInfo): void {
    const timer = setTimeout(() => {
      this.leaving.delete(session.id);
      void api.deleteSession(session.id).then(() => this.refresh(this.current));
    }, UNDO_MS);
    this.leaving.set(session.id, timer);
    this.draw();
    this.actions.removed(session.id);
    showToast(
      this.t("page.deletedConversation", { title: this.titleOf(session) }),
      this.t("page.undo"),
      () => {
        clearTimeout(timer);
        this.leaving.delete(session.id);
        this.draw();
      },
      UNDO_MS,
    );
  }
}

/** Lower case without accents, so "cafe" finds "Café". */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
