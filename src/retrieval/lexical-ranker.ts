/**
 * BM25 over tool documents: the ranker that needs no model at all, so tool retrieval works on every
 * machine. The name's words count double (they are indexed twice), synonyms from the bilingual vocabulary
 * count at a lower weight. Indexes are cached per tool list, so a turn costs one pass over the query terms.
 */
import type { ExposedTool } from "../mcp/tool-hub.js";
import { buildSynonyms, expandQuery, terms } from "./text-terms.js";
import { type RankedTool, sortRanked, type ToolRanker, toolDocument } from "./tool-ranker.js";

const K1 = 1.2;
const B = 0.75;

interface ToolIndex {
  /** Term frequencies per tool, in the hub's order. */
  frequencies: Array<Map<string, number>>;
  lengths: number[];
  averageLength: number;
  documentFrequency: Map<string, number>;
}

export class LexicalRanker implements ToolRanker {
  readonly name = "lexical";
  private readonly synonyms = buildSynonyms();
  /** Keyed by the tool list itself: the hub hands out the same array until its tools change. */
  private readonly indexes = new WeakMap<readonly ExposedTool[], ToolIndex>();

  async rank(message: string, tools: readonly ExposedTool[]): Promise<RankedTool[]> {
    return this.rankNow(message, tools);
  }

  /** The same ranking, synchronously (the lexical ranker never waits on anything). */
  rankNow(message: string, tools: readonly ExposedTool[]): RankedTool[] {
    const index = this.indexFor(tools);
    const query = expandQuery(message, this.synonyms);
    const count = tools.length;
    const ranked = tools.map((tool, position) => {
      const frequencies = index.frequencies[position] ?? new Map<string, number>();
      const length = index.lengths[position] ?? 0;
      let score = 0;
      const matched = new Set<string>();
      for (const { term, weight, source } of query) {
        const frequency = frequencies.get(term) ?? 0;
        if (frequency === 0) continue;
        const documents = index.documentFrequency.get(term) ?? 0;
        const idf = Math.log(1 + (count - documents + 0.5) / (documents + 0.5));
        const saturation =
          (frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * length) / (index.averageLength || 1)));
        score += weight * idf * saturation;
        matched.add(source);
      }
      const why = matched.size === 0 ? "no words in common" : `matched: ${[...matched].join(", ")}`;
      return { tool, score, why };
    });
    return sortRanked(ranked);
  }

  private indexFor(tools: readonly ExposedTool[]): ToolIndex {
    const cached = this.indexes.get(tools);
    if (cached !== undefined) return cached;
    const frequencies: Array<Map<string, number>> = [];
    const lengths: number[] = [];
    const documentFrequency = new Map<string, number>();
    for (const tool of tools) {
      const document = toolDocument(tool);
      const nameTerms = terms(document.name);
      const all = [...nameTerms, ...nameTerms, ...terms(document.body)];
      const counts = new Map<string, number>();
      for (const term of all) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      frequencies.push(counts);
      lengths.push(all.length);
    }
    const averageLength = lengths.reduce((total, length) => total + length, 0) / Math.max(1, lengths.length);
    const index = { frequencies, lengths, averageLength, documentFrequency };
    this.indexes.set(tools, index);
    return index;
  }
}
