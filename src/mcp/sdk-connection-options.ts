/** What an `SdkConnection` may be given beyond its server entry. */
import type { RequestOptions } from "@modelcontextprotocol/client";
import type { ClientHooks } from "./client-handlers.js";
import type { ConnectionCallOptions } from "./connection.js";
import type { OAuthHost } from "./oauth/oauth-session.js";

export interface SdkConnectionOptions {
  clientInfo?: { name: string; version: string };
  /** Every line a stdio server writes to stderr (for `--verbose` / logs). */
  onStderrLine?: (server: string, line: string) => void;
  /** First restart delay; doubles on each failure up to `maxRestartDelayMs`. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** OAuth for remote servers (src/mcp/oauth): token store and sign-in UI; default from the environment. */
  oauth?: OAuthHost;
  /** The hub's hooks (client-handlers.ts): questions, roots, events, logging level; shared, read live. */
  hooks?: ClientHooks;
}

/** The SDK's options for one tool call: its timeout, restarted by each progress notification, and its signal. */
export function callRequestOptions(options: ConnectionCallOptions, timeoutMs: number): RequestOptions {
  const onProgress = options.onProgress;
  return {
    timeout: timeoutMs,
    resetTimeoutOnProgress: true,
    // Asking for progress is what lets progress notifications reset the timeout.
    onprogress: (progress) => onProgress?.(progress),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}
