import { afterEach, describe, expect, it } from "vitest";
import { buildActionSchema } from "../../src/agent/action-schema.js";
import { OllamaModel } from "../../src/llm/ollama-model.js";
import { SystemError, UserError } from "../../src/util/errors.js";
import {
  closedPortUrl,
  fixture,
  fixtureLines,
  type ReplayServer,
  startReplayServer,
} from "./replay-server.js";

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function modelAt(url: string, overrides: Partial<ConstructorParameters<typeof OllamaModel>[0]> = {}) {
  return new OllamaModel({
    baseUrl: url,
    model: "llama3.2:1b",
    temperature: 0,
    maxTokens: 300,
    contextSize: undefined,
    ...overrides,
  });
}

const schema = buildActionSchema([
  {
    name: "consultar_empresa",
    originalName: "consultar_empresa",
    server: "empresas",
    description: "Consulta una empresa",
    inputSchema: { type: "object", properties: { nombre: { type: "string" } }, required: ["nombre"] },
    annotations: { readOnlyHint: true },
    serverRequiresApproval: false,
  },
]);

describe("OllamaModel", () => {
  it("streams /api/chat with the action schema as format and sends temperature, num_ctx, num_predict", async () => {
    server = await startReplayServer({
      "POST /api/show": { body: fixture("ollama-show.json") },
      "POST /api/chat": {
        contentType: "application/x-ndjson",
        body: fixtureLines("ollama-chat-stream.ndjson"),
      },
    });
    const response = await modelAt(server.url).complete({
      messages: [
        { role: "system", content: "s" },
        { role: "user", content: "consulta empresa X" },
      ],
      schema,
    });
    expect(response.text).toBe(
      '{"herramienta_llamada": "consultar_empresa", "parametros": {"nombre": "Empresa X"}}',
    );
    expect(response).toMatchObject({
      stopReason: "stop",
      promptTokens: 312,
      completionTokens: 24,
      contextSize: 4096,
      warnings: [],
    });
    const sent = server.requests.find((request) => request.path === "/api/chat")?.body as Record<
      string,
      unknown
    >;
    expect(sent).toMatchObject({
      model: "llama3.2:1b",
      stream: true,
      format: schema,
      options: { temperature: 0, num_ctx: 4096, num_predict: 300 },
      messages: [
        { role: "system", content: "s" },
        { role: "user", content: "consulta empresa X" },
      ],
    });
    expect(sent.tools).toBeUndefined();
  });

  it("raises num_ctx to fit a long prompt, bounded by the model's context length from /api/show", async () => {
    server = await startReplayServer({
      "POST /api/show": { body: JSON.stringify({ model_info: { "llama.context_length": 8192 } }) },
      "POST /api/chat": { body: fixtureLines("ollama-chat-stream.ndjson") },
    });
    const model = modelAt(server.url);
    // llama3.2:1b is counted with the Llama 3 tokenizer: " x" is one token, so 5,000 of them ask for 6,144.
    await model.complete({ messages: [{ role: "user", content: "x ".repeat(5_000) }] });
    const first = server.requests.filter((request) => request.path === "/api/chat")[0]?.body as {
      options: { num_ctx: number };
    };
    expect(first.options.num_ctx).toBe(6144);
    const huge = await model.complete({ messages: [{ role: "user", content: "x ".repeat(20_000) }] });
    const second = server.requests.filter((request) => request.path === "/api/chat")[1]?.body as {
      options: { num_ctx: number };
    };
    expect(second.options.num_ctx).toBe(8192);
    expect(huge.warnings[0]).toMatch(/does not fit the context window of 8192 tokens/);
  });

  // Regression: the action schema (a grammar, not prompt text) was counted as prompt, so many tools raised
  // num_ctx for nothing and made the truncation warning fire on Ollama's honest prompt_eval_count.
  it("does not count the format schema as prompt tokens", async () => {
    server = await startReplayServer({
      "POST /api/show": { body: JSON.stringify({ model_info: { "llama.context_length": 131072 } }) },
      "POST /api/chat": { body: fixtureLines("ollama-chat-stream.ndjson") },
    });
    const bigSchema = { ...schema, description: "x".repeat(40_000) };
    const result = await modelAt(server.url).complete({
      messages: [{ role: "user", content: "consulta empresa X" }],
      schema: bigSchema,
    });
    const sent = server.requests.find((request) => request.path === "/api/chat")?.body as {
      options: { num_ctx: number };
    };
    expect(sent.options.num_ctx).toBe(4096);
    expect(result.warnings).toEqual([]);
  });

  it("warns when Ollama evaluated far fewer prompt tokens than were sent (silent truncation)", async () => {
    server = await startReplayServer({
      "POST /api/show": { status: 404, body: fixture("ollama-404.json") },
      "POST /api/chat": { body: fixtureLines("ollama-truncated-stream.ndjson") },
    });
    const response = await modelAt(server.url, { contextSize: 4096 }).complete({
      messages: [{ role: "user", content: "y ".repeat(3_000) }],
    });
    expect(response.warnings).toEqual([
      expect.stringMatching(
        /evaluated 1024 prompt tokens of ~3\d\d\d sent: the prompt was probably truncated/,
      ),
    ]);
  });

  it("sends native tools without format in native mode and reads tool_calls", async () => {
    server = await startReplayServer({
      "POST /api/show": { body: fixture("ollama-show.json") },
      "POST /api/chat": { body: fixtureLines("ollama-native-tool-call.ndjson") },
    });
    const response = await modelAt(server.url).complete({
      messages: [{ role: "user", content: "consulta empresa X" }],
      tools: [
        {
          name: "consultar_empresa",
          description: "Consulta",
          parameters: { type: "object", properties: { nombre: { type: "string" } } },
        },
      ],
    });
    expect(response.toolCalls).toEqual([{ name: "consultar_empresa", arguments: { nombre: "Empresa X" } }]);
    expect(response.stopReason).toBe("tool_calls");
    const sent = server.requests.find((request) => request.path === "/api/chat")?.body as Record<
      string,
      unknown
    >;
    expect(sent.format).toBeUndefined();
    expect(sent.tools).toEqual([
      {
        type: "function",
        function: { name: "consultar_empresa", description: "Consulta", parameters: expect.any(Object) },
      },
    ]);
  });

  it("says how to pull a model Ollama does not have (404)", async () => {
    server = await startReplayServer({ "POST /api/chat": { status: 404, body: fixture("ollama-404.json") } });
    const error = await modelAt(server.url)
      .complete({ messages: [{ role: "user", content: "hola" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `model llama3.2:1b is not available in Ollama at ${server.url}: run \`ollama pull llama3.2:1b\``,
    );
  });

  it("says how to start Ollama when nothing listens (connection refused)", async () => {
    const url = await closedPortUrl();
    const error = await modelAt(url)
      .complete({ messages: [{ role: "user", content: "hola" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SystemError);
    expect((error as SystemError).message).toMatch(
      new RegExp(`^Ollama is not reachable at ${url.replaceAll(".", "\\.")}`),
    );
    expect((error as SystemError).hint).toMatch(/ollama serve/);
  });

  it("turns an {error} line in the middle of the stream into a SystemError", async () => {
    server = await startReplayServer({
      "POST /api/show": { body: fixture("ollama-show.json") },
      "POST /api/chat": { body: fixtureLines("ollama-error-midstream.ndjson") },
    });
    await expect(
      modelAt(server.url).complete({ messages: [{ role: "user", content: "hola" }] }),
    ).rejects.toThrow(
      "Ollama failed while answering: an error was encountered while running the model: unexpected EOF",
    );
  });

  it("names the field of a malformed stream line instead of reading it as missing", async () => {
    server = await startReplayServer({
      "POST /api/show": { body: fixture("ollama-show.json") },
      "POST /api/chat": { body: ['{"message":{"content":42},"done":true}\n'] },
    });
    await expect(
      modelAt(server.url).complete({ messages: [{ role: "user", content: "hola" }] }),
    ).rejects.toThrow(
      "a line of Ollama's /api/chat reply was not what agente expects: message.content: expected string, received number",
    );
  });

  it("reports a stream line that is not JSON, with its text", async () => {
    server = await startReplayServer({
      "POST /api/show": { body: fixture("ollama-show.json") },
      "POST /api/chat": { body: ["<html>proxy error</html>\n"] },
    });
    await expect(
      modelAt(server.url).complete({ messages: [{ role: "user", content: "hola" }] }),
    ).rejects.toThrow("a line of Ollama's /api/chat reply is not JSON: <html>proxy error</html>");
  });

  it("doctor check reports a malformed /api/tags as a problem", async () => {
    server = await startReplayServer({
      "GET /api/version": { body: fixture("ollama-version.json") },
      "GET /api/tags": { body: '{"models":[{"name":7}]}' },
    });
    const check = await modelAt(server.url).check();
    expect(check.problems).toEqual([
      "Ollama's reply to /api/tags was not what agente expects: models.0.name: expected string, received number; check the Ollama server log",
    ]);
  });

  it("doctor check: version, model presence and context length", async () => {
    server = await startReplayServer({
      "GET /api/version": { body: fixture("ollama-version.json") },
      "GET /api/tags": { body: fixture("ollama-tags.json") },
      "POST /api/show": { body: fixture("ollama-show.json") },
    });
    expect(await modelAt(server.url).check()).toMatchObject({
      reachable: true,
      modelAvailable: true,
      version: "0.12.6",
      maxContextSize: 131072,
      problems: [],
    });
    const missing = await modelAt(server.url, { model: "qwen2.5:3b" }).check();
    expect(missing).toMatchObject({ reachable: true, modelAvailable: false });
    expect(missing.problems[0]).toContain("run `ollama pull qwen2.5:3b`");
    const down = await modelAt(await closedPortUrl()).check();
    expect(down).toMatchObject({ reachable: false, modelAvailable: false });
    expect(down.problems[0]).toMatch(/ollama serve/);
  });
});
