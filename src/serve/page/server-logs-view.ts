/**
 * A server's last log lines in the status panel (the hub's `notifications/message`, at the level `serve`
 * asked for), folded under the server; the server already hid the host's secrets in them.
 */
import { el } from "./dom.js";
import type { LogLine } from "./question-schemas.js";
import type { PageText } from "./strings.js";

const LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"] as const;

export function serverLogsView(
  server: string,
  lines: readonly LogLine[] | undefined,
  t: PageText,
): HTMLElement | undefined {
  if (lines === undefined || lines.length === 0) return undefined;
  return el(
    "details",
    { class: "server-logs" },
    el("summary", {}, t("page.serverLogs", { server })),
    el(
      "ol",
      {},
      ...lines.map((line) => {
        const level = LEVELS.find((name) => name === line.level);
        return el(
          "li",
          { class: `log-line ${level ?? ""}` },
          el("span", { class: "level" }, level === undefined ? line.level : t(`page.logLevel_${level}`)),
          line.logger === undefined ? undefined : el("span", { class: "muted" }, ` ${line.logger}`),
          `: ${line.text}`,
        );
      }),
    ),
  );
}
