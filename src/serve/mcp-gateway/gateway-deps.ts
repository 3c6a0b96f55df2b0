/**
 * What the MCP gateway is built from. One set of dependencies serves every session: the hub is shared (one
 * persistent session per MCP server, as everywhere in agente), the model and settings run `preguntar_agente`.
 */
import type { AgentEventListener } from "../../agent/agent-events.js";
import type { AgentSettings } from "../../agent/agent-settings.js";
import type { ToolSelector } from "../../agent/run-turn.js";
import type { Translator } from "../../i18n/translator.js";
import type { ChatModel } from "../../llm/chat-model.js";
import type { McpHub } from "../../mcp/hub.js";
import type { ToolHub } from "../../mcp/tool-hub.js";
import type { GatewaySettings } from "./gateway-settings.js";

/** The part of the hub the gateway serves: tools, resources, prompts, and news of a changed tool table. */
export type GatewayHub = ToolHub &
  Pick<
    McpHub,
    | "listResources"
    | "readResource"
    | "listPrompts"
    | "getPrompt"
    | "onToolsChanged"
    | "forward"
    | "upServers"
  >;

/** What one agent turn needs besides the hub, the question and the approver. */
export interface AgentWiring {
  /** The hub as the agent's turns use it (runtime/agent-assembly.ts); absent: the gateway's hub. */
  hub?: ToolHub;
  model: ChatModel;
  settings: AgentSettings;
  /** Tool retrieval per turn; absent: every tool is offered. */
  selectTools?: ToolSelector;
  /** Sees every event of every turn (logs, traces); written to stderr, never to a protocol stream. */
  onEvent?: AgentEventListener;
}

export interface GatewayDeps {
  hub: GatewayHub;
  agent: AgentWiring;
  settings: GatewaySettings;
  /** The host's secret values (`secretValues(config.env)`): hidden in everything the gateway returns. */
  secrets: readonly string[];
  translate: Translator;
  /** agente's version, reported as the gateway's `serverInfo`. */
  version: string;
  /** One line about a failure the client cannot see (a notification that could not be sent). */
  log?: (line: string) => void;
  /** agente's own memory servers: calls to them name the request's person (their private collection). */
  memoryServers?: readonly string[];
}
