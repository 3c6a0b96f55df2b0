/**
 * The server status in the sidebar: the model's state (starting, downloading N %, ready, not answering,
 * none available) with how to fix it, each MCP server, and a store that cannot save. Read again every few
 * seconds, so a stopped Ollama shows without a reload; every second while the model is on its way.
 */
import { downloadPercent } from "../download-percent.js";
import { api, type StatusInfo } from "./api.js";
import { el } from "./dom.js";
import { serverLoginView } from "./server-login-view.js";
import { serverLogsView } from "./server-logs-view.js";
import type { PageText } from "./strings.js";

const STATES = ["starting", "up", "restarting", "down", "disabled"] as const;
const MODEL_STATES = ["starting", "downloading", "ready", "unreachable", "missing"] as const;
const REFRESH_MS = 10_000;
/** While the model starts or downloads, so the percentage moves. */
const ARRIVING_REFRESH_MS = 1_000;

export class StatusPanel {
  readonly element = el("section", { class: "panel status", "aria-labelledby": "status-title" });
  private readonly t: PageText;

  constructor(t: PageText) {
    this.t = t;
  }

  async start(): Promise<void> {
    let status: StatusInfo | undefined;
    try {
      status = await this.refresh();
    } finally {
      this.schedule(status);
    }
  }

  /** The next read: soon while the model is on its way, else every `REFRESH_MS`. */
  private schedule(last: StatusInfo | undefined): void {
    const arriving = last?.model.state === "starting" || last?.model.state === "downloading";
    setTimeout(
      () =>
        void this.refresh().then(
          (status) => this.schedule(status),
          () => this.schedule(undefined),
        ),
      arriving ? ARRIVING_REFRESH_MS : REFRESH_MS,
    );
  }

  async refresh(): Promise<StatusInfo> {
    const status = await api.status();
    const t = this.t;
    const state = MODEL_STATES.find((name) => name === status.model.state) ?? "ready";
    const fix =
      state === "ready" || state === "starting"
        ? undefined
        : state === "downloading"
          ? t("page.modelFix_downloading")
          : state === "missing"
            ? t("page.modelFix_none")
            : t(status.model.provider === "ollama" ? "page.modelFix_ollama" : "page.modelFix_openai");
    const download = status.model.download;
    const parts: Array<Node | undefined> = [
      el("h2", { id: "status-title" }, t("page.status")),
      el(
        "p",
        { class: `model ${state}` },
        el("span", { class: "dot", "aria-hidden": "true" }),
        `${t("page.model")}: `,
        el("strong", {}, status.model.name),
        ` (${status.model.provider}): ${t(`page.modelState_${state}`, {
          percent: download === undefined ? "?" : downloadPercent(download),
        })}`,
      ),
      download?.total === undefined
        ? undefined
        : el("progress", {
            class: "download",
            max: String(download.total),
            value: String(download.received),
            "aria-label": t("page.model"),
          }),
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
            el(
              "span",
              {},
              `${server.name}: ${server.needsLogin ? t("page.login.needed") : stateText(server.state, t)}`,
            ),
            el(
              "span",
              { class: "muted" },
              server.state === "down" ? "" : t("page.tools", { n: server.tools }),
            ),
            server.needsLogin ? serverLoginView(server.name, status.signInHere === true, t) : undefined,
            serverLogsView(server.name, server.logs, t),
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
