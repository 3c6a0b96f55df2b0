/**
 * The hub's fetch for an MCP server's endpoint (node:http with keep-alive, in place of Node's fetch): what
 * the SDK's Streamable HTTP transport relies on must still hold: headers (the session id, an OAuth token)
 * and the body reach the server, one connection serves request after request, an SSE answer is read as it
 * arrives, an abort stops the request before or during the answer, and whatever it does not serve goes to
 * Node's fetch.
 */
import { getEventListeners } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { keepAliveFetch } from "../../src/mcp/keep-alive-fetch.js";

let server: Server;
let url: string;
/** Requests the server saw: method, path, headers, body, and the client's port (one per connection). */
const seen: Array<{
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  port: number;
}> = [];
/** The server's open connections. */
const openConnections = new Set<Socket>();
/** The second event of `/stream`, sent when the test says so. */
let sendSecond: () => void = () => {};
/** Resolves when the server saw the client close a held request. */
let heldClosed: Promise<void> = Promise.resolve();

function answer(request: IncomingMessage, response: ServerResponse, body: string): void {
  seen.push({
    method: request.method ?? "",
    path: request.url ?? "",
    headers: request.headers,
    body,
    port: request.socket.remotePort ?? 0,
  });
  switch (request.url) {
    case "/mcp":
      response.writeHead(200, { "content-type": "application/json", "mcp-session-id": "s-1" });
      response.end(JSON.stringify({ jsonrpc: "2.0", id: 1, result: { echoed: JSON.parse(body) } }));
      return;
    case "/stream":
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: first\n\n");
      sendSecond = () => response.end("data: second\n\n");
      return;
    case "/slow":
      setTimeout(() => {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.write("data: late\n\n");
        setTimeout(() => response.end("data: later\n\n"), 300);
      }, 300);
      return;
    case "/hold":
      heldClosed = new Promise((resolve) => response.once("close", () => resolve()));
      return;
    case "/empty":
      response.writeHead(204);
      response.end();
      return;
    case "/moved":
      response.writeHead(307, { location: "/mcp" });
      response.end();
      return;
    case "/gzip":
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      response.end(gzipSync('{"packed":true}'));
      return;
    default:
      response.writeHead(404);
      response.end();
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => answer(request, response, Buffer.concat(chunks).toString()));
  });
  server.on("connection", (socket: Socket) => {
    openConnections.add(socket);
    socket.once("close", () => openConnections.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  redirect: "manual",
  headers: new Headers({ "content-type": "application/json", ...headers }),
  body: JSON.stringify(body),
});

describe("keepAliveFetch", () => {
  it("sends the method, headers and body, and gives back status, headers and body", async () => {
    seen.length = 0;
    const message = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo" } };
    const response = await keepAliveFetch()(
      new URL(`${url}/mcp`),
      post(message, { authorization: "Bearer token-1", "mcp-session-id": "s-1" }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("mcp-session-id")).toBe("s-1");
    expect(await response.json()).toEqual({ jsonrpc: "2.0", id: 1, result: { echoed: message } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "POST", path: "/mcp", body: JSON.stringify(message) });
    expect(seen[0]?.headers).toMatchObject({
      authorization: "Bearer token-1",
      "mcp-session-id": "s-1",
      "content-type": "application/json",
      "content-length": String(JSON.stringify(message).length),
    });
  });

  it("keeps one connection for request after request", async () => {
    seen.length = 0;
    const fetchKept = keepAliveFetch();
    for (let index = 0; index < 5; index++) {
      const response = await fetchKept(`${url}/mcp`, post({ index }));
      await response.text();
    }
    expect(new Set(seen.map((request) => request.port)).size).toBe(1);
  });

  it("closes an idle connection after its idle time, and never cuts a slow answer with it", async () => {
    seen.length = 0;
    const fetchKept = keepAliveFetch(fetch, 100);
    // Silent for 300 ms before the headers and between the events: three idle times.
    expect(await (await fetchKept(`${url}/slow`, { redirect: "manual" })).text()).toBe(
      "data: late\n\ndata: later\n\n",
    );
    await (await fetchKept(`${url}/mcp`, post({}))).text();
    // The client closes the idle connection itself (the server would keep it for 5 s).
    const idle = seen.at(-1)?.port;
    await vi.waitFor(() =>
      expect([...openConnections].map((socket) => socket.remotePort)).not.toContain(idle),
    );
    await (await fetchKept(`${url}/mcp`, post({}))).text();
    const [, before, after] = seen.map((request) => request.port);
    expect(before).not.toBe(after);
  });

  it("reads an event stream as it arrives", async () => {
    const response = await keepAliveFetch()(`${url}/stream`, { redirect: "manual" });
    const reader = response.body?.getReader();
    // The server sends the second event only after the first was read: a buffered body would hang here.
    expect(new TextDecoder().decode((await reader?.read())?.value)).toBe("data: first\n\n");
    sendSecond();
    expect(new TextDecoder().decode((await reader?.read())?.value)).toBe("data: second\n\n");
    expect((await reader?.read())?.done).toBe(true);
  });

  it("rejects with the signal's reason when aborted before the answer, and closes the request", async () => {
    const controller = new AbortController();
    const pending = keepAliveFetch()(`${url}/hold`, { redirect: "manual", signal: controller.signal });
    await vi.waitFor(() => expect(seen.at(-1)?.path).toBe("/hold"));
    const reason = new Error("call cancelled");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await heldClosed;
  });

  it("refuses at once a signal already aborted", async () => {
    const reason = new Error("too late");
    await expect(
      keepAliveFetch()(`${url}/mcp`, { ...post({}), signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
  });

  it("errors the body with the signal's reason when aborted during the answer", async () => {
    const controller = new AbortController();
    const response = await keepAliveFetch()(`${url}/stream`, {
      redirect: "manual",
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    expect(new TextDecoder().decode((await reader?.read())?.value)).toBe("data: first\n\n");
    const next = reader?.read();
    controller.abort(new Error("transport closed"));
    await expect(next).rejects.toThrow("transport closed");
  });

  it("leaves no abort listener on a long-lived signal once each answer is read", async () => {
    const connection = new AbortController();
    const fetchKept = keepAliveFetch();
    for (let index = 0; index < 20; index++) {
      const response = await fetchKept(`${url}/mcp`, { ...post({ index }), signal: connection.signal });
      await response.text();
    }
    const empty = await fetchKept(`${url}/empty`, { redirect: "manual", signal: connection.signal });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    await vi.waitFor(() => expect(getEventListeners(connection.signal, "abort")).toHaveLength(0));
  });

  it("gives back a redirect as it is (the transport decides whether to follow it)", async () => {
    const response = await keepAliveFetch()(`${url}/moved`, post({}));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/mcp");
  });

  it("decodes a compressed answer, as fetch does", async () => {
    const response = await keepAliveFetch()(`${url}/gzip`, { redirect: "manual" });
    expect(await response.json()).toEqual({ packed: true });
  });

  it("passes every other request to the fallback fetch, unchanged", async () => {
    const calls: Array<[unknown, RequestInit | undefined]> = [];
    const fallback: typeof fetch = async (input, init) => {
      calls.push([input, init]);
      return new Response("from fallback");
    };
    const fetchKept = keepAliveFetch(fallback);
    const following: RequestInit = { method: "GET" };
    const form: RequestInit = { method: "POST", redirect: "manual", body: new URLSearchParams({ a: "1" }) };
    expect(await (await fetchKept(`${url}/mcp`, following)).text()).toBe("from fallback");
    expect(await (await fetchKept(`${url}/mcp`, form)).text()).toBe("from fallback");
    expect(await (await fetchKept("data:text/plain,x", { redirect: "manual" })).text()).toBe("from fallback");
    expect(calls).toEqual([
      [`${url}/mcp`, following],
      [`${url}/mcp`, form],
      ["data:text/plain,x", { redirect: "manual" }],
    ]);
  });
});
