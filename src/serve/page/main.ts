/**
 * The web chat of `agente serve`: conversations on the left with documents and server status, the chat on
 * the right. Bundled by esbuild into `dist/serve/page/app.js` (scripts/build-page.mjs).
 */
import { api, runTurn, type SessionInfo } from "./api.js";
import { el } from "./dom.js";
import { AnswerView, storedAnswer, userBubble } from "./messages-view.js";
import { documentsPanel, sessionList, statusPanel } from "./side-panels.js";
import { embeddedText } from "./strings.js";

const language = document.documentElement.lang === "es" ? "es" : "en";
const t = embeddedText(document);

const state: { sessions: SessionInfo[]; current: string | undefined; busy: boolean } = {
  sessions: [],
  current: location.hash.slice(1) || undefined,
  busy: false,
};

const sessionsSlot = el("nav", { "aria-labelledby": "conversations-title" });
const statusSlot = el("div");
const log = el("div", { class: "log", role: "log", "aria-label": t("page.conversations") });
const input = el("textarea", {
  id: "message",
  rows: "2",
  placeholder: t("page.placeholder"),
  required: true,
});
const sendButton = el("button", { type: "submit", class: "primary" }, t("page.send"));
const composer = el(
  "form",
  { class: "composer" },
  el("label", { for: "message", class: "visually-hidden" }, t("page.messageLabel")),
  input,
  sendButton,
);

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

async function refreshSessions(): Promise<void> {
  state.sessions = await api.sessions();
  sessionsSlot.replaceChildren(
    el("h2", { id: "conversations-title" }, t("page.conversations")),
    sessionList(state.sessions, state.current, t, {
      open: (id) => void openSession(id),
      remove: (id) => void removeSession(id),
    }),
  );
}

async function removeSession(id: string): Promise<void> {
  await api.deleteSession(id);
  if (state.current === id) startNew();
  await refreshSessions();
}

function startNew(): void {
  state.current = undefined;
  history.replaceState(null, "", location.pathname + location.search);
  log.replaceChildren(el("p", { class: "empty" }, t("page.emptyChat")));
}

async function openSession(id: string): Promise<void> {
  state.current = id;
  location.hash = id;
  const { messages, approvals } = await api.session(id);
  log.replaceChildren();
  if (messages.length === 0) log.append(el("p", { class: "empty" }, t("page.emptyChat")));
  for (const message of messages)
    log.append(message.role === "user" ? userBubble(message.content) : storedAnswer(message, t));
  if (approvals.length > 0) {
    const waiting = new AnswerView(t);
    for (const approval of approvals)
      waiting.approval(approval, (approved) => api.decide(approval.id, approved).then(() => {}));
    log.append(waiting.element);
  }
  await refreshSessions();
  input.focus();
}

async function send(message: string): Promise<void> {
  if (state.current === undefined) {
    const created = await api.createSession();
    state.current = created.id;
    location.hash = created.id;
  }
  log.querySelector(".empty")?.remove();
  log.append(userBubble(message));
  const view = new AnswerView(t);
  view.thinking();
  log.append(view.element);
  log.scrollTop = log.scrollHeight;
  try {
    await runTurn(state.current, message, (event) => {
      switch (event.type) {
        case "tool_call":
          view.step({ step: event.step, tool: event.tool, arguments: event.arguments });
          break;
        case "tool_result":
          view.step({
            step: event.step,
            tool: event.tool,
            result: event.result,
            isError: event.isError,
            repeated: event.repeated,
          });
          break;
        case "invalid_step":
          view.step({ step: event.step, problem: event.problem });
          break;
        case "approval_request":
          view.approval({ id: event.id, tool: event.tool, args: event.arguments }, (approved) =>
            api.decide(event.id, approved).then(() => {}),
          );
          break;
        case "answer":
          view.answer(event.text, event.stopReason, event.sources);
          break;
        case "error":
          view.failed(event.message);
          break;
        default:
          break;
      }
      log.scrollTop = log.scrollHeight;
    });
  } catch (error) {
    view.failed(error instanceof Error ? error.message : String(error));
  }
  await refreshSessions();
}

composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const message = input.value.trim();
  if (message === "" || state.busy) return;
  input.value = "";
  state.busy = true;
  sendButton.disabled = true;
  void send(message).finally(() => {
    state.busy = false;
    sendButton.disabled = false;
    input.focus();
  });
});
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    composer.requestSubmit();
  }
});

const newButton = el("button", { type: "button", class: "primary wide" }, t("page.newConversation"));
newButton.addEventListener("click", () => {
  startNew();
  void refreshSessions();
  input.focus();
});

const app = document.getElementById("app");
app?.replaceChildren(
  el("header", { class: "top" }, el("h1", {}, "agente"), languageSwitch()),
  el(
    "div",
    { class: "layout" },
    el("aside", { class: "sidebar" }, newButton, sessionsSlot, documentsPanel(t), statusSlot),
    el("main", { class: "chat" }, log, composer),
  ),
);

void (async () => {
  await refreshSessions();
  if (state.current !== undefined && state.sessions.some((session) => session.id === state.current))
    await openSession(state.current);
  else log.replaceChildren(el("p", { class: "empty" }, t("page.emptyChat")));
  statusSlot.replaceChildren(await statusPanel(t));
})();
