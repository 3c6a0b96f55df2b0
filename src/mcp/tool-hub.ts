/**
 * What the rest of agente sees of the MCP servers: one flat list of tools with unique exposed names,
 * and one way to call them. The agent, `agente tools call` and the eval harness depend on this
 * interface only; `McpHub` (hub.ts) is the real implementation, tests may pass any other.
 */
import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/server";
import type { JsonSchema } from "../util/json-schema.js";
import type { CallHooks } from "./client-handlers.js";

/** A JSON Schema object as MCP servers send it (`inputSchema` / `outputSchema`). */
export type { JsonSchema };

export interface ExposedTool {
  /** The unique name the model sees and calls: the server's name, or `server__tool` on a clash. Matches `[a-zA-Z0-9_-]{1,64}`. */
  name: string;
  /** The tool's name on its own server. */
  originalName: string;
  /** The config key of the server that offers it. */
  server: string;
  title?: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  /** `readOnlyHint`, `destructiveHint`, `idempotentHint`, `openWorldHint` as the server declared them. */
  annotations: ToolAnnotations;
  /** True when the config marks the tool's server `requireApproval`: the agent asks before every call. */
  serverRequiresApproval: boolean;
}

/** A tool result as the server returned it: `content`, `structuredContent`, `isError` are kept as is. */
export type ToolResult = CallToolResult;

/** Per call, also the hooks of client-handlers.ts: the questions that belong to this call, its progress. */
export interface CallOptions extends CallHooks {
  /** Cancels the call (the server gets `notifications/cancelled`). */
  signal?: AbortSignal;
  /** Overrides the server's call timeout for this call. */
  timeoutMs?: number;
  /** The request's `_meta`, for agente's own servers (the person `agente serve` acts for). */
  meta?: Record<string, unknown>;
}

export interface ToolHub {
  /** Every tool of every server that is up, in a stable order. */
  tools(): ExposedTool[];
  /**
   * Calls a tool by exposed name on exactly the server that offers it.
   * Throws `UnknownToolError` for a name no server offers (with close matches), and `ServerUnavailableError`
   * or `ToolCallTimeoutError` when the server cannot answer. A tool's own failure is a result with `isError`.
   */
  callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<ToolResult>;
}
