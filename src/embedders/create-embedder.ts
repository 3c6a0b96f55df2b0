/**
 * Picks the embedder from `AGENTE_EMBEDDER`: `offline` | `gguf[:url or file]` | `ollama[:model]` |
 * `openai[:model]` | `none`. Unset, this gives `offline` (tool ranking uses it so); the memory instead opens
 * a store with the embedder it was built with, and a new store with `defaultEmbedder` (open-memory.ts).
 */
import { localised } from "../i18n/localised.js";
import { UserError } from "../util/errors.js";
import type { Embedder } from "./embedder.js";
import { ggufEmbedderFor } from "./gguf-source.js";
import { type Fetch, OllamaEmbedder, OpenAiEmbedder } from "./http-embedder.js";
import { OfflineEmbedder } from "./offline-embedder.js";

export const DEFAULT_OLLAMA_EMBEDDING_MODEL = "nomic-embed-text";
export const DEFAULT_OPENAI_EMBEDDING_MODEL = "text-embedding-3-small";

/** Returns undefined for `none`: the memory then works lexically only. */
export function createEmbedder(env: NodeJS.ProcessEnv, fetchFunction?: Fetch): Embedder | undefined {
  const spec = (env.AGENTE_EMBEDDER ?? "offline").trim();
  const separator = spec.indexOf(":");
  const kind = separator === -1 ? spec : spec.slice(0, separator);
  const model = separator === -1 ? "" : spec.slice(separator + 1);
  switch (kind) {
    case "":
    case "offline":
      return new OfflineEmbedder();
    case "none":
      return undefined;
    case "gguf":
      return ggufEmbedderFor(model, env);
    case "ollama":
      return new OllamaEmbedder({
        host: env.OLLAMA_HOST || "http://127.0.0.1:11434",
        model: model || DEFAULT_OLLAMA_EMBEDDING_MODEL,
        ...(fetchFunction ? { fetch: fetchFunction } : {}),
      });
    case "openai":
      return new OpenAiEmbedder({
        baseUrl: env.OPENAI_BASE_URL || "https://api.openai.com/v1",
        apiKey: env.OPENAI_API_KEY || undefined,
        model: model || DEFAULT_OPENAI_EMBEDDING_MODEL,
        ...(fetchFunction ? { fetch: fetchFunction } : {}),
      });
    default:
      throw new UserError(localised("errorsMemory.unknownEmbedder", { spec }), {
        hint: localised("errorsMemory.unknownEmbedderHint"),
      });
  }
}
