/**
 * The conformance server on loopback: `tsx test/conformance/server/main.ts [--port N]`. It prints one line,
 * `{"url":"http://127.0.0.1:N/mcp"}`, on stdout once it listens, then logs only to stderr.
 *
 * 2025-era traffic gets a sessionful Streamable HTTP transport per `initialize` (so push-style sampling,
 * elicitation, logging and subscriptions work); 2026-07-28 traffic goes to the SDK's stateless
 * `createMcpHandler`. Host and Origin must be loopback names (DNS-rebinding protection).
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createMcpHandler,
  createRequestStateCodec,
  hostHeaderValidationResponse,
  isLegacyRequest,
  localhostAllowedHostnames,
  originValidationResponse,
  WebStandardStreamableHTTPServerTransport,
} from "@modelcontextprotocol/server";
import { createConformanceServer } from "./conformance-server.js";
import { newStateKey } from "./input-required-tools.js";
import { nodeListener } from "./node-fetch-bridge.js";

const portFlag = process.argv.indexOf("--port");
const port = portFlag === -1 ? 0 : Number(process.argv[portFlag + 1]);
const stateCodec = createRequestStateCodec<{ tool: string; round: number }>({ key: newStateKey() });
const loopback = localhostAllowedHostnames();
const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();
const modern = createMcpHandler(({ era }) => createConformanceServer({ era, stateCodec }), {
  legacy: "reject",
  onerror: (error) => console.error(`conformance server (2026-07-28): ${error.message}`),
});

async function legacy(request: Request): Promise<Response> {
  const sessionId = request.headers.get("mcp-session-id");
  if (sessionId !== null) {
    const transport = sessions.get(sessionId);
    if (transport === undefined) return Response.json({ error: "unknown session" }, { status: 404 });
    return transport.handleRequest(request);
  }
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      sessions.set(id, transport);
    },
    onsessionclosed: (id) => {
      sessions.delete(id);
    },
  });
  await createConformanceServer({ era: "legacy", stateCodec }).connect(transport);
  return transport.handleRequest(request);
}

const server = createServer(
  nodeListener(async (request) => {
    const refused =
      hostHeaderValidationResponse(request, loopback) ?? originValidationResponse(request, loopback);
    if (refused !== undefined) return refused;
    if (new URL(request.url).pathname !== "/mcp") return new Response("not found", { status: 404 });
    return (await isLegacyRequest(request)) ? legacy(request) : modern.fetch(request);
  }),
);
server.listen(port, "127.0.0.1", () => {
  const address = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}/mcp` })}\n`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.closeAllConnections();
    server.close();
    void modern.close();
  });
}
