/**
 * The scripted Ollama against the real Ollama provider and embedder: what tests, the bench and the eval
 * rely on when they point agente at it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { OllamaEmbedder } from "../../src/embedders/http-embedder.js";
import { OllamaModel } from "../../src/llm/ollama-model.js";
import { answer, type ScriptedOllama, startScriptedOllama } from "../../src/testing/scripted-ollama.js";
import { SystemError, UserError } from "../../src/util/errors.js";

let ollama: ScriptedOllama | undefined;
afterEach(async () => {
  await ollama?.close();
  ollama = undefined;
});

const modelAt = (url: string) =>
  new OllamaModel({
    baseUrl: url,
    model: "llama3.2:1b",
    temperature: 0,
    maxTokens: 300,
    contextSize: undefined,
  });

describe("the scripted Ollama", () => {
  it("streams each scripted reply through the real provider and records the requests", async () => {
    ollama = await startScriptedOllama([answer("uno"), "dos"], { promptTokens: 200 });
    const model = modelAt(ollama.url);
    const first = await model.complete({
      messages: [
        { role: "system", content: "S" },
        { role: "user", content: "hola" },
      ],
    });
    expect(first).toMatchObject({ text: '{"respuesta":"uno"}', promptTokens: 200, completionTokens: 5 });
    const second = await model.complete({ messages: [{ role: "user", content: "otra" }] });
    expect(second.text).toBe("dos");
    expect(ollama.chats()).toHaveLength(2);
    expect(ollama.systemPrompt(0)).toBe("S");
    expect(ollama.lastMessage(1)).toBe("otra");
    expect(ollama.remaining()).toBe(0);
    await expect(model.complete({ messages: [{ role: "user", content: "más" }] })).rejects.toThrow(
      /scripted Ollama: no reply scripted for call 3/,
    );
  });

  it("answers with a function of the request and estimates prompt tokens when asked", async () => {
    ollama = await startScriptedOllama((body) => `eco ${body.messages.length}`, { promptTokens: "estimate" });
    const reply = await modelAt(ollama.url).complete({ messages: [{ role: "user", content: "12345678" }] });
    expect(reply).toMatchObject({ text: "eco 1", promptTokens: 2, completionTokens: 2 });
  });

  it("answers stream: false with one JSON object", async () => {
    ollama = await startScriptedOllama("hola");
    const response = await fetch(`${ollama.url}/api/chat`, {
      method: "POST",
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "x" }], stream: false }),
    });
    expect(await response.json()).toEqual({
      model: "m",
      message: { role: "assistant", content: "hola" },
      done: true,
      done_reason: "stop",
      eval_count: 1,
    });
  });

  it("reports version, models and context window to the provider's check", async () => {
    ollama = await startScriptedOllama([]);
    expect(await modelAt(ollama.url).check()).toMatchObject({
      reachable: true,
      modelAvailable: true,
      maxContextSize: 131072,
      version: "0.12.6",
      problems: [],
    });
  });

  it("plays an error answer from Ollama, and a route a test replaced", async () => {
    ollama = await startScriptedOllama([{ status: 500, error: "boom" }]);
    await expect(
      modelAt(ollama.url).complete({ messages: [{ role: "user", content: "x" }] }),
    ).rejects.toThrow(SystemError);
    ollama.route("POST /api/chat", {
      status: 404,
      body: JSON.stringify({ error: 'model "llama3.2:1b" not found' }),
    });
    await expect(
      modelAt(ollama.url).complete({ messages: [{ role: "user", content: "x" }] }),
    ).rejects.toThrow(UserError);
  });

  it("embeds deterministically: same text, same unit vector; shared words lie closer", async () => {
    ollama = await startScriptedOllama([], { embeddingDimensions: 64 });
    const embedder = new OllamaEmbedder({ host: ollama.url, model: "all-minilm" });
    const [a, again, near, far] = await embedder.embed(
      ["contrato de mantenimiento", "contrato de mantenimiento", "contrato de limpieza", "factura"],
      "document",
    );
    const dot = (x?: Float32Array, y?: Float32Array) =>
      Array.from(x ?? []).reduce((sum, value, index) => sum + value * (y?.[index] ?? 0), 0);
    expect(a).toHaveLength(64);
    expect(Array.from(again ?? [])).toEqual(Array.from(a ?? []));
    expect(dot(a, a)).toBeCloseTo(1, 6);
    expect(dot(a, near)).toBeCloseTo(2 / 3, 6);
    expect(dot(a, far)).toBe(0);
  });
});
