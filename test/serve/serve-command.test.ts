/**
 * The "done when" check, through the real CLI: `AGENTE_API_KEY=… agente serve --port P` with one
 * MCP server (the fixture, a child process) and a scripted model on Ollama's wire. The official `openai`
 * client talks to it as any OpenAI client would, and the official MCP client to its gateway at `/mcp`.
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answer,
  type ScriptedOllama,
  startScriptedOllama,
  toolCall,
} from "../../src/testing/scripted-ollama.js";
import { createWorkspace, SLOW_TEST_MS, type Workspace } from "../e2e/support/workspace.js";
import { fixtureEntry } from "../support/fixture-servers.js";
import { runCli } from "../support/run-cli.js";
import { type ServeProcess, startServeProcess, waitForHealth } from "./support/serve-process.js";

const KEY = "clave-de-prueba-9f3a61c2d4";

describe("agente serve through the real CLI", { timeout: SLOW_TEST_MS }, () => {
  let workspace: Workspace;
  let model: ScriptedOllama;
  let serve: ServeProcess;

  beforeAll(async () => {
    model = await startScriptedOllama([
      toolCall("echo", { text: "hola" }),
      answer("El eco dice: uno: hola"),
      toolCall("echo", { text: "adiós" }),
      answer("El eco dice: uno: adiós"),
      toolCall("echo", { text: "otra vez" }),
      answer("El eco dice: uno: otra vez"),
    ]);
    workspace = await createWorkspace({ AGENTE_EMBEDDER: "none" });
    await workspace.writeConfig({ mcpServers: { uno: fixtureEntry("uno") } });
    serve = await startServeProcess({
      cwd: workspace.folder,
      env: { ...workspace.env, AGENTE_API_KEY: KEY, OLLAMA_HOST: model.url, AGENTE_LANG: "en" },
    });
  });

  afterAll(async () => {
    await serve?.stop();
    await model?.close();
    await workspace?.remove();
  });

  it("reports the model and the server on /health, without the key", async () => {
    const health = await waitForHealth(serve.url, serve.stderr);
    expect(health).toMatchObject({
      status: "ok",
      model: { provider: "ollama", name: "llama3.2:1b" },
      servers: [{ name: "uno", state: "up" }],
    });
  });

  it("answers 401 in OpenAI's error shape without the key", async () => {
    const response = await fetch(`${serve.url}/v1/models`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: { type: "authentication_error", code: "invalid_api_key" },
    });
  });

  it("serves HTML at / with the bearer key, and the login form without it", async () => {
    const page = await fetch(`${serve.url}/`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain('<script type="module" src="/assets/app.js">');
    const login = await fetch(`${serve.url}/`);
    expect(login.status).toBe(401);
    expect(await login.text()).toContain('<form method="post" action="/login">');
  });

  it("lists agente and the configured model at /v1/models", async () => {
    const client = new OpenAI({ apiKey: KEY, baseURL: `${serve.url}/v1` });
    const models = await client.models.list();
    expect(models.data.map((entry) => entry.id)).toEqual(["agente", "llama3.2:1b"]);
  });

  it("puts the tool's answer in a plain completion, with the steps in the agente field", async () => {
    const client = new OpenAI({ apiKey: KEY, baseURL: `${serve.url}/v1` });
    const completion = await client.chat.completions.create({
      model: "agente",
      messages: [{ role: "user", content: "repite hola" }],
    });
    expect(completion.choices[0]?.message.content).toBe("El eco dice: uno: hola");
    expect((completion as unknown as { agente: unknown }).agente).toMatchObject({
      stopReason: "answer",
      steps: [{ step: 1, tool: "echo", arguments: { text: "hola" }, result: "uno: hola", isError: false }],
    });
  });

  it("streams the tool's answer as SSE chunks ending in [DONE]", async () => {
    const response = await fetch(`${serve.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "agente",
        stream: true,
        messages: [{ role: "user", content: "repite adiós" }],
      }),
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const body = await response.text();
    const events = body.trim().split("\n\n");
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice("data: ".length)));
    const text = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? "").join("");
    expect(text).toBe("El eco dice: uno: adiós");
    expect(chunks.map((chunk) => chunk.agente?.type).filter(Boolean)).toEqual([
      "tool_call",
      "tool_result",
      "answer",
    ]);
    expect(chunks.at(-1).choices[0].finish_reason).toBe("stop");
  });

  it("streams through the official openai client too", async () => {
    const client = new OpenAI({ apiKey: KEY, baseURL: `${serve.url}/v1` });
    const stream = await client.chat.completions.create({
      model: "llama3.2:1b",
      stream: true,
      messages: [{ role: "user", content: "repite otra vez" }],
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("El eco dice: uno: otra vez");
    expect(model.remaining()).toBe(0);
  });

  it("serves the hub's tools at /mcp to the official MCP client, with the bearer key", async () => {
    const refused = await fetch(`${serve.url}/mcp`, { method: "POST" });
    expect(refused.status).toBe(401);
    const client = new Client({ name: "prueba", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(`${serve.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${KEY}` } },
    });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain("echo");
      expect(tools.map((tool) => tool.name)).toContain("preguntar_agente");
      const result = await client.callTool({ name: "echo", arguments: { text: "desde MCP" } });
      expect(result.content).toEqual([{ type: "text", text: "uno: desde MCP" }]);
      expect(result.isError ?? false).toBe(false);
    } finally {
      await client.close();
    }
  });

  it("refuses to bind off loopback without AGENTE_API_KEY, in one line", async () => {
    const run = await runCli(["serve", "--host", "0.0.0.0", "--port", "0"], {
      cwd: workspace.folder,
      env: { ...workspace.env, AGENTE_LANG: "en" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      "error: binding 0.0.0.0 needs AGENTE_API_KEY: set it (a long random value) or bind 127.0.0.1",
    );
  });

  it("stops on SIGTERM with exit code 0, closing its servers", async () => {
    expect(await serve.stop()).toBe(0);
    expect(serve.stderr()).toContain("agente serve: stopping");
  });
});
