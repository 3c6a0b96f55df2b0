/**
 * The HTTP app in process (Fastify on loopback, real SQLite, a real MCP server in memory, a scripted
 * model): the API key and the page's cookie, limits, the secret guard, stored conversations that survive a
 * restart, turns of one session queued, stored approvals, the `/mcp` mount point, and no CORS by default.
 */

import { mkdtemp, rm } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { McpGatewayPort } from "../../src/serve/mcp-gateway-port.js";
import { SqliteConversationStore } from "../../src/serve/sqlite-conversation-store.js";
import { ScriptedModel } from "../../src/testing/scripted-model.js";
import { SystemError } from "../../src/util/errors.js";
import { SECRET, sseData, startTestApp, testAppStarter } from "./support/test-app.js";

const KEY = "una-clave-larga-de-prueba-123";
const start = testAppStarter();

describe("the API key", () => {
  it("is needed everywhere but /health; bearer works on /, the login leaves an HttpOnly SameSite cookie", async () => {
    const { app } = await start({ deps: { apiKey: KEY }, listen: false });
    expect((await app.inject({ url: "/health" })).statusCode).toBe(200);
    for (const url of ["/v1/models", "/api/sessions", "/assets/app.js", "/mcp"])
      expect((await app.inject({ url })).statusCode, url).toBe(401);
    expect(
      (await app.inject({ url: "/v1/models", headers: { authorization: "Bearer wrong" } })).statusCode,
    ).toBe(401);
    expect((await app.inject({ url: "/", headers: { authorization: `Bearer ${KEY}` } })).statusCode).toBe(
      200,
    );

    const wrong = await app.inject({
      method: "POST",
      url: "/login",
      payload: "key=nope",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(wrong.statusCode).toBe(401);
    const login = await app.inject({
      method: "POST",
      url: "/login",
      payload: `key=${KEY}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(login.statusCode).toBe(303);
    const cookie = String(login.headers["set-cookie"]);
    expect(cookie).toMatch(/^agente_key=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=2592000$/);
    expect(cookie).not.toContain(KEY);
    const withCookie = await app.inject({
      url: "/api/sessions",
      headers: { cookie: cookie.split(";")[0] ?? "" },
    });
    expect(withCookie.statusCode).toBe(200);
  });
});

describe("limits and the secret guard", () => {
  it("refuses a body over the limit with 413 in OpenAI's error shape", async () => {
    const { app } = await start({ deps: { limits: { bodyBytes: 1000 } }, listen: false });
    const response = await app.inject({
      method: "POST",
      url: "/v1/chat/completions",
      payload: { model: "agente", messages: [{ role: "user", content: "x".repeat(2000) }] },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      error: { type: "invalid_request_error", code: "body_too_large" },
    });
  });

  it("refuses a turn over the per-key limit with 429 while the others run", async () => {
    const { url, model } = await start({ deps: { limits: { turnsPerKey: 1 } }, modelDelayMs: 300 });
    const ask = () =>
      fetch(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "agente", messages: [{ role: "user", content: "hola" }] }),
      });
    const first = ask();
    // The first turn holds the key's only slot while its model call runs.
    await vi.waitFor(() => expect(model.requests).toHaveLength(1));
    const second = await ask();
    expect((await first).status).toBe(200);
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ error: { type: "rate_limit_error" } });
  });

  it("hides the server's secrets in answers, steps and stored messages", async () => {
    const { app } = await start({ listen: false });
    const response = await app.inject({
      method: "POST",
      url: "/v1/chat/completions",
      payload: { model: "agente", messages: [{ role: "user", content: "la empresa Acme" }] },
    });
    expect(response.body).not.toContain(SECRET);
    expect(response.json().choices[0].message.content).toBe(
      "Según consultar_empresa: Acme: cliente desde 2019, clave [redacted]",
    );
  });

  it("answers 404 for an unknown model, and sends no CORS headers unless an origin is configured", async () => {
    const { app } = await start({ listen: false });
    const unknown = await app.inject({
      method: "POST",
      url: "/v1/chat/completions",
      headers: { origin: "https://elsewhere.example" },
      payload: { model: "gpt-4o", messages: [{ role: "user", content: "hola" }] },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: "model_not_found" } });
    expect(unknown.headers["access-control-allow-origin"]).toBeUndefined();
    const allowed = await start({ deps: { corsOrigin: "https://chat.example" }, listen: false });
    const preflight = await allowed.app.inject({
      method: "OPTIONS",
      url: "/v1/models",
      headers: { origin: "https://chat.example" },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("https://chat.example");
  });
});

describe("a model server that is down", () => {
  it("gives 502 server_error plainly, and an error event then [DONE] when streaming", async () => {
    const down = new ScriptedModel(() => {
      throw new SystemError("cannot reach Ollama at http://127.0.0.1:9", {
        hint: "start it with `ollama serve`",
      });
    });
    const { app } = await start({ model: down, listen: false });
    const request = { model: "agente", messages: [{ role: "user", content: "hola" }] };
    const plain = await app.inject({ method: "POST", url: "/v1/chat/completions", payload: request });
    expect(plain.statusCode).toBe(502);
    expect(plain.json()).toEqual({
      error: {
        message: "cannot reach Ollama at http://127.0.0.1:9: start it with `ollama serve`",
        type: "server_error",
        param: null,
        code: "agent_failed",
      },
    });
    const streamed = await app.inject({
      method: "POST",
      url: "/v1/chat/completions",
      payload: { ...request, stream: true },
    });
    expect(streamed.body.trim().split("\n\n").at(-1)).toBe("data: [DONE]");
    expect(sseData(streamed.body).at(-1)).toMatchObject({
      error: { type: "server_error", code: "agent_failed" },
    });
  });
});

describe("stored conversations", () => {
  it("survive a restart: the history reaches the model and the page reads it back", async () => {
    const folder = await mkdtemp(join(tmpdir(), "agente-serve-restart-"));
    try {
      const first = await startTestApp({ folder, listen: false });
      const session = (await first.app.inject({ method: "POST", url: "/api/sessions", payload: {} })).json();
      const turn = await first.app.inject({
        method: "POST",
        url: `/api/sessions/${session.id}/turns`,
        payload: { message: "la empresa Acme" },
      });
      expect(sseData(turn.body).map((event) => event.type)).toEqual([
        "sources",
        "tool_call",
        "tool_result",
        "answer",
      ]);
      await first.close();

      const second = await start({ folder, listen: false });
      const stored = (await second.app.inject({ url: `/api/sessions/${session.id}` })).json();
      expect(stored.session.title).toBe("la empresa Acme");
      expect(
        stored.messages.map((message: { role: string; content: string }) => [message.role, message.content]),
      ).toEqual([
        ["user", "la empresa Acme"],
        ["assistant", "Según consultar_empresa: Acme: cliente desde 2019, clave [redacted]"],
      ]);
      expect(stored.messages[1].details).toMatchObject({
        stopReason: "answer",
        sources: ["contrato-2026.pdf"],
      });
      await second.app.inject({
        method: "POST",
        url: `/api/sessions/${session.id}/turns`,
        payload: { message: "gracias" },
      });
      const history = second.model.requests[0]?.messages.filter((message) => message.role !== "system");
      expect(history?.map((message) => message.content)).toEqual([
        "la empresa Acme",
        '{"respuesta":"Según consultar_empresa: Acme: cliente desde 2019, clave [redacted]"}',
        "gracias",
      ]);
      const messages = (await second.app.inject({ url: `/api/sessions/${session.id}` })).json().messages;
      expect(messages).toHaveLength(4);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("queues turns of one session and runs different sessions in parallel", async () => {
    const folder = await mkdtemp(join(tmpdir(), "agente-serve-queue-"));
    const store = new SqliteConversationStore({ path: join(folder, "c.db") });
    try {
      const order: string[] = [];
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const step = (name: string, wait?: Promise<void>) => async () => {
        order.push(`${name} start`);
        await wait;
        order.push(`${name} end`);
      };
      // "a1" holds session a until the test lets it go: no timing decides the order.
      const first = store.withSessionLock("a", step("a1", gate));
      await expect.poll(() => order).toEqual(["a1 start"]);
      const second = store.withSessionLock("a", step("a2"));
      await store.withSessionLock("b", step("b1"));
      expect(order).toEqual(["a1 start", "b1 start", "b1 end"]);
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(["a1 start", "b1 start", "b1 end", "a1 end", "a2 start", "a2 end"]);
    } finally {
      await store.close();
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("keeps a waiting approval in the store: another client decides it, and a second decision is refused", async () => {
    const { app, store } = await start({ listen: false });
    const session = (await app.inject({ method: "POST", url: "/api/sessions", payload: {} })).json();
    const turn = app.inject({
      method: "POST",
      url: `/api/sessions/${session.id}/turns`,
      payload: { message: "borra Delta" },
    });
    await expect.poll(async () => (await store.pendingApprovals(session.id)).length).toBe(1);
    const [pending] = await store.pendingApprovals(session.id);
    expect(pending).toMatchObject({ tool: "borrar_cliente", args: { nombre: "Delta" }, status: "pending" });
    const decided = await app.inject({
      method: "POST",
      url: `/api/approvals/${pending?.id}`,
      payload: { approved: true },
    });
    expect(decided.statusCode).toBe(200);
    const again = await app.inject({
      method: "POST",
      url: `/api/approvals/${pending?.id}`,
      payload: { approved: false },
    });
    expect(again.statusCode).toBe(409);
    const events = sseData((await turn).body);
    expect(events.at(-1)).toMatchObject({ type: "answer", text: "Según borrar_cliente: Delta borrado" });
  });
});

describe("the /mcp mount point", () => {
  it("answers 404 without a gateway, and hands every method with the parsed body to one", async () => {
    const without = await start({ listen: false });
    const missing = await without.app.inject({ method: "POST", url: "/mcp", payload: { jsonrpc: "2.0" } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { type: "not_found_error" } });

    const seen: Array<{ method: string | undefined; body: unknown }> = [];
    const gateway: McpGatewayPort = {
      async handle(request: IncomingMessage, response: ServerResponse, parsedBody: unknown) {
        seen.push({ method: request.method, body: parsedBody });
        response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      },
      async close() {},
    };
    const withGateway = await start({ deps: { mcpGateway: gateway, apiKey: KEY }, listen: false });
    const bearer = { authorization: `Bearer ${KEY}` };
    expect(
      (await withGateway.app.inject({ method: "POST", url: "/mcp", payload: { jsonrpc: "2.0", id: 1 } }))
        .statusCode,
    ).toBe(401);
    const posted = await withGateway.app.inject({
      method: "POST",
      url: "/mcp",
      headers: bearer,
      payload: { jsonrpc: "2.0", id: 1 },
    });
    expect(posted.json()).toEqual({ ok: true });
    await withGateway.app.inject({ method: "GET", url: "/mcp", headers: bearer });
    await withGateway.app.inject({ method: "DELETE", url: "/mcp", headers: bearer });
    expect(seen).toEqual([
      { method: "POST", body: { jsonrpc: "2.0", id: 1 } },
      { method: "GET", body: undefined },
      { method: "DELETE", body: undefined },
    ]);
  });
});
