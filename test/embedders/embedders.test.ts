import { describe, expect, it } from "vitest";
import { createEmbedder } from "../../src/embedders/create-embedder.js";
import { OllamaEmbedder, OpenAiEmbedder } from "../../src/embedders/http-embedder.js";
import { OfflineEmbedder } from "../../src/embedders/offline-embedder.js";
import { SystemError, UserError } from "../../src/util/errors.js";

/** A fetch double that answers from a function and records every request. */
function scriptedFetch(answer: (url: string, body: Record<string, unknown>) => Response) {
  const requests: Array<{ url: string; body: Record<string, unknown>; headers: Headers }> = [];
  const fetchFunction = (async (input: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    requests.push({ url: String(input), body, headers: new Headers(init?.headers) });
    return answer(String(input), body);
  }) as typeof fetch;
  return { fetchFunction, requests };
}

describe("OllamaEmbedder", () => {
  it("posts batches to /api/embed with nomic-embed-text's prefixes and returns unit vectors", async () => {
    const { fetchFunction, requests } = scriptedFetch((_url, body) =>
      Response.json({ embeddings: (body.input as string[]).map(() => [3, 4]) }),
    );
    const embedder = new OllamaEmbedder({
      host: "localhost:11434",
      model: "nomic-embed-text",
      fetch: fetchFunction,
    });
    const texts = Array.from({ length: 70 }, (_, index) => `text ${index}`);
    const vectors = await embedder.embed(texts, "document");
    expect(vectors).toHaveLength(70);
    expect(Array.from(vectors[0] ?? [])).toEqual([expect.closeTo(0.6, 5), expect.closeTo(0.8, 5)]);
    expect(requests.map((request) => (request.body.input as string[]).length)).toEqual([64, 6]);
    expect(requests[0]?.url).toBe("http://localhost:11434/api/embed");
    expect((requests[0]?.body.input as string[] | undefined)?.[0]).toBe("search_document: text 0");
    await embedder.embed(["q"], "query");
    expect((requests[2]?.body.input as string[] | undefined)?.[0]).toBe("search_query: q");
    expect(await embedder.identity()).toEqual({ name: "ollama:nomic-embed-text", dimensions: 2 });
  });

  it("turns an unreachable server into a SystemError with a hint", async () => {
    const failing = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof fetch;
    const embedder = new OllamaEmbedder({
      host: "http://127.0.0.1:1",
      model: "nomic-embed-text",
      fetch: failing,
    });
    const error = await embedder.embed(["x"], "query").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SystemError);
    expect(error).toMatchObject({
      message: "cannot reach Ollama at http://127.0.0.1:1",
      hint: expect.stringMatching(/ollama pull/),
    });
  });

  it("names the malformed field of an /api/embed reply", async () => {
    const { fetchFunction } = scriptedFetch(() => Response.json({ embeddings: [["0.1", "0.2"]] }));
    const embedder = new OllamaEmbedder({
      host: "localhost:11434",
      model: "all-minilm",
      fetch: fetchFunction,
    });
    const error = await embedder.embed(["x"], "query").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SystemError);
    expect((error as SystemError).message).toBe(
      "the reply of Ollama to an embeddings request was not what agente expects: embeddings.0.0: expected number, received string",
    );
  });
});

describe("OpenAiEmbedder", () => {
  it("posts to /embeddings with the key, in the server's index order, and never shows the key", async () => {
    const { fetchFunction, requests } = scriptedFetch(() =>
      Response.json({
        data: [
          { index: 1, embedding: [0, 2] },
          { index: 0, embedding: [5, 0] },
        ],
      }),
    );
    const embedder = new OpenAiEmbedder({
      baseUrl: "http://localhost:8000/v1/",
      apiKey: "sk-secret",
      model: "m",
      fetch: fetchFunction,
    });
    const vectors = await embedder.embed(["a", "b"], "document");
    expect(vectors.map((vector) => Array.from(vector))).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(requests[0]?.url).toBe("http://localhost:8000/v1/embeddings");
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer sk-secret");

    const denied = new OpenAiEmbedder({
      baseUrl: "http://localhost:8000/v1",
      apiKey: "sk-secret",
      model: "m",
      fetch: (async () => new Response("invalid api key", { status: 401 })) as typeof fetch,
    });
    const error = await denied.embed(["a"], "query").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect(String((error as Error).message)).not.toContain("sk-secret");
  });
});

describe("createEmbedder", () => {
  it("reads AGENTE_EMBEDDER", () => {
    expect(createEmbedder({})).toBeInstanceOf(OfflineEmbedder);
    expect(createEmbedder({ AGENTE_EMBEDDER: "none" })).toBeUndefined();
    expect(createEmbedder({ AGENTE_EMBEDDER: "ollama" })?.name).toBe("ollama:nomic-embed-text");
    expect(createEmbedder({ AGENTE_EMBEDDER: "ollama:mxbai-embed-large" })?.name).toBe(
      "ollama:mxbai-embed-large",
    );
    expect(createEmbedder({ AGENTE_EMBEDDER: "openai" })?.name).toBe("openai:text-embedding-3-small");
    expect(() => createEmbedder({ AGENTE_EMBEDDER: "word2vec" })).toThrow(UserError);
  });
});

describe("OfflineEmbedder", () => {
  it("loads from the installed package and embeds into 512 unit-length dimensions, similar texts closer", async () => {
    const embedder = new OfflineEmbedder();
    const [cat, gato, stocks] = await embedder.embed(
      [
        "The cat sleeps on the sofa.",
        "A kitten is napping on the couch.",
        "Interest rates rose again this quarter.",
      ],
      "document",
    );
    expect(cat).toHaveLength(512);
    const dot = (left?: Float32Array, right?: Float32Array) =>
      Array.from(left ?? []).reduce((sum, value, index) => sum + value * (right?.[index] ?? 0), 0);
    expect(dot(cat, cat)).toBeCloseTo(1, 4);
    expect(dot(cat, gato)).toBeGreaterThan(dot(cat, stocks));
    expect(await embedder.identity()).toEqual({ name: "offline:use-lite", dimensions: 512 });
    await embedder.close();
  });
});
