/**
 * Context injection, as the seed prototype did before its first model call: when a server offers
 * `recuperar_contexto`, ask it for the passages closest to the user's message and keep as many as fit a
 * token budget, to be placed in the system prompt. The tool's name, arguments and reply come from the
 * memory server's contract.
 */

import { estimateCounter, type TokenCounter, truncateToTokens } from "../llm/token-counter.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import type { ContextPassage } from "../prompt/context-passage.js";
import {
  type RecallContextInput,
  recallContextOutput,
  recallContextTool,
} from "../servers/memory/contract.js";
import { errorMessage } from "../util/errors.js";

export const CONTEXT_TOOL = recallContextTool.name;

export interface ContextResult {
  passages: ContextPassage[];
  /** Set when the memory server failed: the turn goes on without context. */
  error?: string;
}

export interface ContextOptions {
  k: number;
  /** Most tokens all passages together may take in the system prompt. */
  budgetTokens: number;
  /** Counts the passages' tokens: the turn's counter, so they are budgeted as the prompt will count them. */
  counter?: TokenCounter;
  /** The exposed name of the tool to call (see `context-source.ts`); default `recuperar_contexto`. */
  tool?: string;
  signal?: AbortSignal;
}

export async function retrieveContext(
  hub: ToolHub,
  question: string,
  options: ContextOptions,
): Promise<ContextResult> {
  let result: Awaited<ReturnType<ToolHub["callTool"]>>;
  try {
    const request: RecallContextInput = { pregunta: question, k: options.k };
    result = await hub.callTool(
      options.tool ?? CONTEXT_TOOL,
      request,
      options.signal ? { signal: options.signal } : {},
    );
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { passages: [], error: errorMessage(error) };
  }
  if (result.isError === true)
    return { passages: [], error: textOf(result.content) || "the memory server reported an error" };
  const parsed = recallContextOutput.safeParse(result.structuredContent);
  if (!parsed.success) return { passages: [], error: `${CONTEXT_TOOL} returned no structured passages` };
  const passages = parsed.data.passages
    .filter((passage) => passage.text.trim() !== "")
    .map(
      (passage): ContextPassage => ({
        text: passage.text.replace(/\s+/g, " ").trim(),
        source: passage.source,
        ...(passage.position === undefined ? {} : { position: passage.position }),
        ...(passage.score === undefined ? {} : { score: passage.score }),
        ...(passage.documentId === undefined ? {} : { documentId: passage.documentId }),
        ...(passage.collection === undefined ? {} : { collection: passage.collection }),
      }),
    );
  return { passages: fitBudget(passages, options.budgetTokens, options.counter ?? estimateCounter()) };
}

function fitBudget(
  passages: ContextPassage[],
  budgetTokens: number,
  counter: TokenCounter,
): ContextPassage[] {
  const kept: ContextPassage[] = [];
  let left = budgetTokens;
  for (const passage of passages) {
    if (left < 20) break;
    const text = truncateToTokens(passage.text, left);
    kept.push({ ...passage, text });
    left -= counter.count(text) + 8;
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
