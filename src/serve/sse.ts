/**
 * A server-sent event stream on a raw response: `data: <json>` lines, every one through the secret guard,
 * and the end of the stream when the client goes away.
 */
import type { ServerResponse } from "node:http";
import type { Redactor } from "../util/secret-redaction.js";

const KEEP_ALIVE_MS = 15_000;

export interface SseStream {
  send(value: unknown): void;
  /** Writes `data: [DONE]` and ends the response. */
  done(): void;
  readonly closed: boolean;
}

export function openSse(
  response: ServerResponse,
  redactor: Redactor,
  headers: Record<string, string> = {},
): SseStream {
  response.writeHead(200, {
    ...headers,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  let closed = false;
  // A comment line now and then keeps proxies from closing a stream that waits (a slow model, an approval).
  const keepAlive = setInterval(() => {
    if (!closed) response.write(": keep-alive\n\n");
  }, KEEP_ALIVE_MS);
  keepAlive.unref();
  response.on("close", () => {
    closed = true;
    clearInterval(keepAlive);
  });
  return {
    send(value) {
      if (closed) return;
      response.write(`data: ${redactor.text(JSON.stringify(value))}\n\n`);
    },
    done() {
      clearInterval(keepAlive);
      if (closed) return;
      response.end("data: [DONE]\n\n");
      closed = true;
    },
    get closed() {
      return closed;
    },
  };
}
