/**
 * A deterministic test double for `Embedder`: each word is hashed to a dimension, so texts sharing words
 * are close and texts sharing none are orthogonal. Records every call.
 */
import { createHash } from "node:crypto";
import { type Embedder, type EmbeddingPurpose, normalize } from "../../../src/embedders/embedder.js";
import type { EmbedderIdentity } from "../../../src/memory/types.js";

export class HashingEmbedder implements Embedder {
  readonly name: string;
  readonly dimensions: number;
  readonly calls: Array<{ texts: string[]; purpose: EmbeddingPurpose }> = [];
  /** When set, every call throws it (to simulate a model server that is down). */
  failure: Error | undefined;

  constructor(options: { name?: string; dimensions?: number } = {}) {
    this.name = options.name ?? "test:hashing";
    this.dimensions = options.dimensions ?? 64;
  }

  async identity(): Promise<EmbedderIdentity> {
    if (this.failure) throw this.failure;
    return { name: this.name, dimensions: this.dimensions };
  }

  async embed(texts: string[], purpose: EmbeddingPurpose): Promise<Float32Array[]> {
    this.calls.push({ texts, purpose });
    if (this.failure) throw this.failure;
    return texts.map((text) => this.vector(text));
  }

  vector(text: string): Float32Array {
    const vector = new Float32Array(this.dimensions);
    for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      const digest = createHash("md5").update(word).digest();
      const index = digest.readUInt32LE(0) % this.dimensions;
      vector[index] = (vector[index] ?? 0) + 1;
    }
    return normalize(vector);
  }

  async close(): Promise<void> {}
}
