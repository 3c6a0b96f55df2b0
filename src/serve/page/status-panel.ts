/**
 * The server status in the sidebar: the model's state (ready, not answering, none available) with how to
 * fix it, each MCP server, and a store that cannot save. Read again every few seconds, so a stopped
 * Ollama shows without a reload.
 */
import { api, type StatusInfo } from "./api.js";
import { el } from "./dom.js";
import type { PageText } from "./strings.js";

const STATES = ["starting", "up", "restarting", "down", "disabled"] as const;
const MODEL_STATES = ["ready", "unreachable", "missing"] as const;
const REFRESH_MS = 10_000;

export class StatusPanel {
  readonly element = el("section", { class: "panel status", "aria-labelledby": "status-title" });
  private readonly t: PageText;

  constructor(t: PageText) {
    this.t = t;
  }

  async start(): Promise<void> {
    await this.refresh();
    setInterval(() => void this.refresh().catch(() => {}), REFRESH_MS);
  }

  async refresh(): Promise<StatusInfo> {
    const status = await api.status();
    const t = this.t;
    const state = MODEL_STATES.find((name) => name === status.model.state) ?? "ready";
    const fix =
      state === "ready"
        ? undefined
        : state === "missing"
          ? t("page.modelFix_none")
          : t(status.model.provider === "ollama" ? "page.modelFix_ollama" : "page.modelFix_openai");
    const parts: Array<Node | undefined> = [
      el("h2", { id: "status-title" }, t("page.status")),
      el(
        "p",
        { class: `model ${state}` },
        el("span", { class: "dot", "aria-hidden": "true" }),
        `${t("page.model")}: `,
        el("strong", {}, status.model.name),
        ` (${status.model.provider}): ${t(`page.modelState_${state}`)}`,
      ),
      fix === undefined ? undefined : el("p", { class: "fix" }, fix),
      status.storeWritable === false ? el("p", { class: "fix" }, t("page.storeReadOnly")) : undefined,
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
              server.state === "down" ? "" : t("page.tools", { n: server.tools }),
            ),
          ),
        ),
      ),
    ];
    this.element.replaceChildren(...parts.filter((part) => part !== undefined));
    return status;
  }
}

function stateText(state: string, t: PageText): string {
  const known = STATES.find((name) => name === state);
  return known === undefined ? state : t(`page.state_${known}`);
}
