/**
 * The port through which `agente serve` hands `/mcp` requests to the MCP gateway (Streamable HTTP).
 * The HTTP app authenticates first, then calls `handle` with the raw Node request and response and the
 * already-parsed JSON body (undefined for GET/DELETE).
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export interface McpGatewayPort {
  handle(request: IncomingMessage, response: ServerResponse, parsedBody: unknown): Promise<void>;
  /** Closes every gateway session. */
  close(): Promise<void>;
}
