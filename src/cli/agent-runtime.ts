/**
 * What `agente` (chat) and `agente ask` start with: the config and the hub, the model from flags, environment
 * and config, the trace file and the terminal view. Closes the model and every server when the work ends.
 */
import type { Command } from "commander";
import type { AgentEventListener } from "../agent/agent-events.js";
import type { AgentSettings } from "../agent/agent-settings.js";
import { type Approver, approveAll, refuseWithoutTerminal } from "../agent/approval.js";
import type { ToolSelector } from "../agent/run-turn.js";
import { traceToFile } from "../agent/trace-file.js";
import type { LoadedConfig } from "../config/load-config.js";
import { createTranslator, type Translator } from "../i18n/translator.js";
import type { ChatModel } from "../llm/chat-model.js";
import type { ModelSettings } from "../llm/model-settings.js";
import type { McpHub } from "../mcp/hub.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import { createEmbedder } from "../memory/embedders/create-embedder.js";
import { createTurnToolSelector, resolveToolRetrievalSettings } from "../retrieval/tool-retrieval.js";
import { withTrustedContext } from "../runtime/context-trust.js";
import { SettlingChatModel } from "../runtime/settling-model.js";
import { errorMessage } from "../util/errors.js";
import { agentView } from "./agent-view.js";
import { withWorkingFolderPaths } from "./filesystem-paths.js";
import { globalOptions } from "./global-options.js";
import { type BackgroundStart, type HubLifetime, withHubLifetime } from "./hub-lifetime.js";
import { type RunFlags, resolveRunSettings } from "./model-options.js";
import { statusReason } from "./status-reason.js";

export interface AgentRuntime {
  hub: McpHub;
  /** The hub as the agent uses it (working-folder paths resolved; secrets already hidden by the hub). */
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
  /** Settles when every server has connected or failed (at once unless started in the background). */
  ready: Promise<void>;
}

export interface RuntimeStart {
  /** Connect the servers in the background (the chat): the work starts at once, `onServer` hears each one. */
  background?: BackgroundStart;
}

export async function withAgentRuntime<T>(
  command: Command,
  flags: RunFlags,
  work: (runtime: AgentRuntime) => Promise<T>,
  start: RuntimeStart = {},
): Promise<T> {
  // Ctrl-C is the commands' own (it cancels a turn); a termination request closes every server child first.
  return withHubLifetime(
    command,
    ["SIGTERM"],
    (lifetime) => runOnHub(command, flags, lifetime, work, start),
    start.background,
  );
}

async function runOnHub<T>(
  command: Command,
  flags: RunFlags,
  { hub, config, closeOnSignal, ready }: HubLifetime,
  work: (runtime: AgentRuntime) => Promise<T>,
  start: RuntimeStart,
): Promise<T> {
  const options = globalOptions(command);
  const env = { ...config.env, ...process.env };
  let model: ChatModel | undefined;
  let selector: Promise<{ select: ToolSelector; close: () => Promise<void> } | undefined> | undefined;
  try {
    const settings = resolveRunSettings(flags, config);
    // `auto` becomes Ollama or the embedded model (downloaded then) when the first question needs it.
    const modelSettings = settings.model;
    model = new SettlingChatModel(modelSettings, { env, language: options.language });
    closeOnSignal(model);
    const retrieval = resolveToolRetrievalSettings({
      config: config.settings.toolRetrieval,
      contextSize: modelSettings.contextSize,
    });
    // Built in the background (its token counter loads a tokenizer): the first turn waits for it, the
    // chat's prompt does not.
    selector = createTurnToolSelector({
      settings: retrieval,
      model: modelSettings.model,
      embedder: () => createEmbedder(env),
      onEmbedderError: (error) =>
        process.stderr.write(
          `${createTranslator(options.language)("cliOutput.runtime.rankerFallback", { error: errorMessage(error) })}\n`,
        ),
    });
    const listeners: AgentEventListener[] = [
      // Tool results and names come from servers: the terminal guard (util/terminal-sink.ts) cleans them.
      agentView({
        verbose: options.verbose,
        write: (text) => process.stderr.write(text),
        translate: createTranslator(options.language),
        interactive: process.stdin.isTTY === true,
      }),
    ];
    if (flags.trace !== undefined) listeners.push(traceToFile({ path: flags.trace }));
    for (const status of start.background === undefined ? hub.statuses() : []) {
      if (status.state === "down")
        process.stderr.write(
          `${createTranslator(options.language)("cliOutput.servers.down", {
            name: status.name,
            reason:
              statusReason(status, createTranslator(options.language)) ??
              createTranslator(options.language)("cliOutput.servers.unknownReason"),
          })}\n`,
        );
    }
    return await work({
      hub,
      // The hub already hid the host's secrets in all its servers send (docs/security.md: where).
      toolHub: withWorkingFolderPaths(hub, config.servers, process.cwd()),
      config,
      model,
      modelSettings,
      selectTools:
        retrieval.ranker === "off"
          ? undefined
          : async (request) => {
              const ready = await selector;
              if (ready === undefined) throw new Error("tool retrieval is off");
              return ready.select(request);
            },
      agentSettings: withTrustedContext(settings.agent, config.servers),
      onEvent: (event) => {
        for (const listener of listeners) listener(event);
      },
      verbose: options.verbose,
      ready,
    });
  } finally {
    await (await selector?.catch(() => undefined))?.close();
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
  translate: Translator = createTranslator("es"),
): Approver {
  if (yes === true) return approveAll;
  if (ask === undefined) return refuseWithoutTerminal;
  return {
    async decide({ tool, args }) {
      const reply = await ask(
        translate("cli.approval.question", { tool: tool.name, args: JSON.stringify(args) }),
      );
      if (reply !== undefined && /^(s|si|sí|y|yes)$/i.test(reply.trim())) return { approved: true };
      return { approved: false, reason: translate("cli.approval.declined") };
    },
  };
}
