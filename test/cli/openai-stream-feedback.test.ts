/**
 * The chat's streamed answer on a terminal, fed by the OpenAI-compatible provider: the answer reaches the
 * screen in the pieces the server sends, not at the end.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { TurnFeedback } from "../../src/cli/turn-feedback.js";
import { OpenAiModel } from "../../src/llm/openai-model.js";
import { type ReplayServer, startReplayServer } from "../../src/testing/replay-server.js";

const EVENTS = readFileSync(new URL("../fixtures/llm/openai-chat-stream.sse", import.meta.url), "utf8")
  .split("\n\n")
  .filter((event) => event.trim() !== "")
  .map((event) => `${event}\n\n`);

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("the streamed answer from an OpenAI-compatible server", () => {
  it("is written piece by piece after the prefix, and the line is ended once", async () => {
    server = await startReplayServer({
      "POST /v1/chat/completions": { contentType: "text/event-stream", body: EVENTS },
    });
    const writes: string[] = [];
    const feedback = new TurnFeedback({
      spinner: false,
      stream: true,
      answerPrefix: "Agente: ",
      writeOut: (text) => writes.push(text),
    });
    const model = feedback.watch(
      new OpenAiModel({
        baseUrl: `${server.url}/v1`,
        model: "llama3.2:1b",
        apiKey: undefined,
        temperature: 0,
        maxTokens: 300,
      }),
    );
    const response = await model.complete({ messages: [{ role: "user", content: "saluda a Ana" }] });
    expect(response.text).toBe('{"respuesta":"Hola, Ana."}');
    expect(writes.join("")).toBe("Agente: Hola, Ana.");
    expect(writes.filter((text) => text !== "Agente: ").length).toBeGreaterThanOrEqual(3);
    feedback.finish("Hola, Ana.", "Agente: Hola, Ana.");
    expect(writes.join("")).toBe("Agente: Hola, Ana.\n");
  });
});
