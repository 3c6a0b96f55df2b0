/**
 * Turns text into vectors. One interface for the offline model, Ollama and OpenAI-compatible servers; tests
 * use a deterministic double. Vectors come back unit-length so that a dot product is the cosine similarity.
 */
/** Which embedder produced a collection's vectors: vectors from another embedder are not comparable. */
export interface EmbedderIdentity {
  /** e.g. `offline:use-lite`, `ollama:nomic-embed-text`, `openai:text-embedding-3-small`. */
  name: string;
  dimensions: number;
}

/** Documents and queries may be embedded differently (nomic-embed-text wants a prefix on each). */
export type EmbeddingPurpose = "document" | "query";

export interface Embedder {
  /** Stable name recorded on collections, e.g. `ollama:nomic-embed-text`. */
  readonly name: string;
  /** Name and dimensions; may contact the server once to learn the dimensions. */
  identity(signal?: AbortSignal): Promise<EmbedderIdentity>;
  /** One unit-length vector per text, in order. Throws `SystemError` when the model cannot be reached. */
  embed(texts: string[], purpose: EmbeddingPurpose, signal?: AbortSignal): Promise<Float32Array[]>;
  /** Releases the model (offline embedder); a no-op for HTTP embedders. */
  close(): Promise<void>;
}

/** Scales a vector to unit length in place and returns it; a zero vector stays zero. */
export function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm > 0)
    for (let index = 0; index < vector.length; index++) vector[index] = (vector[index] ?? 0) / norm;
  return vector;
}

/** Dot product of two vectors of the same length (cosine similarity for unit vectors). */
export function dot(left: Float32Array, right: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}
