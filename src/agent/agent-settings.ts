/**
 * Agent settings: step limit, tool mode, corrections, context injection; from flags and the config file's
 * `agent` section (flags win), validated.
 */
import { z } from "zod";
import { numeric, pickSetting, readConfigSection } from "../llm/setting-layers.js";
import type { ToolMode } from "../prompt/system-prompt.js";

const toolModes = z.enum(["json", "native"]) satisfies z.ZodType<ToolMode>;

/** The agent's settings with their ranges: the one definition the type, the config section and the flags use. */
export const agentSettingsSchema = z.object({
  /** Most actions (tool calls plus the answer) in one turn. */
  maxSteps: z.number().int().min(1).max(50),
  toolMode: toolModes,
  /** How many invalid steps in a row get a correction before the turn ends. */
  maxCorrections: z.number().int().min(0).max(5),
  context: z.object({
    enabled: z.boolean(),
    k: z.number().int().min(1).max(20),
    /** Most tokens of retrieved context in the system prompt. */
    budgetTokens: z.number().int().min(50).max(8000),
    /** A read-only tool the config names as the context source (`agent.context.tool`). */
    tool: z.string().min(1).optional(),
    /** Servers trusted for automatic context: agente's own memory server (see `context-source.ts`). Not a config key. */
    trustedServers: z.array(z.string()).readonly().optional(),
  }),
  /** Most tokens of one tool result shown to the model. */
  observationTokens: z.number().int().min(50).max(20000),
  /** Earlier turns kept in the conversation history. */
  historyTurns: z.number().int().min(0).max(50),
  /**
   * Most tokens of one model request: the system prompt, tool list, injected context and history are fitted
   * to it in that order of priority (the question always goes in). Default: the context window minus the
   * reply's `maxTokens`.
   */
  promptBudgetTokens: z.number().int().min(256).max(1048576),
});

export type AgentSettings = z.infer<typeof agentSettingsSchema>;

/** The context window assumed when none is fixed (`model.contextSize`): Ollama's smallest `num_ctx`. */
export const DEFAULT_CONTEXT_WINDOW = 4096;
const DEFAULT_REPLY_TOKENS = 512;

export const DEFAULT_AGENT_SETTINGS: AgentSettings = {
  maxSteps: 6,
  toolMode: "json",
  maxCorrections: 2,
  context: { enabled: true, k: 3, budgetTokens: 600 },
  observationTokens: 700,
  historyTurns: 6,
  promptBudgetTokens: DEFAULT_CONTEXT_WINDOW - DEFAULT_REPLY_TOKENS,
};

export interface AgentFlags {
  maxSteps?: string | number;
  toolMode?: string;
  /** commander's `--no-context` sets `context: false`. */
  context?: boolean;
  promptBudget?: string | number;
}

/** What the default prompt budget is derived from: the model's window and reply size. */
export interface ModelWindow {
  contextSize: number | undefined;
  maxTokens: number;
}

/** The config file's `agent` section: every key optional, no unknown keys. */
const agentSection = agentSettingsSchema
  .extend({ context: agentSettingsSchema.shape.context.omit({ trustedServers: true }).partial().strict() })
  .partial()
  .strict();

export function resolveAgentSettings(input: {
  flags: AgentFlags;
  config: unknown;
  /** The config file, named in errors. */
  configFile?: string | undefined;
  /** The chosen model's window; absent: a 4,096-token window and 512-token replies. */
  model?: ModelWindow;
}): AgentSettings {
  const config = readConfigSection(agentSection, input.config, "agent", input.configFile);
  const defaults = DEFAULT_AGENT_SETTINGS;
  const derivedBudget =
    input.model === undefined
      ? defaults.promptBudgetTokens
      : Math.max(0, (input.model.contextSize ?? DEFAULT_CONTEXT_WINDOW) - input.model.maxTokens);
  return {
    maxSteps: pickSetting(
      z.preprocess(numeric, agentSettingsSchema.shape.maxSteps),
      defaults.maxSteps,
      { value: input.flags.maxSteps, source: "--max-steps" },
      { value: config.maxSteps, source: "config key agent.maxSteps" },
    ),
    toolMode: pickSetting(
      toolModes,
      defaults.toolMode,
      { value: input.flags.toolMode, source: "--tool-mode" },
      { value: config.toolMode, source: "config key agent.toolMode" },
    ),
    maxCorrections: config.maxCorrections ?? defaults.maxCorrections,
    observationTokens: config.observationTokens ?? defaults.observationTokens,
    historyTurns: config.historyTurns ?? defaults.historyTurns,
    promptBudgetTokens: pickSetting(
      z.preprocess(numeric, agentSettingsSchema.shape.promptBudgetTokens),
      derivedBudget,
      { value: input.flags.promptBudget, source: "--prompt-budget" },
      { value: config.promptBudgetTokens, source: "config key agent.promptBudgetTokens" },
    ),
    context: {
      // `--no-context` only ever turns it off; the flag's default (true) must not override the config.
      enabled: input.flags.context === false ? false : (config.context?.enabled ?? defaults.context.enabled),
      k: config.context?.k ?? defaults.context.k,
      budgetTokens: config.context?.budgetTokens ?? defaults.context.budgetTokens,
      ...(config.context?.tool === undefined ? {} : { tool: config.context.tool }),
    },
  };
}
