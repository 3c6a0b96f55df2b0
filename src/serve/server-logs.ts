/**
 * The MCP servers' log messages (`notifications/message`, at the level `serve` asked for: `debug` with
 * `--verbose`, else `warning`) as the web status panel shows them: the last few lines of each server, with
 * the host's secrets hidden (the hub hides them too; `serve`'s own, such as its API key, are added here).
 */
import type { LoggingLevel, LoggingMessageNotificationParams } from "../mcp/client-handlers.js";
import { Redactor } from "../util/secret-redaction.js";

export interface ServerLogLine {
  level: LoggingLevel;
  /** The server's logger name, when it gave one. */
  logger?: string;
  text: string;
}

export class ServerLogs {
  private readonly lines = new Map<string, ServerLogLine[]>();
  private redactor = new Redactor([]);
  private readonly keep: number;

  /** `keep`: lines kept per server (default 20). */
  constructor(keep = 20) {
    this.keep = keep;
  }

  /** The level `serve` asks its servers for. */
  static level(verbose: boolean | undefined): LoggingLevel {
    return verbose ? "debug" : "warning";
  }

  /** Values hidden in every line (known once the runtime is assembled, after the hub starts). */
  hide(secrets: readonly string[]): void {
    this.redactor = new Redactor(secrets);
  }

  add(server: string, message: LoggingMessageNotificationParams): void {
    const data = message.data;
    const text = typeof data === "string" ? data : (JSON.stringify(data) ?? "");
    const line: ServerLogLine = {
      level: message.level,
      ...(message.logger === undefined ? {} : { logger: message.logger }),
      text: text.length > 500 ? `${text.slice(0, 499)}…` : text,
    };
    const kept = this.lines.get(server) ?? [];
    kept.push(line);
    if (kept.length > this.keep) kept.splice(0, kept.length - this.keep);
    this.lines.set(server, kept);
  }

  /** The last lines of `server`, oldest first, with secrets hidden as they are read. */
  recent(server: string): ServerLogLine[] {
    return (this.lines.get(server) ?? []).map((line) => ({ ...line, text: this.redactor.text(line.text) }));
  }
}
