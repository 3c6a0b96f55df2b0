/** The sidebar: conversations, documents dropped into memory (with progress), and the server status. */
import { api, type SessionInfo, uploadDocument } from "./api.js";
import { el } from "./dom.js";
import type { PageText } from "./strings.js";

export function sessionList(
  sessions: readonly SessionInfo[],
  current: string | undefined,
  t: PageText,
  actions: { open: (id: string) => void; remove: (id: string) => void },
): HTMLElement {
  return el(
    "ul",
    { class: "sessions" },
    ...sessions.map((session) => {
      const title = session.title || t("page.untitled");
      const button = el(
        "button",
        { type: "button", class: "session", "aria-current": session.id === current ? "true" : undefined },
        title,
      );
      button.addEventListener("click", () => actions.open(session.id));
      const remove = el(
        "button",
        {
          type: "button",
          class: "remove",
          "aria-label": `${t("page.deleteConversation")}: ${title}`,
          title: t("page.deleteConversation"),
        },
        "×",
      );
      remove.addEventListener("click", () => actions.remove(session.id));
      return el("li", {}, button, remove);
    }),
  );
}

export function documentsPanel(t: PageText): HTMLElement {
  const input = el("input", { type: "file", id: "files", multiple: true, class: "visually-hidden" });
  const list = el("ul", { class: "uploads", "aria-live": "polite" });
  const zone = el(
    "div",
    { class: "dropzone" },
    el("p", {}, t("page.dropHere")),
    el("label", { for: "files", class: "button" }, t("page.chooseFiles")),
    input,
  );
  const send = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const progress = el("progress", { max: "1", value: "0", "aria-label": file.name });
      const line = el("span", {}, file.name);
      list.append(el("li", {}, line, progress));
      uploadDocument(file, (fraction) => {
        progress.value = fraction;
      })
        .then((result) => {
          progress.value = 1;
          line.textContent = t("page.uploaded", {
            file: result.file,
            status: result.status,
            chunks: result.chunks,
          });
        })
        .catch((error: Error) => {
          progress.remove();
          line.textContent = t("page.uploadFailed", { file: file.name, error: error.message });
          line.className = "failed";
        });
    }
  };
  input.addEventListener("change", () => send(input.files));
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    send(event.dataTransfer?.files ?? null);
  });
  return el(
    "section",
    { class: "panel", "aria-labelledby": "documents-title" },
    el("h2", { id: "documents-title" }, t("page.documents")),
    zone,
    list,
  );
}

export async function statusPanel(t: PageText): Promise<HTMLElement> {
  const status = await api.status();
  return el(
    "section",
    { class: "panel status", "aria-labelledby": "status-title" },
    el("h2", { id: "status-title" }, t("page.status")),
    el("p", {}, `${t("page.model")}: `, el("strong", {}, status.model.name), ` (${status.model.provider})`),
    el("h3", {}, t("page.servers")),
    el(
      "ul",
      { class: "servers" },
      ...status.servers.map((server) =>
        el(
          "li",
          { class: `server ${server.state}` },
          el("span", { class: "dot", "aria-hidden": "true" }),
          el("span", {}, `${server.name}: ${stateText(server.state, t)}`),
          el(
            "span",
            { class: "muted" },
            server.state === "down" ? (server.reason ?? "") : t("page.tools", { n: server.tools }),
          ),
        ),
      ),
    ),
  );
}

const STATES = ["starting", "up", "restarting", "down", "disabled"] as const;

function stateText(state: string, t: PageText): string {
  const known = STATES.find((name) => name === state);
  return known === undefined ? state : t(`page.state_${known}`);
}
