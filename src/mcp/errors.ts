/** Errors the hub raises. Each carries what a caller needs to explain it; none are retried silently. */
import { type LocalisedText, localised } from "../i18n/localised.js";
import { ModelError, SystemError } from "../util/errors.js";

/** A call to a tool no connected server offers. Nothing was run anywhere. */
export class UnknownToolError extends ModelError {
  readonly toolName: string;
  readonly closeMatches: string[];

  constructor(toolName: string, closeMatches: string[]) {
    super(
      closeMatches.length > 0
        ? localised("errorsHub.unknownToolSuggest", {
            tool: toolName,
            matches: closeMatches.map((name) => `"${name}"`).join(", "),
          })
        : localised("errorsHub.unknownTool", { tool: toolName }),
      { hint: localised("errorsHub.unknownToolHint") },
    );
    this.toolName = toolName;
    this.closeMatches = closeMatches;
  }
}

/** The server that offers the tool is down and could not be restarted in time. */
export class ServerUnavailableError extends SystemError {
  readonly server: string;

  constructor(
    server: string,
    reason: string | LocalisedText,
    options: { cause?: unknown; hint?: string | LocalisedText } = {},
  ) {
    super(localised("errorsHub.unavailable", { server, reason }), {
      cause: options.cause,
      hint: options.hint ?? localised("errorsHub.unavailableHint"),
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
    super(localised("errorsHub.timeout", { tool: toolName, server, ms: timeoutMs }), {
      hint: localised("errorsHub.timeoutHint", { server }),
    });
    this.server = server;
    this.toolName = toolName;
    this.timeoutMs = timeoutMs;
  }
}
