/**
 * The gateway as `agente serve` will mount it, on a plain `node:http` server on 127.0.0.1 (JSON bodies parsed
 * first, as the app does), in front of a real hub of real MCP server children; and the official SDK client
 * over Streamable HTTP, with or without the elicitation capability.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { ElicitResult } from "@modelcontextprotocol/client";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import type { AgentEventListener } from "../../../src/agent/agent-events.js";
import { DEFAULT_AGENT_SETTINGS } from "../../../src/agent/agent-settings.js";
import { parseServerEntry, type ServerConfig } from "../../../src/config/server-config.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createChatModel } from "../../../src/llm/create-chat-model.js";
import { resolveModelSettings } from "../../../src/llm/model-settings.js";
import type { McpHub } from "../../../src/mcp/hub.js";
import {
  DEFAULT_GATEWAY_SETTINGS,
  type GatewaySettings,
} from "../../../src/serve/mcp-gateway/gateway-settings.js";
import { createMcpGateway } from "../../../src/serve/mcp-gateway/http-gateway.js";
import type { McpGatewayPort } from "../../../src/serve/mcp-gateway-port.js";

export const COMPANY_SERVER = fileURLToPath(new URL("../../agent/company-server-main.ts", import.meta.url));

/** The seed's company server (`consultar_empresa`, destructive `borrar_empresa`, `recuperar_contexto`). */
export function companyServerConfig(name = "empresas"): ServerConfig {
  const parsed = parseServerEntry(name, {
    command: process.execPath,
    args: ["--import", "tsx", COMPANY_SERVER],
  });
  if (!parsed.ok) throw new Error(`bad entry: ${parsed.field} ${parsed.problem}`);
  return parsed.config;
}

export interface MountedGateway {
  /** `http://127.0.0.1:<port>/mcp` */
  url: URL;
  gateway: McpGatewayPort;
  close(): Promise<void>;
}

export async function mountGateway(
  hub: McpHub,
  options: {
    settings?: Partial<GatewaySettings>;
    secrets?: string[];
    modelUrl?: string;
    onEvent?: AgentEventListener;
  } = {},
): Promise<MountedGateway> {
  const model = createChatModel(
    resolveModelSettings({
      flags: { provider: "ollama", baseUrl: options.modelUrl ?? "http://127.0.0.1:9" },
      env: {},
      config: undefined,
    }),
  );
  const gateway = createMcpGateway({
    hub,
    agent: {
      model,
      // The company test server stands in for agente's memory: automatic context may come from it.
      settings: {
        ...DEFAULT_AGENT_SETTINGS,
        context: {
          ...DEFAULT_AGENT_SETTINGS.context,
          trustedServers: hub.statuses().map((status) => status.name),
        },
      },
      ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
    },
    settings: { ...DEFAULT_GATEWAY_SETTINGS, ...options.settings },
    secrets: options.secrets ?? [],
    translate: createTranslator("en"),
    version: "0.0.0-test",
  });
  const server: Server = createServer((request, response) => {
    void readJson(request).then((body) => gateway.handle(request, response, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/mcp`),
    gateway,
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** As the HTTP app does: the body parsed once, undefined for GET and DELETE. */
async function readJson(request: IncomingMessage): Promise<unknown> {
  if (request.method !== "POST") return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

export interface ConnectedClient {
  client: Client;
  /** Every confirmation the gateway asked for, in order. */
  elicitations: Array<{ message: string }>;
  close(): Promise<void>;
}

/** The official client; with `answer`, it declares form elicitation and answers every request with it. */
export async function connectClient(
  url: URL,
  answer?: ElicitResult["action"] | ((message: string) => ElicitResult["action"]),
): Promise<ConnectedClient> {
  const client = new Client(
    { name: "gateway-test", version: "1.0.0" },
    // `elicitation: {}` is what clients of the 2025-06-18 protocol send; it means form elicitation.
    { capabilities: answer === undefined ? {} : { elicitation: {} } },
  );
  const elicitations: Array<{ message: string }> = [];
  if (answer !== undefined) {
    client.setRequestHandler("elicitation/create", async (request) => {
      elicitations.push({ message: request.params.message });
      const action = typeof answer === "function" ? answer(request.params.message) : answer;
      return action === "accept" ? { action, content: {} } : { action };
    });
  }
  const transport = new StreamableHTTPClientTransport(url);
  await client.connect(transport);
  return {
    client,
    elicitations,
    async close() {
      await transport.terminateSession();
      await client.close();
    },
  };
}

export function textOf(result: unknown): string {
  const content = (result as { content?: Array<{ type: string; text?: string }> }).content ?? [];
  return content.map((part) => part.text ?? "").join("\n");
}
