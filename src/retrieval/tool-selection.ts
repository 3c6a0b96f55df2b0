/**
 * Picks the tools offered to the model for one turn. When every connected tool fits the budget, all are
 * offered and nothing is ranked. Otherwise the tools already used in the turn stay in, then the best-ranked
 * tools are added while their prompt lines fit the budget (the best one even when it alone does not fit),
 * each server's best tool first, so that every server stays reachable. The answer is never a tool: the
 * action schema always keeps `{"respuesta": …}`, so the model may answer without any tool.
 */
import { estimateCounter, type TokenCounter } from "../llm/token-counter.js";
import type { ExposedTool } from "../mcp/tool-hub.js";
import { toolEntry } from "../prompt/system-prompt.js";
import type { ToolRanker } from "./tool-ranker.js";

/** Share of the context window the tool list may take by default (issue 7: "as many as fit ~40%"). */
export const DEFAULT_TOOL_SHARE = 0.4;
/** Ollama's long-standing default `num_ctx`: what a small model gets unless someone raises it. */
export const DEFAULT_CONTEXT_TOKENS = 2048;

export interface ToolSelectionInput {
  tools: readonly ExposedTool[];
  message: string;
  /** Exposed names of tools already called in this turn: always offered again. */
  usedTools?: readonly string[];
  /** Most tokens the tool lines of the system prompt may take. */
  budgetTokens: number;
  ranker: ToolRanker;
  counter?: TokenCounter;
  /** A hard cap on the number of tools offered, whatever the budget. */
  maxTools?: number;
  signal?: AbortSignal;
}

export interface SelectionReason {
  name: string;
  /** The ranker's score; 0 when nothing was ranked. */
  score: number;
  why: string;
}

export interface ToolSelection {
  /** The tools to put in the prompt and the action schema, most relevant first. */
  offered: ExposedTool[];
  /** One entry per offered tool, same order. */
  reasons: SelectionReason[];
  /** True when the tools did not all fit and a ranker chose. */
  retrieved: boolean;
  /** Tokens the offered tools' prompt lines take. */
  toolTokens: number;
  /** How many connected tools were left out. */
  omitted: number;
}

export function toolBudgetTokens(contextTokens = DEFAULT_CONTEXT_TOKENS, share = DEFAULT_TOOL_SHARE): number {
  return Math.floor(contextTokens * share);
}

/** Tokens one tool takes in the system prompt (`- name(args): description` and the newline). */
export function toolLineTokens(tool: ExposedTool, counter: TokenCounter): number {
  return counter.count(`${toolEntry(tool)}\n`);
}

export async function selectTools(input: ToolSelectionInput): Promise<ToolSelection> {
  const counter = input.counter ?? estimateCounter();
  const maxTools = input.maxTools ?? Number.POSITIVE_INFINITY;
  const costs = new Map(input.tools.map((tool) => [tool, toolLineTokens(tool, counter)]));
  const total = [...costs.values()].reduce((sum, cost) => sum + cost, 0);
  if (total <= input.budgetTokens && input.tools.length <= maxTools) {
    return {
      offered: [...input.tools],
      reasons: input.tools.map((tool) => ({ name: tool.name, score: 0, why: "all tools fit the budget" })),
      retrieved: false,
      toolTokens: total,
      omitted: 0,
    };
  }

  const ranked = await input.ranker.rank(input.message, input.tools, input.signal);
  const offered: ExposedTool[] = [];
  const reasons: SelectionReason[] = [];
  let used = 0;
  const take = (tool: ExposedTool, score: number, why: string, force: boolean): void => {
    if (offered.includes(tool) || offered.length >= maxTools) return;
    const cost = costs.get(tool) ?? 0;
    if (!force && used + cost > input.budgetTokens) return;
    offered.push(tool);
    reasons.push({ name: tool.name, score, why });
    used += cost;
  };
  const scores = new Map(ranked.map((entry) => [entry.tool.name, entry]));
  for (const name of input.usedTools ?? []) {
    const tool = input.tools.find((candidate) => candidate.name === name);
    if (tool !== undefined) take(tool, scores.get(name)?.score ?? 0, "already used in this turn", true);
  }
  // Every server keeps its best-ranked tool: a question worded unlike a server's descriptions ("¿cuántas
  // facturas…?" vs "Run a read-only SQL query") must still be able to reach that server.
  const covered = new Set(offered.map((tool) => tool.server));
  for (const entry of ranked) {
    if (covered.has(entry.tool.server)) continue;
    covered.add(entry.tool.server);
    take(
      entry.tool,
      entry.score,
      `${input.ranker.name}: ${entry.why} (best of server "${entry.tool.server}")`,
      false,
    );
  }
  for (const entry of ranked) take(entry.tool, entry.score, `${input.ranker.name}: ${entry.why}`, false);
  // A budget too small for even one tool still offers the best one: no tool at all helps nobody.
  const best = ranked[0];
  if (offered.length === 0 && best !== undefined)
    take(
      best.tool,
      best.score,
      `${input.ranker.name}: ${best.why} (over the budget: the best tool always stays)`,
      true,
    );
  return {
    offered,
    reasons,
    retrieved: true,
    toolTokens: used,
    omitted: input.tools.length - offered.length,
  };
}
