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
import { type AgentAssembly, assembleAgent } from "../runtime/agent-assembly.js";
import { modelSampler } from "../runtime/model-sampler.js";
import { errorMessage } from "../util/errors.js";
import { agentView } from "./agent-view.js";
import { globalOptions } from "./global-options.js";
import { type BackgroundStart, type HubLifetime, withHubLifetime } from "./hub-lifetime.js";
import type { RunFlags } from "./model-options.js";
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
  /** The host's secret values (config and process environment): never shown, never returned. */
  secrets: readonly string[];
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
  { hub, config, closeOnSignal, ready, setSampler }: HubLifetime,
  work: (runtime: AgentRuntime) => Promise<T>,
  start: RuntimeStart,
): Promise<T> {
  const options = globalOptions(command);
  const translate = createTranslator(options.language);
  let assembly: AgentAssembly | undefined;
  try {
    assembly = assembleAgent({
      hub,
      config,
      flags,
      language: options.language,
      onEmbedderError: (error) =>
        process.stderr.write(
          `${translate("cliOutput.runtime.rankerFallback", { error: errorMessage(error) })}\n`,
        ),
    });
    closeOnSignal(assembly.model);
    setSampler(modelSampler(assembly.model));
    const listeners: AgentEventListener[] = [
      // Tool results and names come from servers: the terminal guard (util/terminal-sink.ts) cleans them.
      agentView({
        verbose: options.verbose,
        write: (text) => process.stderr.write(text),
        translate,
        interactive: process.stdin.isTTY === true,
      }),
    ];
    if (flags.trace !== undefined) listeners.push(traceToFile({ path: flags.trace }));
    for (const status of start.background === undefined ? hub.statuses() : []) {
      if (status.state === "down")
        process.stderr.write(
          `${translate("cliOutput.servers.down", {
            name: status.name,
            reason: statusReason(status, translate) ?? translate("cliOutput.servers.unknownReason"),
          })}\n`,
        );
    }
    return await work({
      hub,
      toolHub: assembly.toolHub,
      config,
      model: assembly.model,
      modelSettings: assembly.modelSettings,
      selectTools: assembly.selectTools,
      agentSettings: assembly.agentSettings,
      secrets: assembly.secrets,
      onEvent: (event) => {
        for (const listener of listeners) listener(event);
      },
      verbose: options.verbose,
      ready,
    });
  } finally {
    await assembly?.close();
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
