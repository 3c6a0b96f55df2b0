/**
 * Tool retrieval as the agent uses it, once per turn: settings from the config file's `toolRetrieval`
 * section, and a selector built from them (ranker, token counter for the model, budget). The agent loop
 * calls the selector with the connected tools and the user's message and offers only `offered`.
 *
 * `agente.json`: `"toolRetrieval": { "ranker": "lexical", "contextShare": 0.4, "budgetTokens": 819, "maxTools": 24 }`.
 */
import { z } from "zod";
import type { Embedder } from "../embedders/embedder.js";
import { type TokenCounter, tokenCounterFor } from "../llm/token-counter.js";
import type { ExposedTool } from "../mcp/tool-hub.js";
import { UserError } from "../util/errors.js";
import { createToolRanker, RANKER_KINDS } from "./create-ranker.js";
import type { ToolRanker } from "./tool-ranker.js";
import {
  DEFAULT_CONTEXT_TOKENS,
  DEFAULT_TOOL_SHARE,
  selectTools,
  type ToolSelection,
  toolBudgetTokens,
} from "./tool-selection.js";

export interface ToolRetrievalSettings {
  /** `off` offers every tool, whatever the budget. */
  ranker: (typeof RANKER_KINDS)[number] | "off";
  /** Tokens the tool list may take. */
  budgetTokens: number;
  maxTools: number | undefined;
}

const section = z
  .object({
    ranker: z.enum([...RANKER_KINDS, "off"]).optional(),
    budgetTokens: z.number().int().min(50).max(100_000).optional(),
    contextShare: z.number().gt(0).max(0.9).optional(),
    maxTools: z.number().int().min(1).max(500).optional(),
  })
  .strict();

/** Reads `toolRetrieval` from the config; the budget defaults to `contextShare` (40%) of the context size. */
export function resolveToolRetrievalSettings(input: {
  config: unknown;
  /** The model's context window when fixed (`model.contextSize`); Ollama's default 2,048 otherwise. */
  contextSize: number | undefined;
}): ToolRetrievalSettings {
  const parsed = section.safeParse(input.config ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(
      `invalid config key toolRetrieval${issue?.path.length ? `.${issue.path.join(".")}` : ""}: ${issue?.message ?? "invalid"}`,
      {
        hint: `ranker is one of ${[...RANKER_KINDS, "off"].join(", ")}; budgetTokens and maxTools are integers`,
      },
    );
  }
  const config = parsed.data;
  return {
    ranker: config.ranker ?? "lexical",
    budgetTokens:
      config.budgetTokens ??
      toolBudgetTokens(
        input.contextSize ?? DEFAULT_CONTEXT_TOKENS,
        config.contextShare ?? DEFAULT_TOOL_SHARE,
      ),
    maxTools: config.maxTools,
  };
}

export interface TurnToolRequest {
  tools: readonly ExposedTool[];
  message: string;
  /** Tools already called in this turn, when the caller re-selects between steps. */
  usedTools?: readonly string[];
  signal?: AbortSignal;
}

/** What the agent loop calls per turn. */
export type TurnToolSelector = (request: TurnToolRequest) => Promise<ToolSelection>;

export function toolSelector(options: {
  ranker: ToolRanker;
  counter: TokenCounter;
  budgetTokens: number;
  maxTools?: number;
}): TurnToolSelector {
  return (request) =>
    selectTools({
      ...request,
      ranker: options.ranker,
      counter: options.counter,
      budgetTokens: options.budgetTokens,
      ...(options.maxTools === undefined ? {} : { maxTools: options.maxTools }),
    });
}

/**
 * The selector for a model and settings, or undefined when retrieval is off. `close` frees the embedder
 * of the `hybrid` and `embedding` rankers.
 */
export async function createTurnToolSelector(input: {
  settings: ToolRetrievalSettings;
  model: string;
  /** The embedder for the `hybrid` and `embedding` rankers, made on demand; undefined: none configured. */
  embedder: () => Embedder | undefined;
  onEmbedderError?: (error: unknown) => void;
}): Promise<{ select: TurnToolSelector; close: () => Promise<void> } | undefined> {
  if (input.settings.ranker === "off") return undefined;
  const created = createToolRanker(input.settings.ranker, {
    embedder: input.embedder,
    ...(input.onEmbedderError === undefined ? {} : { onEmbedderError: input.onEmbedderError }),
  });
  const select = toolSelector({
    ranker: created.ranker,
    counter: await tokenCounterFor(input.model),
    budgetTokens: input.settings.budgetTokens,
    ...(input.settings.maxTools === undefined ? {} : { maxTools: input.settings.maxTools }),
  });
  return { select, close: created.close };
}
