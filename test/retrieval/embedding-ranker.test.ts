import { describe, expect, it } from "vitest";
import type { Embedder, EmbeddingPurpose } from "../../src/embedders/embedder.js";
import { normalize } from "../../src/embedders/embedder.js";
import { EmbeddingRanker, HybridRanker } from "../../src/retrieval/embedding-ranker.js";
import { SEED_TOOLS } from "./support.js";

/** A deterministic bag-of-words embedder: each word lights one of 64 dimensions. Records every call. */
class WordEmbedder implements Embedder {
  readonly name = "test:words";
  readonly calls: Array<{ texts: string[]; purpose: EmbeddingPurpose }> = [];
  failing = false;

  async identity() {
    return { name: this.name, dimensions: 64 };
  }

  async embed(texts: string[], purpose: EmbeddingPurpose): Promise<Float32Array[]> {
    if (this.failing) throw new Error("embedding server down");
    this.calls.push({ texts, purpose });
    return texts.map((text) => {
      const vector = new Float32Array(64);
      for (const word of text
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter((entry) => entry.length > 3)) {
        let hash = 0;
        for (const character of word) hash = (hash * 31 + character.charCodeAt(0)) % 64;
        vector[hash] = (vector[hash] ?? 0) + 1;
      }
      return normalize(vector);
    });
  }

  async close() {}
}

describe("EmbeddingRanker", () => {
  it("ranks by similarity between the question and each tool's name, description and arguments", async () => {
    const ranker = new EmbeddingRanker(new WordEmbedder());
    const ranked = await ranker.rank("what is the current weather for the city of Bilbao", SEED_TOOLS);
    expect(ranked[0]?.tool.name).toBe("get_weather");
    expect(ranked[0]?.why).toMatch(/^similarity 0\.\d\d$/);
    expect(ranker.name).toBe("embedding:test:words");
  });

  it("embeds each tool once for the life of the ranker, and the question every time", async () => {
    const embedder = new WordEmbedder();
    const ranker = new EmbeddingRanker(embedder);
    await ranker.rank("weather", SEED_TOOLS);
    await ranker.rank("file contents", SEED_TOOLS);
    const documents = embedder.calls.filter((call) => call.purpose === "document");
    expect(documents).toHaveLength(1);
    expect(documents[0]?.texts).toHaveLength(SEED_TOOLS.length);
    expect(embedder.calls.filter((call) => call.purpose === "query")).toHaveLength(2);
  });
});

describe("HybridRanker", () => {
  it("fuses BM25 and embeddings: a Spanish question still finds the Spanish tool", async () => {
    const ranker = new HybridRanker({ embedder: new WordEmbedder() });
    const ranked = await ranker.rank("Consulta la empresa Acme", SEED_TOOLS);
    expect(ranked[0]?.tool.name).toBe("consultar_empresa");
    expect(ranked[0]?.why).toMatch(/matched: .*; similarity/);
  });

  it("falls back to BM25 and reports it when the embedder fails", async () => {
    const embedder = new WordEmbedder();
    embedder.failing = true;
    const errors: unknown[] = [];
    const ranker = new HybridRanker({ embedder, onEmbedderError: (error) => errors.push(error) });
    const ranked = await ranker.rank("Consulta la empresa Acme", SEED_TOOLS);
    expect(ranked[0]?.tool.name).toBe("consultar_empresa");
    expect(ranked).toHaveLength(SEED_TOOLS.length);
    expect(errors).toHaveLength(1);
  });
});
