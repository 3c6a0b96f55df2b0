/**
 * The OpenAI-compatible provider streams every reply: server-sent events from a real loopback server, the
 * text handed to `onText` chunk by chunk, tool calls put back together by index, one-line errors for a
 * bad or cut stream.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ANSWER_SCHEMA } from "../../src/agent/action-schema.js";
import { OpenAiModel } from "../../src/llm/openai-model.js";
import { SystemError } from "../../src/util/errors.js";
import { fixture, fixtureEvents, type ReplayServer, startReplayServer } from "./replay-server.js";

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const EVENT_STREAM = "text/event-stream";

async function serveEvents(body: string[]): Promise<OpenAiModel> {
  server = await startReplayServer({
    "POST /v1/chat/completions": { contentType: EVENT_STREAM, body },
  });
  return new OpenAiModel({
    baseUrl: `${server.url}/v1`,
    model: "llama3.2:1b",
    apiKey: undefined,
    temperature: 0,
    maxTokens: 300,
  });
}

const STREAMED_TEXTS = [
  '{"respuesta":"',
  '{"respuesta":"Hola',
  '{"respuesta":"Hola, Ana',
  '{"respuesta":"Hola, Ana."}',
];

describe("OpenAiModel streaming", () => {
  it("asks for a stream with usage and hands each piece of text to onText", async () => {
    const model = await serveEvents(fixtureEvents("openai-chat-stream.sse"));
    const seen: string[] = [];
    const response = await model.complete({
      messages: [{ role: "user", content: "saluda a Ana" }],
      schema: ANSWER_SCHEMA,
      onText: (text) => seen.push(text),
    });
    expect(seen).toEqual(STREAMED_TEXTS);
    expect(response).toEqual({
      text: '{"respuesta":"Hola, Ana."}',
      toolCalls: [],
      stopReason: "stop",
      promptTokens: 301,
      completionTokens: 9,
      warnings: [],
    });
    expect(server?.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      response_format: { type: "json_schema" },
    });
  });

  it("reads the same reply when the bytes arrive cut at any place", async () => {
    const whole = fixture("openai-chat-stream.sse");
    const pieces = whole.match(/[\s\S]{1,37}/g) ?? [];
    const model = await serveEvents(pieces);
    const seen: string[] = [];
    const response = await model.complete({
      messages: [{ role: "user", content: "x" }],
      onText: (text) => seen.push(text),
    });
    expect(seen).toEqual(STREAMED_TEXTS);
    expect(response.text).toBe('{"respuesta":"Hola, Ana."}');
  });

  it("puts native tool calls back together by index", async () => {
    const model = await serveEvents(fixtureEvents("openai-tool-calls-stream.sse"));
    const seen: string[] = [];
    const response = await model.complete({
      messages: [{ role: "user", content: "x" }],
      tools: [{ name: "consultar_empresa", description: "d", parameters: { type: "object" } }],
      onText: (text) => seen.push(text),
    });
    expect(seen).toEqual([]);
    expect(response).toMatchObject({
      text: "",
      stopReason: "tool_calls",
      promptTokens: 280,
      completionTokens: 31,
      toolCalls: [
        { id: "call_k3x9", name: "consultar_empresa", arguments: { nombre: "Empresa X" } },
        { id: "call_m2p7", name: "buscar_documentos", arguments: { consulta: "tarifas" } },
      ],
    });
  });

  it("warns when the stream finished at the token limit", async () => {
    const events = fixtureEvents("openai-chat-stream.sse").map((event) =>
      event.replace('"finish_reason":"stop"', '"finish_reason":"length"'),
    );
    const response = await (await serveEvents(events)).complete({
      messages: [{ role: "user", content: "x" }],
    });
    expect(response.stopReason).toBe("length");
    expect(response.warnings).toEqual(["the reply hit the token limit (--max-tokens) and was cut"]);
  });

  it("refuses a chunk that is not JSON with one line naming the server", async () => {
    const events = fixtureEvents("openai-chat-stream.sse");
    const model = await serveEvents([...events.slice(0, 3), 'data: {"choices":[{"delta":{"content":"x"\n\n']);
    const seen: string[] = [];
    const error = await model
      .complete({ messages: [{ role: "user", content: "x" }], onText: (text) => seen.push(text) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SystemError);
    expect((error as SystemError).message).toBe(
      `a chunk of the reply of ${server?.url}/v1 to /chat/completions is not JSON: {"choices":[{"delta":{"content":"x"`,
    );
    expect(seen).toEqual(STREAMED_TEXTS.slice(0, 2));
  });

  it("names the unexpected field of a chunk of the wrong shape", async () => {
    const model = await serveEvents(['data: {"choices":[{"delta":{"content":7}}]}\n\n', "data: [DONE]\n\n"]);
    const error = await model
      .complete({ messages: [{ role: "user", content: "x" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SystemError);
    expect((error as SystemError).message).toBe(
      `a chunk of the reply of ${server?.url}/v1 to /chat/completions was not what agente expects: choices.0.delta.content: expected string, received number`,
    );
  });

  it("reports an error the server sends after the stream began", async () => {
    const events = fixtureEvents("openai-chat-stream.sse");
    const model = await serveEvents([
      ...events.slice(0, 2),
      'data: {"error":{"message":"model crashed: out of memory","type":"server_error"}}\n\n',
    ]);
    const error = await model
      .complete({ messages: [{ role: "user", content: "x" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SystemError);
    expect((error as SystemError).message).toBe(
      `the reply of ${server?.url}/v1 to /chat/completions broke off with an error: model crashed: out of memory`,
    );
  });

  it("says the reply was cut when the stream ends before its finish", async () => {
    const model = await serveEvents(fixtureEvents("openai-chat-stream.sse").slice(0, 3));
    await expect(model.complete({ messages: [{ role: "user", content: "x" }] })).rejects.toThrow(
      `the reply of ${server?.url}/v1 to /chat/completions ended before the reply was complete`,
    );
  });

  it("reads a whole JSON reply from a server that does not stream, handing its text to onText once", async () => {
    server = await startReplayServer({ "POST /v1/chat/completions": { body: fixture("openai-chat.json") } });
    const model = new OpenAiModel({
      baseUrl: `${server.url}/v1`,
      model: "llama3.2:1b",
      apiKey: undefined,
      temperature: 0,
      maxTokens: 300,
    });
    const seen: string[] = [];
    const response = await model.complete({
      messages: [{ role: "user", content: "x" }],
      onText: (text) => seen.push(text),
    });
    const answer = '{"herramienta_llamada":"consultar_empresa","parametros":{"nombre":"Empresa X"}}';
    expect(seen).toEqual([answer]);
    expect(response).toMatchObject({ text: answer, stopReason: "stop", promptTokens: 301 });
  });
});
