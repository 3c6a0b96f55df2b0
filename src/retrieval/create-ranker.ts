/**
 * Builds the tool ranker a command asked for. `hybrid` and `embedding` use the memory's embedder
 * (`AGENTE_EMBEDDER`, offline USE-lite by default); with `AGENTE_EMBEDDER=none` they fall back to BM25.
 */
import { createEmbedder } from "../memory/embedders/create-embedder.js";
import type { Embedder } from "../memory/embedders/embedder.js";
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
  options: { env: NodeJS.ProcessEnv; embedder?: Embedder; onEmbedderError?: (error: unknown) => void },
): CreatedRanker {
  if (!(RANKER_KINDS as readonly string[]).includes(kind))
    throw new UserError(`unknown tool ranker "${kind}"`, { hint: `use one of: ${RANKER_KINDS.join(", ")}` });
  if (kind === "lexical") return { ranker: new LexicalRanker(), close: async () => {} };
  const embedder = options.embedder ?? createEmbedder(options.env);
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
