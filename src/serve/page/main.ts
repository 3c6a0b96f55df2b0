/**
 * The web chat of `agente serve`: a header, a sidebar (conversations, documents, server status; a drawer
 * on a phone) and the chat, where only the message list scrolls. Keys: Escape stops a turn (or closes the
 * drawer), Alt+Shift+N starts a new conversation, `/` goes to the text box. Bundled by esbuild into
 * `dist/serve/page/app.js` (scripts/build-page.mjs).
 */

import { ApprovalsPanel } from "./approvals-panel.js";
import { AuditPanel } from "./audit-panel.js";
import { Conversation, type ConversationHooks } from "./conversation.js";
import { DocumentsPanel } from "./documents-panel.js";
import { el } from "./dom.js";
import { Follower } from "./follower.js";
import { SessionsPanel } from "./sessions-panel.js";
import { StatusPanel } from "./status-panel.js";
import { embeddedText } from "./strings.js";
import { themeToggle } from "./theme.js";

const language = document.documentElement.lang === "es" ? "es" : "en";
const t = embeddedText(document);

const conversations = new Map<string, Conversation>();
let current: Conversation;

const log = el("div", { class: "log", role: "log", "aria-label": t("page.conversations"), tabindex: "0" });
const follower = new Follower(log, t("page.jumpToLatest"));
const input = el("textarea", {
  id: "message",
  rows: "2",
  placeholder: t("page.placeholder"),
  required: true,
});
const sendButton = el("button", { type: "submit", class: "primary send" }, t("page.send"));
const stopButton = el("button", { type: "button", class: "stop", hidden: true }, t("page.stop"));
const composer = el(
  "form",
  { class: "composer" },
  el("label", { for: "message", class: "visually-hidden" }, t("page.messageLabel")),
  input,
  sendButton,
  stopButton,
);

const hooks: ConversationHooks = {
  created: (conversation) => {
    if (conversation.id === undefined) return;
    conversations.set(conversation.id, conversation);
    if (conversation === current) history.replaceState(null, "", `#${conversation.id}`);
    void sessions.refresh(current.id);
  },
  busyChanged: (conversation) => {
    if (conversation === current) showBusy();
    if (!conversation.busy) void sessions.refresh(current.id);
  },
  updated: (conversation) => {
    if (conversation === current) follower.changed();
  },
};

const sessions = new SessionsPanel(t, language, {
  open: (id) => {
    closeDrawer();
    void open(id);
  },
  removed: (id) => {
    if (current.id === id) startNew();
  },
});
const documents = new DocumentsPanel(t, language);
const audit = new AuditPanel(t);
const status = new StatusPanel(t);
const approvals = new ApprovalsPanel(t);

function showBusy(): void {
  sendButton.hidden = current.busy;
  stopButton.hidden = !current.busy;
}

function show(conversation: Conversation): void {
  current = conversation;
  log.replaceChildren(conversation.element);
  showBusy();
  sessions.select(conversation.id);
  follower.toBottom();
}

function startNew(): void {
  history.replaceState(null, "", location.pathname + location.search);
  show(new Conversation(undefined, t, hooks));
  input.focus();
}

async function open(id: string): Promise<void> {
  let conversation = conversations.get(id);
  if (conversation === undefined) {
    conversation = new Conversation(id, t, hooks);
    conversations.set(id, conversation);
  }
  history.replaceState(null, "", `#${id}`);
  show(conversation);
  await conversation.load();
  input.focus();
}

composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const message = input.value.trim();
  if (message === "" || current.busy) return;
  input.value = "";
  follower.toBottom();
  void current.send(message);
});
stopButton.addEventListener("click", () => {
  current.stop();
  input.focus();
});
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    composer.requestSubmit();
  }
});

// The drawer (a phone's sidebar).
const sidebar = el(
  "aside",
  { class: "sidebar", id: "sidebar" },
  el("button", { type: "button", class: "primary wide new" }, t("page.newConversation")),
  approvals.element,
  sessions.element,
  documents.element,
  audit.element,
  status.element,
  el("p", { class: "muted shortcuts" }, t("page.shortcuts")),
);
const newButton = sidebar.querySelector("button.new");
newButton?.addEventListener("click", () => {
  closeDrawer();
  startNew();
});
const narrow = matchMedia("(max-width: 800px)");
const menuButton = el(
  "button",
  {
    type: "button",
    class: "menu",
    "aria-controls": "sidebar",
    "aria-expanded": "false",
    "aria-label": t("page.openMenu"),
  },
  "☰",
);
const backdrop = el("div", { class: "backdrop", hidden: true });
function setDrawer(openDrawer: boolean): void {
  sidebar.classList.toggle("open", openDrawer);
  menuButton.setAttribute("aria-expanded", String(openDrawer));
  backdrop.hidden = !openDrawer;
  // Closed on a phone, the drawer is out of reach of the keyboard and screen readers too.
  sidebar.inert = narrow.matches && !openDrawer;
  if (openDrawer) sidebar.querySelector<HTMLElement>("button, input")?.focus();
}
function closeDrawer(): void {
  if (sidebar.classList.contains("open")) setDrawer(false);
}
menuButton.addEventListener("click", () => setDrawer(!sidebar.classList.contains("open")));
backdrop.addEventListener("click", () => setDrawer(false));
narrow.addEventListener("change", () => setDrawer(false));

document.addEventListener("keydown", (event) => {
  const typing =
    event.target instanceof HTMLElement &&
    (event.target.matches("input, textarea, select") || event.target.isContentEditable);
  if (event.key === "Escape") {
    if (document.querySelector("dialog[open]") !== null) return;
    if (sidebar.classList.contains("open")) {
      setDrawer(false);
      menuButton.focus();
    } else if (current.busy) {
      event.preventDefault();
      current.stop();
    }
  } else if (event.altKey && event.shiftKey && event.code === "KeyN") {
    event.preventDefault();
    closeDrawer();
    startNew();
  } else if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    input.focus();
  }
});

function languageSwitch(): HTMLElement {
  const select = el(
    "select",
    { id: "language" },
    el("option", { value: "es", selected: language === "es" }, "Español"),
    el("option", { value: "en", selected: language === "en" }, "English"),
  );
  select.addEventListener("change", () => {
    // The server keeps the choice in a cookie and draws the page in that language.
    location.assign(`/?lang=${select.value}${location.hash}`);
  });
  return el("div", { class: "language" }, el("label", { for: "language" }, t("page.language")), select);
}

document
  .getElementById("app")
  ?.replaceChildren(
    el(
      "header",
      { class: "top" },
      menuButton,
      el("h1", {}, "agente"),
      el("div", { class: "header-tools" }, themeToggle(t), languageSwitch()),
    ),
    el(
      "div",
      { class: "layout" },
      sidebar,
      backdrop,
      el("main", { class: "chat" }, el("div", { class: "log-frame" }, log, follower.button), composer),
    ),
  );
setDrawer(false);

void (async () => {
  const wanted = location.hash.slice(1);
  const stored = await sessions.refresh(wanted || undefined);
  if (wanted !== "" && stored.some((session) => session.id === wanted)) await open(wanted);
  else startNew();
  await Promise.all([documents.refresh(), status.start(), approvals.start(), audit.refresh()]);
})();
