import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { storedEmbedderSpec } from "../../src/memory/stored-embedder.js";
import type { CollectionInfo } from "../../src/memory/types.js";

function collection(name: string, embedder: string | undefined, chunkCount: number): CollectionInfo {
  return {
    name,
    embedder: embedder === undefined ? undefined : { name: embedder, dimensions: 384 },
    documentCount: 1,
    chunkCount,
    chunksWithoutVector: 0,
  };
}

describe("storedEmbedderSpec", () => {
  it("is undefined for a store without vectors (the default embedder then)", () => {
    expect(storedEmbedderSpec([], {})).toBeUndefined();
    expect(storedEmbedderSpec([collection("default", undefined, 10)], {})).toBeUndefined();
  });

  it("rebuilds the embedder most passages were indexed with", () => {
    const collections = [
      collection("a", "offline:use-lite", 5),
      collection("b", "gguf:multilingual-e5-small-Q8_0", 40),
      collection("c", "offline:use-lite", 30),
    ];
    expect(storedEmbedderSpec(collections, {})).toBe("gguf");
    expect(storedEmbedderSpec([collection("a", "offline:use-lite", 1)], {})).toBe("offline");
    expect(storedEmbedderSpec([collection("a", "ollama:nomic-embed-text", 1)], {})).toBe(
      "ollama:nomic-embed-text",
    );
  });

  it("finds another GGUF embedder's file in the model cache", () => {
    expect(storedEmbedderSpec([collection("a", "gguf:bge-m3-Q8_0", 1)], { XDG_CACHE_HOME: "/cache" })).toBe(
      `gguf:${join("/cache", "agente", "models", "bge-m3-Q8_0.gguf")}`,
    );
  });
});
