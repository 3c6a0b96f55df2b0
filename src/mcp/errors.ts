/** Errors the hub raises. Each carries what a caller needs to explain it; none are retried silently. */
import { ModelError, SystemError } from "../util/errors.js";

/** A call to a tool no connected server offers. Nothing was run anywhere. */
export class UnknownToolError extends ModelError {
  readonly toolName: string;
  readonly closeMatches: string[];

  constructor(toolName: string, closeMatches: string[]) {
    super(
      `no connected server offers a tool named "${toolName}"${
        closeMatches.length > 0 ? `; did you mean ${closeMatches.map((name) => `"${name}"`).join(", ")}?` : ""
      }`,
      { hint: "run `agente servers` to list the tools every server offers" },
    );
    this.toolName = toolName;
    this.closeMatches = closeMatches;
  }
}

/** The server that offers the tool is down and could not be restarted in time. */
export class ServerUnavailableError extends SystemError {
  readonly server: string;

  constructor(server: string, reason: string, options: { cause?: unknown; hint?: string } = {}) {
    super(`server "${server}" is unavailable: ${reason}`, {
      cause: options.cause,
      hint: options.hint ?? "run `agente servers` to see why",
    });
    this.server = server;
  }
}

/** The server did not answer within its call timeout (progress notifications reset the timer). */
export class ToolCallTimeoutError extends SystemError {
  readonly server: string;
  readonly toolName: string;
  readonly timeoutMs: number;

  constructor(server: string, toolName: string, timeoutMs: number) {
    super(`tool "${toolName}" on server "${server}" did not answer within ${timeoutMs} ms`, {
      hint: `raise "timeoutMs" for server "${server}" in the config if the tool is just slow`,
    });
    this.server = server;
    this.toolName = toolName;
    this.timeoutMs = timeoutMs;
  }
}
