/**
 * Node's request and response as the web-standard `Request` and `Response` the SDK v2 HTTP entries take
 * and return (`createMcpHandler`, `WebStandardStreamableHTTPServerTransport`). The app has already read
 * the JSON body and hands it to the SDK as `parsedBody`, which the SDK then uses instead of reading the
 * request's, so the request carries no body (re-serialising it cost every call a `JSON.stringify` and a
 * body stream nobody read); the response body (JSON or an SSE stream) is written through as it arrives,
 * so a stream's events reach the client one by one.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export function webRequest(request: IncomingMessage, parsedBody: unknown, response: ServerResponse): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const host = headers.get("host") ?? "localhost";
  // The body went to the SDK parsed: the request's own length no longer describes it.
  if (parsedBody !== undefined) headers.delete("content-length");
  const controller = new AbortController();
  // The client going away cancels what the request started (a stream, a tool call). The response's close
  // says that; the request's own `close` fires as soon as its body has been read, long before an answer.
  response.once("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  return new Request(new URL(request.url ?? "/", `http://${host}`), {
    method: request.method ?? "GET",
    headers,
    signal: controller.signal,
  });
}

export async function writeWebResponse(answer: Response, response: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  answer.headers.forEach((value, name) => {
    const previous = headers[name];
    headers[name] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  });
  response.writeHead(answer.status, headers);
  if (answer.body === null) {
    response.end();
    return;
  }
  const reader = answer.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  response.once("close", stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Held until the end of this tick: a stream that closes right after its last event (a call's answer)
      // leaves in one write with the response's end, not two; a stream that goes on is not delayed.
      response.cork();
      response.write(value);
      process.nextTick(() => response.uncork());
    }
  } catch {
    // The stream ended because the client left: nothing more to write.
  } finally {
    response.off("close", stop);
    response.end();
  }
}
