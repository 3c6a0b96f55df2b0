/**
 * What `agente` (chat) and `agente ask` start with: the config and the hub, the model from flags, environment
 * and config, the trace file and the terminal view. Closes the model and every server when the work ends.
 */
import type { Command } from "commander";
import type { AgentEventListener } from "../agent/agent-events.js";
import type { AgentSettings } from "../agent/agent-settings.js";
import { type Approver, approveAll, refuseWithoutTerminal } from "../agent/approval.js";
import type { ToolSelector } from "../agent/run-turn.js";
import { secretValues, withSecretsHidden } from "../agent/secret-guard.js";
import { traceToFile } from "../agent/trace-file.js";
import type { LoadedConfig } from "../config/load-config.js";
import type { ChatModel } from "../llm/chat-model.js";
import { createChatModel } from "../llm/create-chat-model.js";
import type { ModelSettings } from "../llm/model-settings.js";
import type { McpHub } from "../mcp/hub.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import { createEmbedder } from "../memory/embedders/create-embedder.js";
import { createTurnToolSelector, resolveToolRetrievalSettings } from "../retrieval/tool-retrieval.js";
import { withTrustedContext } from "../runtime/context-trust.js";
import { settleModel } from "../runtime/settle-model.js";
import { errorMessage } from "../util/errors.js";
import { stripControlSequences } from "../util/terminal-text.js";
import { agentView } from "./agent-view.js";
import { globalOptions } from "./global-options.js";
import { type HubLifetime, withHubLifetime } from "./hub-lifetime.js";
import { type RunFlags, resolveRunSettings } from "./model-options.js";

export interface AgentRuntime {
  hub: McpHub;
  /** The hub as the agent uses it: tool results with the host's secret values hidden. */
  toolHub: ToolHub;
  config: LoadedConfig;
  model: ChatModel;
  modelSettings: ModelSettings;
  agentSettings: AgentSettings;
  /** Tool retrieval per turn (`toolRetrieval` in agente.json); undefined when it is off. */
  selectTools: ToolSelector | undefined;
  /** The terminal view plus the trace file, when `--trace` was given. */
  onEvent: AgentEventListener;
  verbose: boolean;
}

export async function withAgentRuntime<T>(
  command: Command,
  flags: RunFlags,
  work: (runtime: AgentRuntime) => Promise<T>,
): Promise<T> {
  // Ctrl-C is the commands' own (it cancels a turn); a termination request closes every server child first.
  return withHubLifetime(command, ["SIGTERM"], (lifetime) => runOnHub(command, flags, lifetime, work));
}

async function runOnHub<T>(
  command: Command,
  flags: RunFlags,
  { hub, config, closeOnSignal }: HubLifetime,
  work: (runtime: AgentRuntime) => Promise<T>,
): Promise<T> {
  const options = globalOptions(command);
  let model: ChatModel | undefined;
  let selector: { select: ToolSelector; close: () => Promise<void> } | undefined;
  try {
    const settings = resolveRunSettings(flags, config);
    // `auto` becomes Ollama or the embedded model (downloaded on first use), announced on stderr.
    const modelSettings = (await settleModel(settings.model, { env: { ...config.env, ...process.env } }))
      .settings;
    model = createChatModel(modelSettings);
    closeOnSignal(model);
    selector = await createTurnToolSelector({
      settings: resolveToolRetrievalSettings({
        config: config.settings.toolRetrieval,
        contextSize: settings.model.contextSize,
      }),
      model: modelSettings.model,
      embedder: () => createEmbedder({ ...config.env, ...process.env }),
      onEmbedderError: (error) =>
        process.stderr.write(`! tool retrieval falls back to words only: ${errorMessage(error)}\n`),
    });
    const listeners: AgentEventListener[] = [
      // Tool results and names come from servers: no escape sequence of theirs reaches the terminal.
      agentView({
        verbose: options.verbose,
        write: (text) => process.stderr.write(stripControlSequences(text)),
      }),
    ];
    if (flags.trace !== undefined) listeners.push(traceToFile({ path: flags.trace }));
    for (const status of hub.statuses()) {
      if (status.state === "down")
        process.stderr.write(
          `! server ${status.name} is down: ${status.reason ?? "unknown reason"} (see \`agente doctor\`)\n`,
        );
    }
    return await work({
      hub,
      toolHub: withSecretsHidden(hub, secretValues(config.env)),
      config,
      model,
      modelSettings,
      selectTools: selector?.select,
      agentSettings: withTrustedContext(settings.agent, config.servers),
      onEvent: (event) => {
        for (const listener of listeners) listener(event);
      },
      verbose: options.verbose,
    });
  } finally {
    await selector?.close();
    await model?.close();
  }
}

/**
 * `--yes` approves everything; otherwise `ask` (when there is a terminal to ask on) decides, and without
 * a terminal nothing that needs approval runs.
 */
export function chooseApprover(
  yes: boolean | undefined,
  ask: ((question: string) => Promise<string | undefined>) | undefined,
): Approver {
  if (yes === true) return approveAll;
  if (ask === undefined) return refuseWithoutTerminal;
  return {
    async decide({ tool, args }) {
      const reply = await ask(`¿Ejecutar ${tool.name} ${JSON.stringify(args)}? [s/N] `);
      if (reply !== undefined && /^(s|si|sí|y|yes)$/i.test(reply.trim())) return { approved: true };
      return { approved: false, reason: "el usuario no lo aprobó" };
    },
  };
}
