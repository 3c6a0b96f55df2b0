/** Serves a web-standard `fetch(Request) => Response` handler from `node:http`, streaming both bodies. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

export type FetchHandler = (request: Request) => Promise<Response>;

function toWebRequest(incoming: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  return new Request(`http://${incoming.headers.host ?? "127.0.0.1"}${incoming.url ?? "/"}`, {
    method: incoming.method ?? "GET",
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

export function nodeListener(handler: FetchHandler) {
  return (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    const aborted = new AbortController();
    outgoing.on("close", () => aborted.abort());
    void (async () => {
      const response = await handler(toWebRequest(incoming, aborted.signal));
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.flushHeaders();
      if (response.body === null) {
        outgoing.end();
        return;
      }
      for await (const chunk of response.body) {
        if (aborted.signal.aborted) break;
        outgoing.write(chunk);
      }
      outgoing.end();
    })().catch((error: unknown) => {
      if (aborted.signal.aborted) return;
      console.error(`conformance server: ${error instanceof Error ? error.message : String(error)}`);
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end();
    });
  };
}
