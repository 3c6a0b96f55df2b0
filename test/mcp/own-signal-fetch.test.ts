/**
 * Regression: the hub's HTTP transports passed one connection-wide AbortSignal to every fetch, and Node's
 * fetch keeps an `abort` listener on it per request until that request is garbage-collected
 * (MaxListenersExceededWarning in `agente serve` after ~1,500 calls through /mcp). With `ownSignalFetch`
 * the connection's signal gathers no listener, and aborting it still stops a streamed answer.
 */
import { getEventListeners } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownSignalFetch } from "../../src/mcp/own-signal-fetch.js";

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/stream") {
      // A body that never ends, as a server's event stream.
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: first\n\n");
      return;
    }
    response.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("ownSignalFetch", () => {
  it("leaves no abort listener on the connection's signal, request after request", async () => {
    const connection = new AbortController();
    const fetchOwn = ownSignalFetch();
    for (let index = 0; index < 50; index++) {
      const response = await fetchOwn(`${url}/`, { signal: connection.signal });
      expect(await response.text()).toBe("ok");
    }
    expect(getEventListeners(connection.signal, "abort")).toHaveLength(0);
  });

  it("still aborts a streamed body when the connection's signal aborts", async () => {
    const connection = new AbortController();
    const response = await ownSignalFetch()(`${url}/stream`, { signal: connection.signal });
    const reader = response.body?.getReader();
    expect(new TextDecoder().decode((await reader?.read())?.value)).toBe("data: first\n\n");
    const next = reader?.read();
    connection.abort(new Error("transport closed"));
    await expect(next).rejects.toThrow(/transport closed|aborted/);
  });
});
