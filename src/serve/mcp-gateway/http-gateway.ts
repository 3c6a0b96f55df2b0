/**
 * The gateway over Streamable HTTP, behind `agente serve`'s `/mcp`: stateful sessions named by the
 * `Mcp-Session-Id` header, one SDK server and transport per session, all sharing one hub. An `initialize`
 * without a session id opens a session; DELETE (or idleness, or `close`) ends it.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { ErrorCode, isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { errorMessage } from "../../util/errors.js";
import { Redactor } from "../../util/secret-redaction.js";
import type { McpGatewayPort } from "../mcp-gateway-port.js";
import type { GatewayDeps } from "./gateway-deps.js";
import { createSessionServer, type SessionServer } from "./session-server.js";

/** JSON-RPC code of the reference servers for an unknown session (sent with HTTP 404). */
const SESSION_NOT_FOUND = -32001;

interface Session {
  transport: StreamableHTTPServerTransport;
  server: SessionServer;
  lastActive: number;
  /** Requests of this session still being handled: a session with one open is never idle. */
  open: number;
}

export function createMcpGateway(deps: GatewayDeps): McpGatewayPort {
  const now = () => performance.now();
  const sessions = new Map<string, Session>();
  const redactor = new Redactor(deps.secrets);
  let opening = 0;
  const sweeper = setInterval(
    () => {
      const cutoff = now() - deps.settings.sessionIdleMs;
      for (const session of sessions.values())
        if (session.open === 0 && session.lastActive < cutoff) void closeSession(session);
    },
    Math.min(60_000, deps.settings.sessionIdleMs),
  );
  sweeper.unref();

  async function closeSession(session: Session): Promise<void> {
    const id = session.transport.sessionId;
    if (id !== undefined) sessions.delete(id);
    await session.server.close().catch((error: unknown) => {
      deps.log?.(`MCP session ${id ?? "?"} did not close cleanly: ${errorMessage(error)}`);
    });
  }

  async function open(request: IncomingMessage, response: ServerResponse, body: unknown): Promise<void> {
    if (sessions.size + opening >= deps.settings.maxSessions) {
      const message = deps.translate("gateway.session.tooMany", { max: deps.settings.maxSessions });
      return sendError(response, 503, ErrorCode.ConnectionClosed, message);
    }
    // Counted as opening until it has an id (and is in `sessions`), so a burst cannot pass the limit.
    opening += 1;
    let counted = true;
    const uncount = () => {
      if (counted) opening -= 1;
      counted = false;
    };
    const server = createSessionServer(deps);
    const session: Session = {
      server,
      lastActive: now(),
      open: 1,
      transport: new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        // Stored when the id is sent, so a request racing the initialize answer finds it.
        onsessioninitialized: (id) => {
          sessions.set(id, session);
          uncount();
        },
      }),
    };
    session.transport.onclose = () => {
      const id = session.transport.sessionId;
      if (id !== undefined && sessions.get(id) === session) sessions.delete(id);
    };
    try {
      await server.server.connect(session.transport);
      await session.transport.handleRequest(request, response, body);
    } finally {
      uncount();
      session.open -= 1;
      session.lastActive = now();
      // An initialize that failed never got an id: nothing else will close its server.
      if (session.transport.sessionId === undefined) await server.close();
    }
  }

  return {
    async handle(request, response, parsedBody) {
      try {
        const id = sessionIdOf(request);
        if (id === undefined) {
          if (request.method === "POST" && isInitializeRequest(parsedBody))
            return await open(request, response, parsedBody);
          return sendError(
            response,
            400,
            ErrorCode.InvalidRequest,
            deps.translate("gateway.session.missing"),
          );
        }
        const session = sessions.get(id);
        if (session === undefined)
          return sendError(response, 404, SESSION_NOT_FOUND, deps.translate("gateway.session.notFound"));
        session.open += 1;
        session.lastActive = now();
        try {
          await session.transport.handleRequest(request, response, parsedBody);
        } finally {
          session.open -= 1;
          session.lastActive = now();
        }
      } catch (error) {
        const problem = redactor.text(errorMessage(error));
        deps.log?.(`MCP request failed: ${problem}`);
        if (!response.headersSent) {
          const message = deps.translate("gateway.internal", { message: problem });
          sendError(response, 500, ErrorCode.InternalError, message);
        }
      }
    },

    async close() {
      clearInterval(sweeper);
      await Promise.all([...sessions.values()].map(closeSession));
    },
  };
}

function sessionIdOf(request: IncomingMessage): string | undefined {
  const header = request.headers["mcp-session-id"];
  const id = Array.isArray(header) ? header[0] : header;
  return id === undefined || id === "" ? undefined : id;
}

function sendError(response: ServerResponse, status: number, code: number, message: string): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}
