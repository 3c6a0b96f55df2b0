/**
 * The one place where the product is assembled on an open hub: the model (`auto` settled on first use),
 * tool retrieval, the servers trusted for automatic context, the host's secrets and the hub as the agent
 * sees it (relative filesystem paths read from the working folder). The chat, `ask`,
 * `agente mcp` and `agente serve` all start here, so they cannot drift apart.
 */
import { type AgentFlags, type AgentSettings, resolveAgentSettings } from "../agent/agent-settings.js";
import type { ToolSelector } from "../agent/run-turn.js";
import type { LoadedConfig } from "../config/load-config.js";
import { createEmbedder } from "../embedders/create-embedder.js";
import type { Language } from "../i18n/language.js";
import type { ChatModel } from "../llm/chat-model.js";
import { type ModelFlags, type ModelSettings, resolveModelSettings } from "../llm/model-settings.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import { createTurnToolSelector, resolveToolRetrievalSettings } from "../retrieval/tool-retrieval.js";
import { withTrustedContext } from "./context-trust.js";
import { withWorkingFolderPaths } from "./filesystem-paths.js";
import { hostSecrets } from "./host-secrets.js";
import { SettlingChatModel } from "./settling-model.js";

export interface AssembleOptions {
  hub: ToolHub;
  config: LoadedConfig;
  /** The command's model and agent flags: flags > environment > config > defaults. */
  flags: ModelFlags & AgentFlags;
  /** The process environment (default `process.env`): read for model settings and secrets. */
  processEnv?: Record<string, string | undefined>;
  /** The language the user chose (`--lang`), for what settling the model says. */
  language?: Language | undefined;
  /** The folder relative filesystem paths are read from (default `process.cwd()`). */
  cwd?: string;
  /** Further values never shown (the API key of `serve`). */
  extraSecrets?: readonly string[];
  /** Hears that the embedding ranker failed and tool retrieval fell back to words only. */
  onEmbedderError?: (error: unknown) => void;
  /** Builds the provider for settled settings (tests: a scripted model). */
  createModel?: (settings: ModelSettings) => ChatModel;
}

export interface AgentAssembly {
  model: SettlingChatModel;
  modelSettings: ModelSettings;
  /** With agente's own memory server trusted for automatic context. */
  agentSettings: AgentSettings;
  /** The hub as the agent uses it: relative filesystem paths read from the working folder. */
  toolHub: ToolHub;
  /** Tool retrieval per turn (`toolRetrieval` in agente.json); undefined when it is off. */
  selectTools: ToolSelector | undefined;
  /** Values never returned: the config's and the process's secrets, and `extraSecrets`. */
  secrets: readonly string[];
  /** The config's `env` under the process environment. */
  env: Record<string, string | undefined>;
  /** Closes the tool ranker and the model. */
  close(): Promise<void>;
}

export function assembleAgent(options: AssembleOptions): AgentAssembly {
  const { config, flags } = options;
  const processEnv = options.processEnv ?? process.env;
  const env = { ...config.env, ...processEnv };
  const secrets = hostSecrets(config.env, processEnv, options.extraSecrets);
  const modelSettings = resolveModelSettings({
    flags,
    env,
    config: config.settings.model,
    configFile: config.file,
  });
  const agentSettings = resolveAgentSettings({
    flags,
    config: config.settings.agent,
    configFile: config.file,
    model: modelSettings,
  });
  // `auto` becomes Ollama or the embedded model (downloaded then) when the first question needs it.
  const model = new SettlingChatModel(modelSettings, {
    env,
    language: options.language,
    ...(options.createModel === undefined ? {} : { create: options.createModel }),
  });
  const retrieval = resolveToolRetrievalSettings({
    config: config.settings.toolRetrieval,
    contextSize: modelSettings.contextSize,
  });
  // Built in the background (its token counter loads a tokenizer): the first turn waits for it.
  const selector = createTurnToolSelector({
    settings: retrieval,
    model: modelSettings.model,
    embedder: () => createEmbedder(env),
    ...(options.onEmbedderError === undefined ? {} : { onEmbedderError: options.onEmbedderError }),
  });
  // A selector that failed to build fails the first turn that needs it, not start-up.
  selector.catch(() => undefined);
  return {
    model,
    modelSettings,
    agentSettings: withTrustedContext(agentSettings, config.servers),
    // The hub already hid the host's secrets in all its servers send (docs/security.md: where).
    toolHub: withWorkingFolderPaths(options.hub, config.servers, options.cwd ?? process.cwd()),
    selectTools:
      retrieval.ranker === "off"
        ? undefined
        : async (request) => {
            const ready = await selector;
            if (ready === undefined) throw new Error("tool retrieval is off");
            return ready.select(request);
          },
    secrets,
    env,
    async close() {
      await (await selector.catch(() => undefined))?.close();
      await model.close();
    },
  };
}
