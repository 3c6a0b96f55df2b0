/**
 * Tool retrieval: which of the connected tools fit a user message best. A ranker scores every tool; the
 * selection (tool-selection.ts) then keeps as many of the best as fit the prompt budget. Rankers see a tool
 * as one document: its name split into words, title, description, argument names and their descriptions.
 */
import type { ExposedTool, JsonSchema } from "../mcp/tool-hub.js";

export interface RankedTool {
  tool: ExposedTool;
  /** Higher is more relevant; comparable only within one ranking. */
  score: number;
  /** Short human-readable reason, for `--verbose` and the trace: matched words, similarity. */
  why: string;
}

export interface ToolRanker {
  /** `lexical`, `embedding:<embedder>` or `hybrid:<embedder>`. */
  readonly name: string;
  /** Every tool, best first; ties keep the hub's order. Throws only when cancelled. */
  rank(message: string, tools: readonly ExposedTool[], signal?: AbortSignal): Promise<RankedTool[]>;
}

/** `consultar_empresa` → `consultar empresa`; `listDirectory` → `list Directory`. */
export function splitIdentifier(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.:/]+/g, " ")
    .trim();
}

/** The text a ranker indexes for a tool. The name comes first and twice: it is the strongest signal. */
export function toolDocument(tool: ExposedTool): { name: string; body: string } {
  const name = splitIdentifier(
    tool.name === tool.originalName ? tool.name : `${tool.server} ${tool.originalName}`,
  );
  const parts = [tool.title ?? "", tool.description, ...argumentTexts(tool.inputSchema)];
  return { name, body: parts.filter((part) => part !== "").join(". ") };
}

function argumentTexts(schema: JsonSchema): string[] {
  const texts: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    texts.push(splitIdentifier(name));
    if (property !== null && typeof property === "object") {
      const record = property as Record<string, unknown>;
      if (typeof record.description === "string") texts.push(record.description);
      if (Array.isArray(record.enum))
        texts.push(record.enum.filter((value) => typeof value === "string").join(" "));
    }
  }
  return texts;
}

/** Sorts by score, best first; equal scores keep the input order. */
export function sortRanked(ranked: RankedTool[]): RankedTool[] {
  return ranked
    .map((entry, index) => ({ entry, index }))
    .sort((left, right) => right.entry.score - left.entry.score || left.index - right.index)
    .map(({ entry }) => entry);
}
