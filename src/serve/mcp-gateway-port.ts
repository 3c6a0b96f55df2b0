/**
 * Where the MCP gateway plugs into `agente serve`: the HTTP app routes every method of `/mcp` (after the
 * API key check) to `handle`. The gateway (`src/serve/mcp-gateway/`) implements it with the SDK's
 * Streamable HTTP transport; when `serve` runs without one, `/mcp` answers 404.
 *
 * Wiring: `startServe({ createMcpGateway })` (start-serve.ts) builds it from a `GatewayContext` (the shared
 * hub, the `AgentService` that runs `preguntar_agente`'s turns, the loaded config) and closes it on stop.
 * Replies written through `handle` bypass the app's secret guard hook: the gateway applies its own `Redactor`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export interface McpGatewayPort {
  /**
   * Answers one Streamable HTTP request. `parsedBody` is the JSON body the app already read (undefined for
   * GET and DELETE), to pass to the SDK transport's `handleRequest(request, response, parsedBody)`.
   * The gateway writes the whole response itself; the app does not touch `response` afterwards.
   * `owner` is who the request acts for (`Person.id`): Streamable HTTP sessions are counted per owner.
   */
  handle(
    request: IncomingMessage,
    response: ServerResponse,
    parsedBody: unknown,
    owner?: string,
  ): Promise<void>;
  /** Ends the gateway's sessions when the server stops. */
  close(): Promise<void>;
}
