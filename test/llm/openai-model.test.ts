import { afterEach, describe, expect, it } from "vitest";
import { ANSWER_SCHEMA } from "../../src/agent/action-schema.js";
import { OpenAiModel } from "../../src/llm/openai-model.js";
import { SystemError, UserError } from "../../src/util/errors.js";
import { closedPortUrl, fixture, type ReplayServer, startReplayServer } from "./replay-server.js";

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function modelAt(url: string, apiKey: string | undefined = "sk-test-secret") {
  return new OpenAiModel({
    baseUrl: `${url}/v1`,
    model: "llama3.2:1b",
    apiKey,
    temperature: 0,
    maxTokens: 300,
  });
}

describe("OpenAiModel", () => {
  it("posts /v1/chat/completions with response_format json_schema and the bearer key", async () => {
    server = await startReplayServer({ "POST /v1/chat/completions": { body: fixture("openai-chat.json") } });
    const response = await modelAt(server.url).complete({
      messages: [{ role: "user", content: "consulta empresa X" }],
      schema: ANSWER_SCHEMA,
    });
    expect(response).toMatchObject({
      text: '{"herramienta_llamada":"consultar_empresa","parametros":{"nombre":"Empresa X"}}',
      promptTokens: 301,
      completionTokens: 22,
      stopReason: "stop",
    });
    const request = server.requests[0];
    expect(request?.headers.authorization).toBe("Bearer sk-test-secret");
    expect(request?.body).toMatchObject({
      model: "llama3.2:1b",
      temperature: 0,
      max_tokens: 300,
      response_format: {
        type: "json_schema",
        json_schema: { name: "accion", schema: ANSWER_SCHEMA, strict: false },
      },
    });
  });

  it("reads native tool calls with JSON-string arguments", async () => {
    server = await startReplayServer({
      "POST /v1/chat/completions": { body: fixture("openai-tool-calls.json") },
    });
    const response = await modelAt(server.url).complete({
      messages: [{ role: "user", content: "x" }],
      tools: [{ name: "consultar_empresa", description: "d", parameters: { type: "object" } }],
    });
    expect(response.toolCalls).toEqual([
      { id: "call_k3x9", name: "consultar_empresa", arguments: { nombre: "Empresa X" } },
    ]);
    expect(server.requests[0]?.body).toMatchObject({
      tools: [{ type: "function", function: { name: "consultar_empresa" } }],
    });
  });

  it("reports a refused key without echoing it", async () => {
    server = await startReplayServer({
      "POST /v1/chat/completions": { status: 401, body: fixture("openai-401.json") },
    });
    const error = (await modelAt(server.url)
      .complete({ messages: [{ role: "user", content: "x" }] })
      .catch((caught: unknown) => caught)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(`${error.message} ${error.hint}`).not.toContain("sk-test-secret");
    expect(error.hint).toMatch(/OPENAI_API_KEY/);
  });

  it("says so when no server listens", async () => {
    const error = await modelAt(await closedPortUrl())
      .complete({ messages: [{ role: "user", content: "x" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SystemError);
    expect((error as Error).message).toMatch(/^no OpenAI-compatible server is reachable at/);
  });

  it("names the unexpected field of a malformed completion", async () => {
    server = await startReplayServer({
      "POST /v1/chat/completions": { body: '{"choices":[{"message":{"content":["a"]}}]}' },
    });
    const error = await modelAt(server.url)
      .complete({ messages: [{ role: "user", content: "x" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SystemError);
    expect((error as SystemError).message).toBe(
      `the reply of ${server.url}/v1 to /chat/completions was not what agente expects: choices.0.message.content: expected string, received array`,
    );
  });

  it("doctor check lists the served models", async () => {
    server = await startReplayServer({ "GET /v1/models": { body: fixture("openai-models.json") } });
    expect(await modelAt(server.url).check()).toMatchObject({
      reachable: true,
      modelAvailable: true,
      problems: [],
    });
  });
});
