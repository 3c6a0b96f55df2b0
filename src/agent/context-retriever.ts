/**
 * Context injection, as the seed's `agente.py` did before its first model call: when a server offers
 * `recuperar_contexto`, ask it for the passages closest to the user's message and keep as many as fit a
 * token budget, to be placed in the system prompt.
 */

import { estimateTokens, truncateToTokens } from "../llm/token-estimate.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import { errorMessage } from "../util/errors.js";

export const CONTEXT_TOOL = "recuperar_contexto";

export interface ContextPassage {
  text: string;
  source: string;
  position?: number;
  score?: number;
  documentId?: string;
  collection?: string;
}

export interface ContextResult {
  passages: ContextPassage[];
  /** Set when the memory server failed: the turn goes on without context. */
  error?: string;
}

export interface ContextOptions {
  k: number;
  /** Most tokens all passages together may take in the system prompt. */
  budgetTokens: number;
  /** The exposed name of the tool to call (see `context-source.ts`); default `recuperar_contexto`. */
  tool?: string;
  signal?: AbortSignal;
}

export function offersContext(hub: ToolHub): boolean {
  return hub.tools().some((tool) => tool.name === CONTEXT_TOOL);
}

export async function retrieveContext(
  hub: ToolHub,
  question: string,
  options: ContextOptions,
): Promise<ContextResult> {
  let result: Awaited<ReturnType<ToolHub["callTool"]>>;
  try {
    result = await hub.callTool(
      options.tool ?? CONTEXT_TOOL,
      { pregunta: question, k: options.k },
      options.signal ? { signal: options.signal } : {},
    );
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { passages: [], error: errorMessage(error) };
  }
  if (result.isError === true)
    return { passages: [], error: textOf(result.content) || "the memory server reported an error" };
  const raw = (result.structuredContent as { passages?: unknown } | undefined)?.passages;
  if (!Array.isArray(raw))
    return { passages: [], error: "recuperar_contexto returned no structured passages" };
  return { passages: fitBudget(raw.flatMap(toPassage), options.budgetTokens) };
}

function toPassage(value: unknown): ContextPassage[] {
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  if (typeof record.text !== "string" || record.text.trim() === "") return [];
  return [
    {
      text: record.text.replace(/\s+/g, " ").trim(),
      source: typeof record.source === "string" ? record.source : "memoria",
      ...(typeof record.position === "number" ? { position: record.position } : {}),
      ...(typeof record.score === "number" ? { score: record.score } : {}),
      ...(typeof record.documentId === "string" || typeof record.documentId === "number"
        ? { documentId: String(record.documentId) }
        : {}),
      ...(typeof record.collection === "string" ? { collection: record.collection } : {}),
    },
  ];
}

function fitBudget(passages: ContextPassage[], budgetTokens: number): ContextPassage[] {
  const kept: ContextPassage[] = [];
  let left = budgetTokens;
  for (const passage of passages) {
    if (left < 20) break;
    const text = truncateToTokens(passage.text, left);
    kept.push({ ...passage, text });
    left -= estimateTokens(text) + 8;
  }
  return kept;
}

function textOf(content: unknown): string {
  if (!Array.isArray(content)) return "";
  return content
    .filter(
      (part): part is { type: "text"; text: string } =>
        part?.type === "text" && typeof part.text === "string",
    )
    .map((part) => part.text)
    .join("\n");
}
