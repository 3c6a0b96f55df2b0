/**
 * Why a server could not be started, in the user's words. Beyond "command not found": spawn reports a
 * missing working folder (`cwd`) as ENOENT too, naming the command, which sent users looking for a Node
 * that was there.
 */

import { statSync } from "node:fs";
import { SdkError, SdkErrorCode } from "@modelcontextprotocol/client";
import type { ServerConfig } from "../config/server-config.js";
import { type LocalisedParam, type LocalisedText, localised } from "../i18n/localised.js";
import { errorMessage } from "../util/errors.js";
import { displayUrl } from "../util/url-credentials.js";
import { LoginRequiredError } from "./oauth/oauth-errors.js";

/** `details`: how the child ended and its last stderr lines (` (exit code 1; Error: …)`), or nothing. */
export function describeStartFailure(
  error: unknown,
  config: ServerConfig,
  details: () => LocalisedParam,
): LocalisedText {
  // OAuth (src/mcp/oauth): a server that wants a login says which command gives it one.
  if (error instanceof LoginRequiredError)
    return localised("oauth.reason.needsLogin", { server: error.server });
  const message = errorMessage(error);
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  if (code === "ENOENT" || /ENOENT/.test(message)) {
    const folder = missingWorkingFolder(config);
    if (folder !== undefined) return localised("errorsHub.reason.noFolder", { folder });
    const command = config.transport === "stdio" ? config.command : "";
    return localised("errorsHub.reason.noCommand", { command });
  }
  if (config.transport !== "stdio") {
    // The discovery probe wraps the network failure: its cause says what happened.
    const cause = error instanceof Error && error.cause !== undefined ? errorMessage(error.cause) : "";
    const network = [message, cause].find((text) => /fetch failed|ECONNREFUSED/.test(text));
    if (network !== undefined)
      return localised("errorsHub.reason.unreachable", { url: displayUrl(config.url), detail: network });
  } else if (isProbeFailure(error))
    return localised("errorsHub.reason.exitedAtStart", { details: details() });
  return localised("errorsHub.reason.failed", { detail: message, details: details() });
}

/**
 * The connection closed during start-up (the discovery probe reports that as a failed negotiation), or,
 * with `probing`, the probe went unanswered: a server that ignores a method it does not know.
 */
export function isProbeFailure(error: unknown, probing = false): boolean {
  if (!(error instanceof SdkError)) return false;
  if (probing && error.code === SdkErrorCode.RequestTimeout) return true;
  return error.code === SdkErrorCode.EraNegotiationFailed || error.code === SdkErrorCode.ConnectionClosed;
}

/** The configured `cwd` when it is not an existing folder; undefined otherwise. */
export function missingWorkingFolder(config: ServerConfig): string | undefined {
  if (config.transport !== "stdio" || config.cwd === undefined) return undefined;
  try {
    return statSync(config.cwd).isDirectory() ? undefined : config.cwd;
  } catch {
    return config.cwd;
  }
}

/** ` (exit code 1; Error: …)`: how a child ended and its last stderr lines, or nothing. */
export function exitDetails(exit: LocalisedText | undefined, stderr: string): LocalisedParam {
  if (exit !== undefined && stderr !== "") return localised("errorsHub.detailsBoth", { exit, stderr });
  if (exit !== undefined) return localised("errorsHub.details", { details: exit });
  if (stderr !== "") return localised("errorsHub.details", { details: stderr });
  return "";
}
