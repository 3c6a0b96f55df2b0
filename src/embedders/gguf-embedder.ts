/**
 * Embeddings from a GGUF model run in-process by llama.cpp (node-llama-cpp, the engine of the embedded chat
 * provider). The model file comes from the model cache, downloaded on first use; `AGENTE_EMBEDDER=gguf`
 * takes agente's multilingual default, `gguf:<url or file>` any other. E5 models are trained with
 * `query: ` / `passage: ` prefixes, nomic-embed-text with its own; others get none.
 */
import { access } from "node:fs/promises";
import { availableParallelism } from "node:os";
import type { Llama, LlamaEmbeddingContext, LlamaModel } from "node-llama-cpp";
import { disposeEngine, startLlama } from "../models/llama-runtime.js";
import { errorMessage, SystemError, UserError } from "../util/errors.js";
import type { EmbedderIdentity } from "./embedder.js";
import { type Embedder, type EmbeddingPurpose, normalize } from "./embedder.js";

export interface GgufEmbedderOptions {
  /** Stable label recorded on collections, e.g. `gguf:multilingual-e5-small-Q8_0`. */
  label: string;
  /** Returns the model file, downloading it into the cache when needed. */
  resolveFile: () => Promise<string>;
  /** CPU threads; default all cores but one. */
  threads?: number;
  /** Loads node-llama-cpp; injected so a missing package can be tested. */
  loadModule?: () => Promise<typeof import("node-llama-cpp")>;
}

interface Engine {
  llama: Llama;
  model: LlamaModel;
  context: LlamaEmbeddingContext;
  contextSize: number;
}

/** Passages are chunks of about a paragraph; a small window evaluates faster than the model's full one. */
const MAX_CONTEXT = 1024;

const PREFIXES: Array<{ pattern: RegExp; prefixes: Record<EmbeddingPurpose, string> }> = [
  { pattern: /e5/i, prefixes: { document: "passage: ", query: "query: " } },
  { pattern: /nomic-embed/i, prefixes: { document: "search_document: ", query: "search_query: " } },
];

export class GgufEmbedder implements Embedder {
  readonly name: string;
  readonly #options: GgufEmbedderOptions;
  #engine: Promise<Engine> | undefined;
  #dimensions: number | undefined;

  constructor(options: GgufEmbedderOptions) {
    this.#options = options;
    this.name = `gguf:${options.label}`;
  }

  async identity(): Promise<EmbedderIdentity> {
    const engine = await this.#start();
    this.#dimensions ??= engine.model.embeddingVectorSize;
    return { name: this.name, dimensions: this.#dimensions };
  }

  async embed(texts: string[], purpose: EmbeddingPurpose, signal?: AbortSignal): Promise<Float32Array[]> {
    const engine = await this.#start();
    const prefix = PREFIXES.find((entry) => entry.pattern.test(this.#options.label))?.prefixes[purpose] ?? "";
    // Longer passages are cut to the context (chunking keeps them well under it).
    const limit = engine.contextSize;
    const vectors: Float32Array[] = [];
    for (const text of texts) {
      signal?.throwIfAborted();
      let tokens = engine.model.tokenize(prefix + (text.trim() === "" ? " " : text));
      if (tokens.length > limit) tokens = tokens.slice(0, limit);
      const embedding = await engine.context.getEmbeddingFor(tokens);
      vectors.push(normalize(Float32Array.from(embedding.vector)));
    }
    return vectors;
  }

  async close(): Promise<void> {
    const engine = this.#engine;
    this.#engine = undefined;
    await disposeEngine(engine);
  }

  #start(): Promise<Engine> {
    this.#engine ??= this.#load();
    return this.#engine;
  }

  async #load(): Promise<Engine> {
    const file = await this.#options.resolveFile();
    try {
      await access(file);
    } catch {
      throw new UserError(`GGUF embedding model not found: ${file}`, {
        hint: "set AGENTE_EMBEDDER=gguf:<an existing .gguf file or URL>, or AGENTE_EMBEDDER=offline",
      });
    }
    let module: typeof import("node-llama-cpp");
    try {
      module = await (this.#options.loadModule ?? (() => import("node-llama-cpp")))();
    } catch (error) {
      throw new SystemError(
        `the gguf embedder needs the optional package node-llama-cpp (${errorMessage(error)})`,
        {
          cause: error,
          hint: "reinstall agente's dependencies (npm ci), or set AGENTE_EMBEDDER=offline",
        },
      );
    }
    const llama = await startLlama(module, {
      gpu: false,
      hint: "reinstall agente's dependencies (npm ci) so node-llama-cpp's platform package is present, or set AGENTE_EMBEDDER=offline",
    });
    try {
      const model = await llama.loadModel({ modelPath: file });
      const threads = this.#options.threads ?? Math.max(1, availableParallelism() - 1);
      const contextSize = Math.min(MAX_CONTEXT, model.trainContextSize);
      const context = await model.createEmbeddingContext({ threads, contextSize });
      return { llama, model, context, contextSize };
    } catch (error) {
      await llama.dispose();
      throw new SystemError(`llama.cpp could not load the embedding model ${file}: ${errorMessage(error)}`, {
        cause: error,
        hint: "check that the file is a GGUF embedding model, or set AGENTE_EMBEDDER=offline",
      });
    }
  }
}
