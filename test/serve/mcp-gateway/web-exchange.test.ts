/**
 * Node's request and response as the web-standard ones the SDK takes: the parsed body goes to the SDK as
 * `parsedBody`, so the request carries none, and an answer's stream reaches the client event by event
 * (a call's events are held only until the end of the tick, to leave with the response's end).
 */
import { createServer, get, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { webRequest, writeWebResponse } from "../../../src/serve/mcp-gateway/web-exchange.js";

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const nextChunk = (response: IncomingMessage) =>
  new Promise<string>((resolve) => response.once("data", (chunk: Buffer) => resolve(chunk.toString())));

describe("webRequest", () => {
  it("carries the method, URL and headers, and no body: the SDK takes the parsed one", async () => {
    const seen = new Promise<Request>((resolve) => {
      void listen((incoming, outgoing) => {
        incoming.resume();
        incoming.once("end", () => {
          resolve(webRequest(incoming, { jsonrpc: "2.0", id: 1, method: "ping" }, outgoing));
          outgoing.end();
        });
      }).then((url) => {
        const outgoing = httpRequest(`${url}/mcp?x=1`, {
          method: "POST",
          headers: { "content-type": "application/json", "mcp-session-id": "s-1" },
        });
        outgoing.on("response", (response) => response.resume());
        outgoing.end('{"jsonrpc":"2.0","id":1,"method":"ping"}');
      });
    });
    const request = await seen;
    expect(request.method).toBe("POST");
    expect(new URL(request.url).pathname + new URL(request.url).search).toBe("/mcp?x=1");
    expect(request.headers.get("mcp-session-id")).toBe("s-1");
    expect(request.headers.get("content-length")).toBeNull();
    expect(request.body).toBeNull();
  });
});

describe("writeWebResponse", () => {
  it("writes each event of a stream as it comes, not at the stream's end", async () => {
    let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
    const stream = new ReadableStream<Uint8Array>({
      start(given) {
        controller = given;
      },
    });
    const url = await listen((_incoming, outgoing) => {
      void writeWebResponse(
        new Response(stream, { headers: { "content-type": "text/event-stream" } }),
        outgoing,
      );
    });
    const encode = (text: string) => new TextEncoder().encode(text);
    // The stream stays open: a response held until its end would never deliver this event.
    controller?.enqueue(encode("data: progress\n\n"));
    const response = await new Promise<IncomingMessage>((resolve) => get(url, resolve));
    expect(response.headers["content-type"]).toBe("text/event-stream");
    expect(await nextChunk(response)).toBe("data: progress\n\n");
    const rest: string[] = [];
    response.on("data", (chunk: Buffer) => rest.push(chunk.toString()));
    const ended = new Promise((resolve) => response.once("end", resolve));
    controller?.enqueue(encode("data: result\n\n"));
    controller?.close();
    await ended;
    expect(rest.join("")).toBe("data: result\n\n");
  });
});
