/**
 * Starts `agente serve`: one hub (one persistent session per MCP server) and one model shared by every
 * client, the conversation store, and the HTTP app on the chosen address. `close()` stops it all.
 */
import { dirname, join } from "node:path";
import { type AgentFlags, type AgentSettings, resolveAgentSettings } from "../agent/agent-settings.js";
import type { ToolSelector } from "../agent/run-turn.js";
import type { LoadedConfig } from "../config/load-config.js";
import type { Language } from "../i18n/language.js";
import type { Translator } from "../i18n/translator.js";
import type { ChatModel } from "../llm/chat-model.js";
import { createChatModel } from "../llm/create-chat-model.js";
import { type ModelFlags, resolveModelSettings } from "../llm/model-settings.js";
import type { McpHub } from "../mcp/hub.js";
import { createEmbedder } from "../memory/embedders/create-embedder.js";
import { memorySettings, openMemory } from "../memory/open-memory.js";
import { createTurnToolSelector, resolveToolRetrievalSettings } from "../retrieval/tool-retrieval.js";
import { withTrustedContext } from "../runtime/context-trust.js";
import { memoryEnvironment } from "../runtime/memory-environment.js";
import { openHub } from "../runtime/open-hub.js";
import { settleModel } from "../runtime/settle-model.js";
import { errorMessage } from "../util/errors.js";
import { secretValues } from "../util/secret-redaction.js";
import { AgentService } from "./agent-service.js";
import type { ConversationStore } from "./conversation-store.js";
import { createApp } from "./create-app.js";
import { MemoryDocuments } from "./documents.js";
import { healthReport } from "./health.js";
import type { McpGatewayPort } from "./mcp-gateway-port.js";
import { conversationsPath, openConversationStore } from "./open-conversation-store.js";
import { loadPageAssets } from "./page-assets.js";
import { resolveServeSettings } from "./serve-settings.js";

export interface StartServeOptions {
  host?: string;
  port?: string | number;
  configPath?: string;
  flags: ModelFlags & AgentFlags;
  t: Translator;
  /** Server logs and warnings (stderr). */
  log: (line: string) => void;
  verbose?: boolean;
  /** Builds the MCP gateway on the shared hub and agent; absent: `/mcp` answers 404. */
  createMcpGateway?: (context: GatewayContext) => McpGatewayPort | Promise<McpGatewayPort>;
}

/** What the MCP gateway is built from: the same hub, agent and config as the rest of the server. */
export interface GatewayContext {
  hub: McpHub;
  service: AgentService;
  config: LoadedConfig;
  /** The model and settings the agent runs with, for `preguntar_agente`'s turns. */
  model: ChatModel;
  agentSettings: AgentSettings;
  selectTools: ToolSelector | undefined;
  /** Values never returned to a client. */
  secrets: readonly string[];
}

export interface RunningServe {
  url: string;
  close(): Promise<void>;
}

export async function startServe(options: StartServeOptions): Promise<RunningServe> {
  const { hub, config } = await openHub({
    ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
    language: options.t.language,
    hub: {
      onStderrLine: options.verbose ? (server, line) => options.log(`[${server}] ${line}`) : undefined,
    },
  });
  const closers: Array<() => Promise<void>> = [() => hub.close()];
  const closeAll = async () => {
    for (const close of closers.reverse())
      await close().catch((error) => options.log(`! ${errorMessage(error)}`));
  };
  try {
    const env = { ...config.env, ...process.env };
    const settings = resolveServeSettings({ host: options.host, port: options.port, env, t: options.t });
    // `auto` becomes Ollama or the embedded model (downloaded on first use), announced on stderr.
    const modelSettings = (
      await settleModel(resolveModelSettings({ flags: options.flags, env, config: config.settings.model }), {
        env,
        language: options.t.language,
      })
    ).settings;
    const agentSettings = withTrustedContext(
      resolveAgentSettings({ flags: options.flags, config: config.settings.agent, model: modelSettings }),
      config.servers,
    );
    const model: ChatModel = createChatModel(modelSettings);
    closers.push(() => model.close());
    const selector = await createTurnToolSelector({
      settings: resolveToolRetrievalSettings({
        config: config.settings.toolRetrieval,
        contextSize: modelSettings.contextSize,
      }),
      model: modelSettings.model,
      embedder: () => createEmbedder(env),
      onEmbedderError: (error) =>
        options.log(`! tool retrieval falls back to words only: ${errorMessage(error)}`),
    });
    if (selector !== undefined) closers.push(selector.close);
    const memoryEnv = memoryEnvironment(config, env);
    const store: ConversationStore = await openConversationStore(memoryEnv);
    closers.push(() => store.close());
    const secrets = [...secretValues(env), ...(settings.apiKey === undefined ? [] : [settings.apiKey])];
    const service = new AgentService({
      model,
      hub,
      settings: agentSettings,
      store,
      secrets,
      maxAnswerChars: 32_000,
      ...(selector === undefined ? {} : { selectTools: selector.select }),
    });
    const documents = new MemoryDocuments({
      folder: join(dirname(conversationsPath(memoryEnv)), "uploads"),
      openMemory: () => openMemory(memorySettings([memoryEnv], process.cwd())),
    });
    closers.push(() => documents.close());
    const gateway = await options.createMcpGateway?.({
      hub,
      service,
      config,
      model,
      agentSettings,
      selectTools: selector?.select,
      secrets,
    });
    if (gateway !== undefined) closers.push(() => gateway.close());
    const app = createApp({
      service,
      health: () =>
        healthReport({ model, statuses: hub.statuses(), store: store.kind, gateway: gateway !== undefined }),
      modelName: modelSettings.model,
      secrets,
      limits: settings.limits,
      page: loadPageAssets(),
      documents,
      defaultLanguage: options.t.language satisfies Language,
      log: options.log,
      ...(settings.apiKey === undefined
        ? {
            // Loopback without a key: only loopback names (and AGENTE_ALLOWED_HOSTS) reach it.
            hostCheck: {
              allowedHosts: settings.allowedHosts,
              ...(settings.corsOrigin === undefined ? {} : { corsOrigin: settings.corsOrigin }),
            },
          }
        : { apiKey: settings.apiKey }),
      ...(settings.corsOrigin === undefined ? {} : { corsOrigin: settings.corsOrigin }),
      ...(gateway === undefined ? {} : { mcpGateway: gateway }),
    });
    closers.push(() => app.close());
    const address = await app.listen({ host: settings.host, port: settings.port });
    for (const status of hub.statuses())
      if (status.state === "down")
        options.log(`! server ${status.name} is down: ${status.reason ?? "unknown reason"}`);
    const up = hub.statuses().filter((status) => status.state !== "down").length;
    options.log(
      options.t("serve.listening", {
        url: address,
        model: modelSettings.model,
        servers: up,
        store: store.kind,
      }),
    );
    return { url: address, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
