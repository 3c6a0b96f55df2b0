/**
 * An embedder that prefers one model and falls back to another when the preferred cannot be had: the
 * memory's default is the multilingual GGUF model (downloaded on first use), with USE-lite, which needs no
 * download, behind it. The choice is made once, on first use, and told in one line; from then on every
 * call goes to the chosen embedder, and `identity()` names it, so a store records the one it was built with.
 */
import { AgenteError, errorMessage } from "../util/errors.js";
import type { Embedder, EmbedderIdentity, EmbeddingPurpose } from "./embedder.js";

export interface FallbackEmbedderOptions {
  preferred: Embedder;
  fallback: Embedder;
  /** Hears why the preferred embedder could not start, once, when the fallback takes over. */
  onFallback: (reason: string) => void;
}

export class FallbackEmbedder implements Embedder {
  readonly #options: FallbackEmbedderOptions;
  #choice: Promise<Embedder> | undefined;
  #chosen: Embedder | undefined;

  constructor(options: FallbackEmbedderOptions) {
    this.#options = options;
  }

  /** The preferred embedder's name until the choice is made, then the chosen one's. */
  get name(): string {
    return (this.#chosen ?? this.#options.preferred).name;
  }

  async identity(signal?: AbortSignal): Promise<EmbedderIdentity> {
    return (await this.#choose(signal)).identity(signal);
  }

  async embed(texts: string[], purpose: EmbeddingPurpose, signal?: AbortSignal): Promise<Float32Array[]> {
    return (await this.#choose(signal)).embed(texts, purpose, signal);
  }

  async close(): Promise<void> {
    await this.#options.preferred.close();
    await this.#options.fallback.close();
  }

  #choose(signal?: AbortSignal): Promise<Embedder> {
    this.#choice ??= this.#options.preferred.identity(signal).then(
      () => this.#settle(this.#options.preferred),
      (error: unknown) => {
        // A bug stays a bug, and a cancelled call decides nothing: the next call tries again.
        if (!(error instanceof AgenteError) || signal?.aborted) {
          this.#choice = undefined;
          throw error;
        }
        this.#options.onFallback(errorMessage(error));
        return this.#settle(this.#options.fallback);
      },
    );
    return this.#choice;
  }

  #settle(embedder: Embedder): Embedder {
    this.#chosen = embedder;
    return embedder;
  }
}
