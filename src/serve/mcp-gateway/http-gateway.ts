/**
 * The gateway over Streamable HTTP, behind `agente serve`'s `/mcp`, in both protocol eras:
 * - 2026-07-28 (a request with the per-request `_meta` envelope): stateless. The SDK's `createMcpHandler`
 *   builds one server per request over the shared hub; no session, so any replica can answer any request.
 * - 2025 revisions (`initialize`, then `Mcp-Session-Id`): one SDK server and transport per session, all
 *   sharing one hub. An `initialize` without a session id opens a session; DELETE (or idleness, or
 *   `close`) ends it.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  createMcpHandler,
  isInitializeRequest,
  isLegacyRequest,
  ProtocolErrorCode,
  WebStandardStreamableHTTPServerTransport,
} from "@modelcontextprotocol/server";
import { errorMessage } from "../../util/errors.js";
import { Redactor } from "../../util/secret-redaction.js";
import type { McpGatewayPort } from "../mcp-gateway-port.js";
import type { GatewayDeps } from "./gateway-deps.js";
import { createSessionServer, type SessionServer } from "./session-server.js";
import { webRequest, writeWebResponse } from "./web-exchange.js";

/** JSON-RPC code for a connection the server will not take (sent with HTTP 503). */
const CONNECTION_CLOSED = -32_000;
/** JSON-RPC code of the reference servers for an unknown session (sent with HTTP 404). */
const SESSION_NOT_FOUND = -32001;

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: SessionServer;
  lastActive: number;
  /** Requests of this session still being handled: a session with one open is never idle. */
  open: number;
  /** Who opened it (`Person.id`): sessions are capped per person as well as in all. */
  owner: string;
}

export function createMcpGateway(deps: GatewayDeps): McpGatewayPort {
  const now = () => performance.now();
  const sessions = new Map<string, Session>();
  const redactor = new Redactor(deps.secrets);
  let opening = 0;
  /** Sessions being opened per owner, not yet in `sessions`. */
  const openingBy = new Map<string, number>();
  const heldBy = (owner: string) =>
    (openingBy.get(owner) ?? 0) + [...sessions.values()].filter((session) => session.owner === owner).length;
  const sweeper = setInterval(
    () => {
      const cutoff = now() - deps.settings.sessionIdleMs;
      for (const session of sessions.values())
        if (session.open === 0 && session.lastActive < cutoff) void closeSession(session);
    },
    Math.min(60_000, deps.settings.sessionIdleMs),
  );
  sweeper.unref();
  // 2026-07-28: a fresh server per request; the 2025 revisions go to the sessions below.
  const stateless = createMcpHandler(() => createSessionServer(deps, { followToolChanges: false }).server, {
    legacy: "reject",
    onerror: (error) => deps.log?.(`MCP request failed: ${redactor.text(errorMessage(error))}`),
  });
  const stopFollowing = deps.hub.onToolsChanged(() => {
    void Promise.resolve(stateless.notify.toolsChanged()).catch((error: unknown) =>
      deps.log?.(`tools/list_changed not sent: ${errorMessage(error)}`),
    );
  });

  async function closeSession(session: Session): Promise<void> {
    const id = session.transport.sessionId;
    if (id !== undefined) sessions.delete(id);
    await session.server.close().catch((error: unknown) => {
      deps.log?.(`MCP session ${id ?? "?"} did not close cleanly: ${errorMessage(error)}`);
    });
  }

  async function open(request: Request, parsedBody: unknown, owner: string): Promise<Response> {
    // One person (or token) cannot take every slot: they get their own cap first.
    if (heldBy(owner) >= deps.settings.maxSessionsPerPerson) {
      const message = deps.translate("team.gatewaySessionsPerPerson", {
        max: deps.settings.maxSessionsPerPerson,
      });
      return errorResponse(503, CONNECTION_CLOSED, message);
    }
    if (sessions.size + opening >= deps.settings.maxSessions) {
      const message = deps.translate("gateway.session.tooMany", { max: deps.settings.maxSessions });
      return errorResponse(503, CONNECTION_CLOSED, message);
    }
    // Counted as opening until it has an id (and is in `sessions`), so a burst cannot pass the limit.
    opening += 1;
    openingBy.set(owner, (openingBy.get(owner) ?? 0) + 1);
    let counted = true;
    const uncount = () => {
      if (counted) {
        opening -= 1;
        const left = (openingBy.get(owner) ?? 1) - 1;
        if (left > 0) openingBy.set(owner, left);
        else openingBy.delete(owner);
      }
      counted = false;
    };
    const server = createSessionServer(deps);
    const session: Session = {
      server,
      lastActive: now(),
      open: 1,
      owner,
      transport: new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        // Stored when the id is sent, so a request racing the initialize answer finds it.
        onsessioninitialized: (id: string) => {
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
      return await session.transport.handleRequest(request, { parsedBody });
    } finally {
      uncount();
      session.open -= 1;
      session.lastActive = now();
      // An initialize that failed never got an id: nothing else will close its server.
      if (session.transport.sessionId === undefined) await server.close();
    }
  }

  async function answer(request: Request, parsedBody: unknown, owner: string): Promise<Response> {
    const id = request.headers.get("mcp-session-id") ?? "";
    if (id === "") {
      if (request.method === "POST" && !(await isLegacyRequest(request, parsedBody)))
        return stateless.fetch(request, { parsedBody });
      if (request.method === "POST" && isInitializeRequest(parsedBody))
        return open(request, parsedBody, owner);
      return errorResponse(400, ProtocolErrorCode.InvalidRequest, deps.translate("gateway.session.missing"));
    }
    const session = sessions.get(id);
    if (session === undefined)
      return errorResponse(404, SESSION_NOT_FOUND, deps.translate("gateway.session.notFound"));
    session.open += 1;
    session.lastActive = now();
    try {
      return await session.transport.handleRequest(request, { parsedBody });
    } finally {
      session.open -= 1;
      session.lastActive = now();
    }
  }

  return {
    async handle(
      request: IncomingMessage,
      response: ServerResponse,
      parsedBody: unknown,
      owner = "anonymous",
    ) {
      try {
        const reply = await answer(webRequest(request, parsedBody, response), parsedBody, owner);
        await writeWebResponse(reply, response);
      } catch (error) {
        const problem = redactor.text(errorMessage(error));
        deps.log?.(`MCP request failed: ${problem}`);
        if (!response.headersSent) {
          const message = deps.translate("gateway.internal", { message: problem });
          await writeWebResponse(errorResponse(500, ProtocolErrorCode.InternalError, message), response);
        }
      }
    },

    async close() {
      clearInterval(sweeper);
      stopFollowing();
      await Promise.all([...sessions.values()].map(closeSession));
      await stateless.close();
    },
  };
}

function errorResponse(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), {
    status,
    headers: { "content-type": "application/json" },
  });
}
