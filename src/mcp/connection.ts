/**
 * One MCP server as the hub sees it. `SdkConnection` (sdk-connection.ts) is the real one, on the official
 * SDK's client and transports; tests of the hub's routing may use any other implementation.
 */
import type {
  CallToolResult,
  CompleteRequestParams,
  CompleteResult,
  GetPromptResult,
  LoggingLevel,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplateType,
  Tool,
} from "@modelcontextprotocol/client";
import type { ServerConfig } from "../config/server-config.js";
import type { LocalisedText } from "../i18n/localised.js";
import type { CallHooks } from "./client-handlers.js";
import type { ForwardingConnection } from "./forwarding.js";

export type ConnectionState = "starting" | "up" | "restarting" | "down" | "disabled";

export interface ConnectionStatus {
  state: ConnectionState;
  /** Why the server is down or restarting: stderr tail, exit code, timeout, missing variables. */
  reason: string | undefined;
  /** `reason` as catalogue text, for the user's language (when the connection gives it). */
  reasonText?: LocalisedText | undefined;
  /** `stdio`, `streamable-http` or `sse`: what actually connected (HTTP may have fallen back to SSE). */
  transport: string;
  restarts: number;
  serverInfo: { name: string; version: string } | undefined;
  /** The protocol revision agreed with the server (2026-07-28, or a 2025 one), once it is up. */
  protocolVersion?: string | undefined;
  pid: number | undefined;
}

export interface ConnectionCallOptions extends CallHooks {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Sent as the request's `_meta`. */
  meta?: Record<string, unknown>;
}

export interface McpConnection extends ForwardingConnection {
  readonly config: ServerConfig;
  status(): ConnectionStatus;
  /** Starts and initialises the server, then lists its tools. Never throws: failures show in `status()`. */
  connect(): Promise<void>;
  /** The server's tools after `allowedTools` / `excludedTools`; the last known list while it restarts. */
  tools(): Tool[];
  callTool(
    name: string,
    args: Record<string, unknown>,
    options?: ConnectionCallOptions,
  ): Promise<CallToolResult>;
  listResources(): Promise<Resource[]>;
  readResource(uri: string): Promise<ReadResourceResult>;
  listPrompts(): Promise<Prompt[]>;
  getPrompt(name: string, args: Record<string, string>): Promise<GetPromptResult>;
  /** The server's resource templates (`resources/templates/list`), empty when it has no resources. */
  listResourceTemplates(): Promise<ResourceTemplateType[]>;
  /** `resources/subscribe` (true) or `resources/unsubscribe` (false); updates arrive as `onResourceUpdated`. */
  subscribeResource(uri: string, subscribe: boolean): Promise<void>;
  /** `completion/complete` for a prompt's or a resource template's argument; empty when not offered. */
  complete(params: CompleteRequestParams): Promise<CompleteResult>;
  /** `logging/setLevel`, when the server is up and declares logging. */
  setLoggingLevel(level: LoggingLevel): Promise<void>;
  /** `notifications/roots/list_changed` (2025 connections; 2026-07-28 asks for roots per request). */
  rootsChanged(): Promise<void>;
  /** Called after the tool list changed (listChanged notification, or a restart that changed it). */
  onToolsChanged: (() => void) | undefined;
  close(): Promise<void>;
}
