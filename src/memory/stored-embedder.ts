/**
 * A store keeps the embedder it was built with: when `AGENTE_EMBEDDER` is not set, the memory opens with the
 * embedder recorded on its collections (the one most passages were indexed with), so a store built with the
 * gguf embedder is searched with it, and one built with USE-lite stays on USE-lite. Moving a store to another
 * embedder is explicit: set `AGENTE_EMBEDDER` and run `agente memory reindex`.
 */
import { join } from "node:path";
import { modelCacheFolder } from "../models/cache-folder.js";
import { DEFAULT_EMBEDDING_MODEL } from "../models/known-models.js";
import type { CollectionInfo } from "./types.js";

/** The `AGENTE_EMBEDDER` value that rebuilds the recorded embedder; undefined when none is recorded. */
export function storedEmbedderSpec(
  collections: readonly CollectionInfo[],
  env: NodeJS.ProcessEnv,
): string | undefined {
  const passages = new Map<string, number>();
  for (const collection of collections) {
    const name = collection.embedder?.name;
    if (name !== undefined) passages.set(name, (passages.get(name) ?? 0) + collection.chunkCount);
  }
  const [name] = [...passages.entries()].sort((left, right) => right[1] - left[1])[0] ?? [];
  if (name === undefined) return undefined;
  if (name === "offline:use-lite") return "offline";
  if (name === `gguf:${DEFAULT_EMBEDDING_MODEL.label}`) return "gguf";
  // Another GGUF: the file it was downloaded to (or named as) in the model cache.
  if (name.startsWith("gguf:"))
    return `gguf:${join(modelCacheFolder(env), `${name.slice("gguf:".length)}.gguf`)}`;
  return name;
}
