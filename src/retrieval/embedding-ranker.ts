/**
 * Rankers on the memory's embedder: cosine similarity between the question and each tool document, and a
 * hybrid that fuses it with BM25 by reciprocal rank, so a question in Spanish still finds a Spanish tool
 * when the embedding model only knows English (the offline USE-lite model). Tool vectors are computed once
 * per tool text and kept for the life of the ranker.
 */

import { dot, type Embedder } from "../embedders/embedder.js";
import type { ExposedTool } from "../mcp/tool-hub.js";
import { LexicalRanker } from "./lexical-ranker.js";
import { type RankedTool, sortRanked, type ToolRanker, toolDocument } from "./tool-ranker.js";

/** The usual reciprocal-rank-fusion constant: damps the difference between the very first ranks. */
const FUSION_K = 60;

export class EmbeddingRanker implements ToolRanker {
  readonly name: string;
  private readonly embedder: Embedder;
  private readonly vectors = new Map<string, Float32Array>();

  constructor(embedder: Embedder) {
    this.embedder = embedder;
    this.name = `embedding:${embedder.name}`;
  }

  async rank(message: string, tools: readonly ExposedTool[], signal?: AbortSignal): Promise<RankedTool[]> {
    const texts = tools.map(embeddingText);
    const missing = [...new Set(texts.filter((text) => !this.vectors.has(text)))];
    if (missing.length > 0) {
      const vectors = await this.embedder.embed(missing, "document", signal);
      missing.forEach((text, index) => {
        const vector = vectors[index];
        if (vector !== undefined) this.vectors.set(text, vector);
      });
    }
    const [query] = await this.embedder.embed([message], "query", signal);
    const ranked = tools.map((tool, index) => {
      const vector = this.vectors.get(texts[index] ?? "");
      const score = query === undefined || vector === undefined ? 0 : dot(query, vector);
      return { tool, score, why: `similarity ${score.toFixed(2)}` };
    });
    return sortRanked(ranked);
  }
}

/** BM25 and embeddings fused by reciprocal rank; the lexical ranker alone when the embedder fails. */
export class HybridRanker implements ToolRanker {
  readonly name: string;
  private readonly lexical: LexicalRanker;
  private readonly embedding: EmbeddingRanker;
  private readonly onEmbedderError: ((error: unknown) => void) | undefined;

  constructor(options: {
    embedder: Embedder;
    lexical?: LexicalRanker;
    onEmbedderError?: (error: unknown) => void;
  }) {
    this.lexical = options.lexical ?? new LexicalRanker();
    this.embedding = new EmbeddingRanker(options.embedder);
    this.onEmbedderError = options.onEmbedderError;
    this.name = `hybrid:${options.embedder.name}`;
  }

  async rank(message: string, tools: readonly ExposedTool[], signal?: AbortSignal): Promise<RankedTool[]> {
    const lexical = this.lexical.rankNow(message, tools);
    let semantic: RankedTool[];
    try {
      semantic = await this.embedding.rank(message, tools, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      // Retrieval must never stop a turn: tell the caller, go on with BM25.
      this.onEmbedderError?.(error);
      return lexical;
    }
    const fused = new Map<ExposedTool, { score: number; why: string[] }>();
    const add = (list: RankedTool[], useRank: (entry: RankedTool) => boolean) => {
      list.forEach((entry, rank) => {
        const current = fused.get(entry.tool) ?? { score: 0, why: [] };
        if (useRank(entry)) current.score += 1 / (FUSION_K + rank + 1);
        current.why.push(entry.why);
        fused.set(entry.tool, current);
      });
    };
    // A tool with no word in common gets no lexical vote: its BM25 rank among zeros means nothing.
    add(lexical, (entry) => entry.score > 0);
    add(semantic, () => true);
    return sortRanked(
      tools.map((tool) => {
        const entry = fused.get(tool) ?? { score: 0, why: [] };
        return { tool, score: entry.score, why: entry.why.join("; ") };
      }),
    );
  }
}

function embeddingText(tool: ExposedTool): string {
  const document = toolDocument(tool);
  return `${document.name}: ${document.body}`;
}
