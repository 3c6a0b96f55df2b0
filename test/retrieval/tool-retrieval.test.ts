import { describe, expect, it } from "vitest";
import { createEmbedder } from "../../src/embedders/create-embedder.js";
import { createTurnToolSelector, resolveToolRetrievalSettings } from "../../src/retrieval/tool-retrieval.js";
import { SEED_TOOLS } from "./support.js";

describe("resolveToolRetrievalSettings", () => {
  it("defaults to BM25 with 40% of the context for tools", () => {
    expect(resolveToolRetrievalSettings({ config: undefined, contextSize: undefined })).toEqual({
      ranker: "lexical",
      budgetTokens: 819,
      maxTools: undefined,
    });
    expect(resolveToolRetrievalSettings({ config: {}, contextSize: 8192 }).budgetTokens).toBe(3276);
    expect(
      resolveToolRetrievalSettings({ config: { contextShare: 0.25 }, contextSize: 4096 }).budgetTokens,
    ).toBe(1024);
    expect(
      resolveToolRetrievalSettings({
        config: { budgetTokens: 300, maxTools: 8, ranker: "hybrid" },
        contextSize: 4096,
      }),
    ).toEqual({
      ranker: "hybrid",
      budgetTokens: 300,
      maxTools: 8,
    });
  });

  it("names the bad key", () => {
    expect(() =>
      resolveToolRetrievalSettings({ config: { ranker: "magic" }, contextSize: undefined }),
    ).toThrow(/^invalid config key toolRetrieval\.ranker/);
    expect(() => resolveToolRetrievalSettings({ config: { k: 3 }, contextSize: undefined })).toThrow(
      /toolRetrieval/,
    );
  });
});

describe("createTurnToolSelector", () => {
  it("is undefined when retrieval is off", async () => {
    const settings = { ranker: "off" as const, budgetTokens: 100, maxTools: undefined };
    expect(
      await createTurnToolSelector({ settings, model: "llama3.2:1b", embedder: () => undefined }),
    ).toBeUndefined();
  });

  it("selects per turn with the model's tokenizer and the budget", async () => {
    const selector = await createTurnToolSelector({
      settings: { ranker: "lexical", budgetTokens: 40, maxTools: undefined },
      model: "llama3.2:1b",
      embedder: () => undefined,
    });
    const selection = await selector!.select({ tools: SEED_TOOLS, message: "Consulta la empresa Acme" });
    expect(selection.retrieved).toBe(true);
    expect(selection.offered[0]?.name).toBe("consultar_empresa");
    expect(selection.toolTokens).toBeLessThanOrEqual(40);
    await selector!.close();
  });

  it("falls back to BM25 for the embedding rankers when no embedder is configured (AGENTE_EMBEDDER=none)", async () => {
    const selector = await createTurnToolSelector({
      settings: { ranker: "hybrid", budgetTokens: 40, maxTools: undefined },
      model: "qwen2.5:1.5b",
      embedder: () => createEmbedder({ AGENTE_EMBEDDER: "none" }),
    });
    const selection = await selector!.select({ tools: SEED_TOOLS, message: "weather in Bilbao" });
    expect(selection.reasons[0]?.why).toMatch(/^lexical: /);
  });
});
