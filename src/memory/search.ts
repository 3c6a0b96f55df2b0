/**
 * Hybrid search: BM25 (lexical) and vector KNN lists fused by reciprocal rank fusion, after a relevance
 * threshold on each list, with near-duplicate passages removed.
 */
import type { MemoryStore } from "./store.js";
import type { ChunkHit, EmbedderIdentity, SearchFilter } from "./types.js";

export type SearchMode = "hybrid" | "lexical" | "vector";

/** RRF's damping constant, the value from Cormack et al. (2009) that most systems keep. */
const RRF_K = 60;

export interface SearchOptions {
  k: number;
  filter: SearchFilter;
  mode: SearchMode;
  /** Vector hits below this cosine similarity are not relevant. */
  minSimilarity: number;
  /** Passages whose word sets overlap at least this much (Jaccard) with a better one are dropped. */
  duplicateThreshold: number;
}

export const DEFAULT_MIN_SIMILARITY = 0.3;
export const DEFAULT_DUPLICATE_THRESHOLD = 0.8;

export interface Passage extends ChunkHit {
  /** Fused score in (0, 1]: 1 for a passage ranked first by both lists, 0.5 for first in one list only. */
  score: number;
  /** 1-based rank in the lexical list, when it was there. */
  lexicalRank: number | undefined;
  /** 1-based rank in the vector list, when it was there. */
  vectorRank: number | undefined;
  /** Cosine similarity to the query, when the vector list had it. */
  similarity: number | undefined;
}

export interface QueryVector {
  vector: Float32Array;
  embedder: EmbedderIdentity;
}

/** Runs the lists the mode asks for (vector only when `queryVector` is given) and fuses them. */
export async function hybridSearch(
  store: MemoryStore,
  query: string,
  queryVector: QueryVector | undefined,
  options: SearchOptions,
): Promise<Passage[]> {
  // Each list goes deeper than k so fusion, the threshold and duplicate removal have candidates to spare.
  // The vector list costs more per candidate (its scan keeps a top-n heap), so it goes less deep.
  const depth = Math.max(options.k * 4, 20);
  const vectorDepth = Math.max(options.k * 2, 10);
  const [lexical, vector] = await Promise.all([
    options.mode === "vector" ? [] : store.lexicalSearch(query, depth, options.filter),
    options.mode === "lexical" || !queryVector
      ? []
      : store.vectorSearch(queryVector.vector, queryVector.embedder, vectorDepth, options.filter),
  ]);
  const relevantVector = vector.filter((hit) => hit.score >= options.minSimilarity);
  const fused = fuse(lexical, relevantVector);
  return removeNearDuplicates(fused, options.duplicateThreshold).slice(0, options.k);
}

/** Reciprocal rank fusion of two ranked lists, scaled so that first place in both scores 1. */
export function fuse(lexical: ChunkHit[], vector: ChunkHit[]): Passage[] {
  const byChunk = new Map<string, Passage>();
  const scale = (RRF_K + 1) / 2;
  const add = (hit: ChunkHit, rank: number, list: "lexical" | "vector") => {
    const existing = byChunk.get(hit.chunkId) ?? {
      ...hit,
      score: 0,
      lexicalRank: undefined,
      vectorRank: undefined,
      similarity: undefined,
    };
    existing.score += scale / (RRF_K + rank);
    if (list === "lexical") existing.lexicalRank = rank;
    else {
      existing.vectorRank = rank;
      existing.similarity = hit.score;
    }
    byChunk.set(hit.chunkId, existing);
  };
  for (const [index, hit] of lexical.entries()) add(hit, index + 1, "lexical");
  for (const [index, hit] of vector.entries()) add(hit, index + 1, "vector");
  return [...byChunk.values()].sort((left, right) => right.score - left.score);
}

/** Keeps the first of each group of passages whose word sets are nearly the same (re-ingested copies, quotes). */
export function removeNearDuplicates<T extends { text: string }>(passages: T[], threshold: number): T[] {
  const kept: Array<{ passage: T; words: Set<string> }> = [];
  for (const passage of passages) {
    const words = new Set(passage.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
    if (kept.some((other) => jaccard(words, other.words) >= threshold)) continue;
    kept.push({ passage, words });
  }
  return kept.map((entry) => entry.passage);
}

function jaccard(left: Set<string>, right: Set<string>): number {
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}
