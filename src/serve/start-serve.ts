/**
 * Starts `agente serve`: one hub (one persistent session per MCP server) and one model shared by every
 * client, the conversation store, and the HTTP app on the chosen address. `close()` stops it all.
 */
import { readFileSync } from "node:fs";
import type { AgentFlags, AgentSettings } from "../agent/agent-settings.js";
import type { ToolSelector } from "../agent/run-turn.js";
import type { LoadedConfig } from "../config/load-config.js";
import type { Language } from "../i18n/language.js";
import { localised } from "../i18n/localised.js";
import type { Translator } from "../i18n/translator.js";
import type { ChatModel } from "../llm/chat-model.js";
import type { ModelFlags, ModelSettings } from "../llm/model-settings.js";
import type { McpHub } from "../mcp/hub.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import { memorySettings, openMemory } from "../memory/open-memory.js";
import { assembleAgent } from "../runtime/agent-assembly.js";
import { builtinMemoryServers } from "../runtime/context-trust.js";
import { memoryEnvironment } from "../runtime/memory-environment.js";
import { openHub } from "../runtime/open-hub.js";
import { errorMessage, UserError } from "../util/errors.js";
import { AgentService } from "./agent-service.js";
import { failureText } from "./api-error.js";
import { BackgroundModel } from "./background-model.js";
import type { ConversationStore } from "./conversation-store.js";
import { createApp } from "./create-app.js";
import { MemoryDocuments } from "./documents.js";
import { healthReport, storeWritable } from "./health.js";
import type { McpGatewayPort } from "./mcp-gateway-port.js";
import { ModelWatch } from "./model-watch.js";
import { openConversationStore } from "./open-conversation-store.js";
import { loadPageAssets } from "./page-assets.js";
import { isLoopback, resolveServeSettings } from "./serve-settings.js";
import { ServerLogs } from "./server-logs.js";
import { declineOutsideTurns } from "./stored-questions.js";
import { resolveAccessPolicy } from "./team/access-policy.js";
import { Accounts } from "./team/accounts.js";
import { accountSignInSessions } from "./team/oidc-account-sessions.js";
import { readOidcSettings, startOidcSignIn } from "./team/oidc-setup.js";
import type { SignInSessions } from "./team/oidc-sign-in-sessions.js";
import { openAccountStore } from "./team/open-account-store.js";
import { signInIdentity } from "./team/sign-in.js";
import { auditLogFor } from "./team/unwired-audit-log.js";

export interface StartServeOptions {
  host?: string;
  port?: string | number;
  configPath?: string;
  flags: ModelFlags & AgentFlags;
  t: Translator;
  /** Server logs and warnings (stderr). */
  log: (line: string) => void;
  verbose?: boolean;
  /** Builds the provider for settled settings (tests: a scripted model); default the real one. */
  createModel?: (settings: ModelSettings) => ChatModel;
  /** HTTPS: the certificate and key files (PEM), `--tls-cert` and `--tls-key`. */
  tls?: { certFile?: string; keyFile?: string };
  /** Builds the MCP gateway on the shared hub and agent; absent: `/mcp` answers 404. */
  createMcpGateway?: (context: GatewayContext) => McpGatewayPort | Promise<McpGatewayPort>;
  /** Single sign-on's accounts and sessions by issuer + subject (team/oidc-setup.ts); absent: `oidc` is ignored. */
  signInSessions?: SignInSessions;
}

/** What the MCP gateway is built from: the same hub, agent and config as the rest of the server. */
export interface GatewayContext {
  hub: McpHub;
  /** The hub as the agent's turns use it (runtime/agent-assembly.ts). */
  toolHub: ToolHub;
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
  const serverLogs = new ServerLogs();
  const { hub, config } = await openHub({
    ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
    language: options.t.language,
    hub: {
      onStderrLine: options.verbose ? (server, line) => options.log(`[${server}] ${line}`) : undefined,
      loggingLevel: ServerLogs.level(options.verbose),
      questions: declineOutsideTurns,
      events: { onLog: (server, message) => serverLogs.add(server, message) },
    },
  });
  const closers: Array<() => Promise<void>> = [() => hub.close()];
  const closeAll = async () => {
    for (const close of closers.reverse())
      await close().catch((error) => options.log(`! ${errorMessage(error)}`));
  };
  try {
    const env = { ...config.env, ...process.env };
    const memoryEnv = memoryEnvironment(config, env);
    const store: ConversationStore = await openConversationStore(memoryEnv);
    closers.push(() => store.close());
    // A store that cannot be written is said now (and on /health), not after the first turn has run.
    await store.assertWritable().catch((error: unknown) => options.log(`! ${failureText(error, options.t)}`));
    // People, their sign-in sessions and tokens, beside the conversations (team/account-store.ts).
    const accountStore = await openAccountStore(memoryEnv);
    closers.push(() => accountStore.close());
    const settings = resolveServeSettings({
      host: options.host,
      port: options.port,
      env,
      t: options.t,
      hasAccounts: await accountStore.hasUsers(),
    });
    const tls = readTls(options.tls);
    const audit = await auditLogFor(memoryEnv);
    closers.push(() => audit.close());
    // Roles: which tools each person sees and which destructive calls they approve (team/access-policy.ts).
    const access = resolveAccessPolicy(config.settings.access, config.file);
    const accounts = new Accounts({ store: accountStore, policy: access, audit });
    const runtime = assembleAgent({
      hub,
      config,
      flags: options.flags,
      language: options.t.language,
      // The API key and single sign-on's client secret are never shown (the secret guard).
      extraSecrets: [settings.apiKey, readOidcSettings(config)?.clientSecret].filter(
        (secret): secret is string => secret !== undefined,
      ),
      onEmbedderError: (error) =>
        options.log(`! tool retrieval falls back to words only: ${errorMessage(error)}`),
      ...(options.createModel === undefined ? {} : { createModel: options.createModel }),
    });
    closers.push(() => runtime.close());
    // `auto` becomes Ollama or the embedded model in the background once the server listens (downloaded
    // if needed, announced on stderr): /health and the page show the download's progress. With
    // no model to be had, serve goes on: the page, uploads and `/mcp` work, and a question says why not.
    const model = new BackgroundModel(runtime.model, { log: options.log });
    closers.push(() => model.close());
    const { agentSettings, secrets } = runtime;
    serverLogs.hide(secrets);
    const modelWatch = new ModelWatch(model, { phase: () => model.phase() });
    const service = new AgentService({
      model,
      hub: runtime.toolHub,
      settings: agentSettings,
      store,
      secrets,
      audit,
      access,
      memoryServers: builtinMemoryServers(config.servers),
      maxAnswerChars: 32_000,
      ...(runtime.selectTools === undefined ? {} : { selectTools: runtime.selectTools }),
    });
    const documents = new MemoryDocuments({
      openMemory: () => openMemory(memorySettings([memoryEnv], process.cwd())),
    });
    closers.push(() => documents.close());
    const gateway = await options.createMcpGateway?.({
      hub,
      toolHub: runtime.toolHub,
      service,
      config,
      model,
      agentSettings,
      selectTools: runtime.selectTools,
      secrets,
    });
    if (gateway !== undefined) closers.push(() => gateway.close());
    const oidc = startOidcSignIn(config, {
      sessions: options.signInSessions ?? accountSignInSessions(accounts),
      audit,
      log: options.log,
      t: options.t,
    });
    const app = createApp({
      service,
      health: async () =>
        healthReport({
          model: await modelWatch.status(),
          statuses: hub.statuses(),
          store: store.kind,
          storeWritable: await storeWritable(store),
          gateway: gateway !== undefined,
          logs: (server) => serverLogs.recent(server),
          signInHere: isLoopback(settings.host),
        }),
      modelName: model.model,
      secrets,
      limits: settings.limits,
      page: loadPageAssets(),
      documents,
      audit,
      access,
      defaultLanguage: options.t.language satisfies Language,
      log: options.log,
      accounts,
      identify: signInIdentity({
        accounts,
        ...(settings.apiKey === undefined ? {} : { apiKey: settings.apiKey }),
        // With single sign-on configured, nobody is the owner without signing in.
        loopbackOwner: settings.apiKey === undefined && isLoopback(settings.host) && oidc === undefined,
      }),
      ...(tls === undefined ? {} : { tls }),
      ...(settings.trustProxy === undefined ? {} : { trustProxy: settings.trustProxy }),
      ...(settings.apiKey === undefined && isLoopback(settings.host)
        ? {
            // Loopback without a key: only loopback names (and AGENTE_ALLOWED_HOSTS) reach it.
            hostCheck: {
              allowedHosts: settings.allowedHosts,
              ...(settings.corsOrigin === undefined ? {} : { corsOrigin: settings.corsOrigin }),
            },
          }
        : settings.apiKey === undefined
          ? {}
          : { apiKey: settings.apiKey }),
      ...(settings.corsOrigin === undefined ? {} : { corsOrigin: settings.corsOrigin }),
      ...(gateway === undefined ? {} : { mcpGateway: gateway }),
      serverLogin: {
        servers: config.servers,
        hub,
        loopback: isLoopback(settings.host),
        translate: options.t,
        log: options.log,
        env,
      },
      ...(oidc === undefined ? {} : { oidc }),
    });
    closers.push(() => app.close());
    const listened = await app.listen({ host: settings.host, port: settings.port });
    // Fastify names the scheme from its options, not from a server made by `serverFactory`.
    const address = tls === undefined ? listened : listened.replace(/^http:/, "https:");
    model.start();
    for (const status of hub.statuses())
      if (status.state === "down")
        options.log(`! server ${status.name} is down: ${status.reason ?? "unknown reason"}`);
    const up = hub.statuses().filter((status) => status.state !== "down").length;
    options.log(
      options.t("serve.listening", {
        url: address,
        model: model.model,
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

/** The certificate and key for HTTPS, read now so a wrong path is said before anything listens. */
function readTls(files: StartServeOptions["tls"]): { cert: Buffer; key: Buffer } | undefined {
  const certFile = files?.certFile?.trim() || undefined;
  const keyFile = files?.keyFile?.trim() || undefined;
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) throw new UserError(localised("team.tlsHalf"));
  const read = (file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new UserError(localised("team.tlsUnreadable", { file, reason: errorMessage(error) }), {
        cause: error,
      });
    }
  };
  return { cert: read(certFile), key: read(keyFile) };
}
