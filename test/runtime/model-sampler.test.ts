/** Sampling answered by agente's model: the server's system prompt and messages sent, maxTokens honoured. */
import { describe, expect, it } from "vitest";
import { modelSampler } from "../../src/runtime/model-sampler.js";
import { ScriptedModel } from "../../src/testing/scripted-model.js";

describe("modelSampler", () => {
  it("sends the system prompt and the messages, and returns the model's text as the assistant's", async () => {
    const model = new ScriptedModel(["París."]);
    const result = await modelSampler(model)(
      {
        systemPrompt: "Responde breve.",
        messages: [{ role: "user", content: { type: "text", text: "¿Capital de Francia?" } }],
        maxTokens: 100,
      },
      new AbortController().signal,
    );
    expect(model.requests[0]?.messages).toEqual([
      { role: "system", content: "Responde breve." },
      { role: "user", content: "¿Capital de Francia?" },
    ]);
    expect(result).toEqual({
      model: model.model,
      role: "assistant",
      content: { type: "text", text: "París." },
      stopReason: "endTurn",
    });
  });

  it("cuts a reply longer than maxTokens and says so", async () => {
    const model = new ScriptedModel(["uno dos tres cuatro cinco seis siete ocho nueve diez ".repeat(20)]);
    const result = await modelSampler(model)(
      { messages: [{ role: "user", content: { type: "text", text: "cuenta" } }], maxTokens: 5 },
      new AbortController().signal,
    );
    expect(result.stopReason).toBe("maxTokens");
    const content = Array.isArray(result.content) ? result.content[0] : result.content;
    expect(content?.type === "text" ? content.text.length : 0).toBeLessThan(40);
  });
});
