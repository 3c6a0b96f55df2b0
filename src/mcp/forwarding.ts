/**
 * A request passed to one server as it is, for the MCP gateway (src/serve/mcp-gateway), which serves the
 * hub's servers to clients of its own: completions, resource templates, subscriptions, reads and calls
 * whose `input_required` result (2026-07-28) goes back to the gateway's client instead of being answered
 * here, with the call's progress and log messages relayed as they arrive.
 *
 * A server's log message belongs to the call it was sent during: the SDK reads a call's HTTP stream inside
 * the call's async context, so `AsyncLocalStorage` finds the call's `onLog` there.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type {
  LoggingMessageNotification,
  LoggingMessageNotificationParams,
  Progress,
  RequestOptions,
  ServerCapabilities,
} from "@modelcontextprotocol/client";
import { z } from "zod";

export interface ForwardOptions {
  /** Cancels the request (the server gets `notifications/cancelled`). */
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Each `notifications/progress` of the request (its timeout restarts on each). */
  onProgress?: (progress: Progress) => void;
  /** Each `notifications/message` the server sends while the request runs. */
  onLog?: (message: LoggingMessageNotificationParams) => void;
  /**
   * `_meta` keys sent with the request; on 2026-07-28 they override the hub's own envelope keys (the
   * gateway's client's capabilities and logging level go upstream this way).
   */
  meta?: Record<string, unknown>;
}

/** What a connection offers the gateway beyond the hub's own calls. */
export interface ForwardingConnection {
  /**
   * Sends `method` with `params` and resolves with the server's raw result, unchecked (the caller parses
   * it); an `input_required` result (2026-07-28) is returned, not fulfilled.
   */
  forward(method: string, params: Record<string, unknown>, options?: ForwardOptions): Promise<unknown>;
  /** What the server declared it offers, once it is up. */
  serverCapabilities(): ServerCapabilities | undefined;
}

const forwarded = new AsyncLocalStorage<ForwardOptions>();

/** Runs `work` (the request) where the server's notifications during it find `options`. */
export function withinForward<T>(options: ForwardOptions, work: () => Promise<T>): Promise<T> {
  return forwarded.run(options, work);
}

/** The forwarded request the current notification belongs to, if any. */
export function currentForward(): ForwardOptions | undefined {
  return forwarded.getStore();
}

/** The part of the SDK's `Client` a forward uses. */
interface RequestingClient {
  request(
    request: { method: string; params?: Record<string, unknown> },
    resultSchema: typeof anyResult,
    options?: RequestOptions,
  ): Promise<unknown>;
  setNotificationHandler(
    method: "notifications/message",
    handler: (notification: LoggingMessageNotification) => void,
  ): void;
}

/** Any result, for the caller to parse (the SDK checked only the JSON-RPC envelope). */
export const anyResult = z.unknown();

/** `ForwardingConnection.forward` on one SDK client; `serverTimeoutMs` unless the options give one. */
export function forwardRequest(
  client: RequestingClient,
  method: string,
  params: Record<string, unknown>,
  options: ForwardOptions,
  serverTimeoutMs: number,
): Promise<unknown> {
  const meta = options.meta === undefined ? {} : { _meta: { ...metaOf(params), ...options.meta } };
  const onProgress = options.onProgress;
  return withinForward(options, () =>
    client.request({ method, params: { ...params, ...meta } }, anyResult, {
      timeout: options.timeoutMs ?? serverTimeoutMs,
      allowInputRequired: true,
      // Asking for progress is what lets progress notifications reset the timeout.
      resetTimeoutOnProgress: true,
      onprogress: (progress) => onProgress?.(progress),
      ...(options.signal ? { signal: options.signal } : {}),
    }),
  );
}

/** Log messages sent during a forwarded request go to its `onLog`; the others to `elsewhere`. */
export function relayLogs(
  client: RequestingClient,
  elsewhere: (message: LoggingMessageNotificationParams) => void = () => {},
): void {
  client.setNotificationHandler("notifications/message", (notification) => {
    const onLog = currentForward()?.onLog;
    if (onLog === undefined) elsewhere(notification.params);
    else onLog(notification.params);
  });
}

function metaOf(params: Record<string, unknown>): Record<string, unknown> {
  const meta = params._meta;
  return typeof meta === "object" && meta !== null && !Array.isArray(meta) ? { ...meta } : {};
}
