/**
 * `fetch` for the hub's requests to an MCP server over HTTP, on `node:http`/`node:https` with a keep-alive
 * agent. Node 20's `fetch` (undici) costs about 0.2 ms more per loopback round trip than `node:http` on the
 * same socket (bench/gateway-added-time.bench.ts measures both), and the gateway pays it on every call it
 * passes to an HTTP server.
 *
 * It serves the requests the SDK's Streamable HTTP transport makes to the server's endpoint: a string or
 * byte body, `redirect: "manual"` (the transport follows same-origin redirects itself), a streamed answer
 * (an SSE stream is read as it arrives), and the abort signal (before the answer: the request is
 * destroyed and the promise rejects with the signal's reason; during the body: the stream errors). Any
 * other request (OAuth discovery and token requests follow redirects, form bodies) goes to `fallback`.
 */
import { Agent, type Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

/** Statuses whose response has no body (the `Response` constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * How long an idle connection is kept, as undici's default; a server's `Keep-Alive: timeout=N` shortens it
 * to N − 1 s (Node applies the hint only when the agent has a timeout), so a request is not sent on a
 * connection the server is closing. An answer in progress is not cut by it.
 */
const IDLE_MS = 4_000;

export function keepAliveFetch(fallback: typeof fetch = fetch, idleMs = IDLE_MS): typeof fetch {
  // One pool per fetch (per server connection): its idle sockets are unref'd, so they never hold the process.
  const pool = { keepAlive: true, scheduling: "lifo", timeout: idleMs } as const;
  const httpAgent = new Agent(pool);
  const httpsAgent = new HttpsAgent(pool);
  return (input, init) => {
    const url =
      input instanceof URL
        ? input
        : typeof input === "string" && URL.canParse(input)
          ? new URL(input)
          : undefined;
    const body = init?.body;
    const plain =
      body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array;
    if (
      url === undefined ||
      (url.protocol !== "http:" && url.protocol !== "https:") ||
      init?.redirect !== "manual" ||
      !plain ||
      url.username !== "" ||
      url.password !== ""
    )
      return fallback(input, init);
    return send(url, init, body ?? undefined, url.protocol === "https:" ? httpsAgent : httpAgent);
  };
}

function send(url: URL, init: RequestInit, body: string | Uint8Array | undefined, agent: HttpAgent) {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  return new Promise<Response>((resolve, reject) => {
    const open = url.protocol === "https:" ? httpsRequest : httpRequest;
    const outgoing = open(url, { method: init.method ?? "GET", headers, agent });
    let incoming: IncomingMessage | undefined;
    const onAbort = () => {
      const reason: unknown = signal?.reason;
      const error = reason instanceof Error ? reason : new Error(String(reason));
      // Before the answer the promise rejects with the reason; during the body its stream errors with it.
      if (incoming === undefined) reject(reason);
      else incoming.destroy(error);
      outgoing.destroy(error);
    };
    const done = () => signal?.removeEventListener("abort", onAbort);
    signal?.addEventListener("abort", onAbort, { once: true });
    outgoing.once("error", (error) => {
      done();
      reject(error);
    });
    outgoing.once("response", (response) => {
      incoming = response;
      const answer = new Headers();
      const raw = response.rawHeaders;
      for (let index = 0; index + 1 < raw.length; index += 2)
        answer.append(raw[index] as string, raw[index + 1] as string);
      const status = response.statusCode ?? 502;
      const empty = NULL_BODY.has(status) || init.method === "HEAD";
      if (empty) {
        response.resume();
        response.once("end", done);
        // An abort between the headers and the end destroys the response with the reason: not a crash.
        response.once("error", done);
      }
      resolve(
        new Response(empty ? null : bodyStream(response, done), {
          status,
          statusText: response.statusMessage ?? "",
          headers: answer,
        }),
      );
    });
    outgoing.end(body);
  });
}

/** The response body as a web stream, decoded as `fetch` would, read as the server sends it. */
function bodyStream(response: IncomingMessage, done: () => void): ReadableStream<Uint8Array> {
  const source = decoded(response);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      source.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) source.pause();
      });
      source.once("end", () => {
        done();
        controller.close();
      });
      source.once("error", (error) => {
        done();
        controller.error(error);
      });
      // The socket closed before the body ended (the request was aborted, or the server went away).
      response.once("close", () => {
        if (!response.complete) {
          done();
          controller.error(response.errored ?? new Error("the server closed the connection mid-answer"));
        }
      });
    },
    pull() {
      source.resume();
    },
    cancel() {
      done();
      response.destroy();
    },
  });
}

function decoded(response: IncomingMessage): NodeJS.ReadableStream & IncomingMessage {
  const encoding = response.headers["content-encoding"]?.trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip()
      : encoding === "deflate"
        ? createInflate()
        : encoding === "br"
          ? createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return response;
  response.once("error", (error) => decoder.destroy(error));
  return response.pipe(decoder) as unknown as NodeJS.ReadableStream & IncomingMessage;
}
