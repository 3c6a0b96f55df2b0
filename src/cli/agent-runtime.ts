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
import { type LoadedConfig, loadConfig } from "../config/load-config.js";
import { createTranslator, type Translator } from "../i18n/translator.js";
import type { ChatModel } from "../llm/chat-model.js";
import { createChatModel } from "../llm/create-chat-model.js";
import type { ModelSettings } from "../llm/model-settings.js";
import { McpHub, type ServerStatus } from "../mcp/hub.js";
import { openHub } from "../mcp/open-hub.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import { createTurnToolSelector, resolveToolRetrievalSettings } from "../toolkit/tool-retrieval.js";
import { errorMessage } from "../util/errors.js";
import { agentView } from "./agent-view.js";
import { withWorkingFolderPaths } from "./filesystem-paths.js";
import { globalOptions } from "./global-options.js";
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
  /** Settles when every server has connected or failed (at once unless started in the background). */
  ready: Promise<void>;
}

export interface RuntimeStart {
  /** Connect the servers in the background (the chat): the work starts at once, `onServer` hears each one. */
  background?: { onServer: (status: ServerStatus) => void };
}

export async function withAgentRuntime<T>(
  command: Command,
  flags: RunFlags,
  work: (runtime: AgentRuntime) => Promise<T>,
  start: RuntimeStart = {},
): Promise<T> {
  const options = globalOptions(command);
  const hubOptions = {
    onStderrLine: options.verbose
      ? (server: string, line: string) => process.stderr.write(`[${server}] ${line}\n`)
      : undefined,
  };
  const configPath = options.config === undefined ? {} : { configPath: options.config };
  const { hub, config, ready } =
    start.background === undefined
      ? { ...(await openHub({ ...configPath, hub: hubOptions })), ready: Promise.resolve() }
      : await beginHub(options.config, hubOptions, start.background.onServer);
  let model: ChatModel | undefined;
  let selector: Promise<{ select: ToolSelector; close: () => Promise<void> } | undefined> | undefined;
  // Ctrl-C is the commands' own (it cancels a turn); a termination request closes every server child first.
  const terminate = () => {
    void Promise.allSettled([model?.close(), hub.close()]).finally(() => process.exit(143));
  };
  process.once("SIGTERM", terminate);
  try {
    const settings = resolveRunSettings(flags, config);
    model = createChatModel(settings.model);
    const retrieval = resolveToolRetrievalSettings({
      config: config.settings.toolRetrieval,
      contextSize: settings.model.contextSize,
    });
    // Built in the background (its token counter loads a tokenizer): the first turn waits for it, the
    // chat's prompt does not.
    selector = createTurnToolSelector({
      settings: retrieval,
      model: settings.model.model,
      env: { ...config.env, ...process.env },
      onEmbedderError: (error) =>
        process.stderr.write(`! tool retrieval falls back to words only: ${errorMessage(error)}\n`),
    });
    const listeners: AgentEventListener[] = [
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
          `! server ${status.name} is down: ${status.reason ?? "unknown reason"} (see \`agente doctor\`)\n`,
        );
    }
    return await work({
      hub,
      toolHub: withSecretsHidden(
        withWorkingFolderPaths(hub, config.servers, process.cwd()),
        secretValues(config.env),
      ),
      config,
      model,
      modelSettings: settings.model,
      selectTools:
        selector === undefined || retrieval.ranker === "off"
          ? undefined
          : async (request) => {
              const ready = await selector;
              if (ready === undefined) throw new Error("tool retrieval is off");
              return ready.select(request);
            },
      agentSettings: settings.agent,
      onEvent: (event) => {
        for (const listener of listeners) listener(event);
      },
      verbose: options.verbose,
      ready,
    });
  } finally {
    process.off("SIGTERM", terminate);
    await (await selector?.catch(() => undefined))?.close();
    await model?.close();
    await hub.close();
  }
}

async function beginHub(
  configPath: string | undefined,
  hubOptions: { onStderrLine: ((server: string, line: string) => void) | undefined },
  onServer: (status: ServerStatus) => void,
): Promise<{ hub: McpHub; config: LoadedConfig; ready: Promise<void> }> {
  const config = await loadConfig(configPath === undefined ? {} : { path: configPath });
  return { ...McpHub.begin(config.servers, hubOptions, onServer), config };
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
