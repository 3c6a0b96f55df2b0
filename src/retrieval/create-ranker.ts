/**
 * Builds the tool ranker a command asked for. `hybrid` and `embedding` use the embedder the caller hands
 * in (the memory's, `AGENTE_EMBEDDER`, offline USE-lite by default); with none (`AGENTE_EMBEDDER=none`)
 * they fall back to BM25.
 */
import type { Embedder } from "../embedders/embedder.js";
import { UserError } from "../util/errors.js";
import { EmbeddingRanker, HybridRanker } from "./embedding-ranker.js";
import { LexicalRanker } from "./lexical-ranker.js";
import type { ToolRanker } from "./tool-ranker.js";

export const RANKER_KINDS = ["lexical", "hybrid", "embedding"] as const;
export type RankerKind = (typeof RANKER_KINDS)[number];

export interface CreatedRanker {
  ranker: ToolRanker;
  /** Releases the embedder, when there is one. */
  close(): Promise<void>;
}

export function createToolRanker(
  kind: string,
  options: {
    /** Called only for the rankers that embed; undefined means no embedder is configured. */
    embedder: () => Embedder | undefined;
    onEmbedderError?: (error: unknown) => void;
  },
): CreatedRanker {
  if (!(RANKER_KINDS as readonly string[]).includes(kind))
    throw new UserError(`unknown tool ranker "${kind}"`, { hint: `use one of: ${RANKER_KINDS.join(", ")}` });
  if (kind === "lexical") return { ranker: new LexicalRanker(), close: async () => {} };
  const embedder = options.embedder();
  if (embedder === undefined) return { ranker: new LexicalRanker(), close: async () => {} };
  const ranker =
    kind === "embedding"
      ? new EmbeddingRanker(embedder)
      : new HybridRanker({
          embedder,
          ...(options.onEmbedderError === undefined ? {} : { onEmbedderError: options.onEmbedderError }),
        });
  return { ranker, close: () => embedder.close() };
}
