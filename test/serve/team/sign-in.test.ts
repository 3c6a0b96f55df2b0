/**
 * Signing in to a real `agente serve` (the built CLI, a child process) once accounts exist: people and
 * tokens made with `agente users` / `agente tokens`, a token on /api, /v1 and /mcp until revoked, the
 * page's login and logout with the cookie's flags, the Origin check, the gateway's slots per person, and
 * the 20th wrong password in a row answered 429.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedOllama, startScriptedOllama } from "../../../src/testing/scripted-ollama.js";
import { createWorkspace, SLOW_TEST_MS, type Workspace } from "../../e2e/support/workspace.js";
import { fixtureEntry } from "../../support/fixture-servers.js";
import { type ServeProcess, startServeProcess, waitForHealth } from "../support/serve-process.js";

const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "prueba", version: "1" } },
};

describe("signing in to agente serve with accounts", { timeout: SLOW_TEST_MS }, () => {
  let workspace: Workspace;
  let model: ScriptedOllama;
  let serve: ServeProcess;
  const tokens: Record<string, { token: string; id: string }> = {};

  const newToken = async (name: string) => {
    const created = await workspace.agente(["tokens", "create", name], { env: { AGENTE_LANG: "en" } });
    expect(created.code).toBe(0);
    return { token: created.stdout.trim(), id: /(tok_[0-9a-f]+)/.exec(created.stderr)?.[1] ?? "" };
  };
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const login = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${serve.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: form(fields),
    });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    model = await startScriptedOllama([]);
    workspace = await createWorkspace({ AGENTE_EMBEDDER: "none" });
    await workspace.writeConfig({
      mcpServers: { uno: fixtureEntry("uno") },
      mcpGateway: { maxSessionsPerPerson: 2 },
    });
    for (const [name, role] of [
      ["ana", "member"],
      ["luis", "admin"],
      ["eva", "viewer"],
    ] as const) {
      const added = await workspace.agente(["users", "add", name, "--role", role], {
        input: `secreto-de-${name}\n`,
      });
      expect(added.code).toBe(0);
    }
    tokens.ana = await newToken("ana");
    tokens.luis = await newToken("luis");
    serve = await startServeProcess({
      cwd: workspace.folder,
      // Loopback is the proxy here: its X-Forwarded-Proto counts.
      env: { ...workspace.env, OLLAMA_HOST: model.url, AGENTE_LANG: "en", AGENTE_TRUST_PROXY: "loopback" },
    });
    await waitForHealth(serve.url, serve.stderr);
  }, SLOW_TEST_MS);

  afterAll(async () => {
    await serve?.stop();
    await model?.close();
    await workspace?.remove();
  });

  it("asks everyone to sign in once accounts exist, even on loopback without a key", async () => {
    for (const path of ["/api/sessions", "/v1/models"]) {
      const response = await fetch(`${serve.url}${path}`);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { type: "authentication_error" } });
    }
    const mcp = await fetch(`${serve.url}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify(INITIALIZE),
    });
    expect(mcp.status).toBe(401);
    const page = await fetch(`${serve.url}/`);
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).toContain('<input id="name" name="name"');
    expect(html).toContain('<input id="password" name="password" type="password"');
  });

  it("lets a personal token act as its owner on /api, /v1 and /mcp, and refuses it once revoked", async () => {
    const { token, id } = await newToken("eva");
    expect((await fetch(`${serve.url}/api/sessions`, { headers: bearer(token) })).status).toBe(200);
    expect((await fetch(`${serve.url}/v1/models`, { headers: bearer(token) })).status).toBe(200);
    const initialize = await fetch(`${serve.url}/mcp`, {
      method: "POST",
      headers: {
        ...bearer(token),
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify(INITIALIZE),
    });
    expect(initialize.status).toBe(200);
    const session = initialize.headers.get("mcp-session-id") ?? "";
    await initialize.body?.cancel();
    await fetch(`${serve.url}/mcp`, {
      method: "DELETE",
      headers: { ...bearer(token), "mcp-session-id": session },
    });
    expect((await workspace.agente(["tokens", "revoke", id])).code).toBe(0);
    expect((await fetch(`${serve.url}/api/sessions`, { headers: bearer(token) })).status).toBe(401);
    expect((await fetch(`${serve.url}/v1/models`, { headers: bearer(token) })).status).toBe(401);
    expect((await fetch(`${serve.url}/api/sessions`, { headers: bearer(`${token}x`) })).status).toBe(401);
  });

  it("signs in with a name and password: an HttpOnly SameSite cookie, Secure only over HTTPS; logout ends it", async () => {
    const wrong = await login({ name: "ana", password: "no-es-esta" });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("That name and password do not match.");
    const right = await login({ name: "ana", password: "secreto-de-ana" });
    expect(right.status).toBe(303);
    const cookie = right.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(
      /^agente_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=604800$/,
    );
    const session = cookie.split(";")[0] ?? "";
    expect((await fetch(`${serve.url}/`, { headers: { cookie: session } })).status).toBe(200);
    expect((await fetch(`${serve.url}/api/sessions`, { headers: { cookie: session } })).status).toBe(200);

    // Behind a trusted proxy that speaks HTTPS to the browser, the cookie is Secure.
    const proxied = await login(
      { name: "ana", password: "secreto-de-ana" },
      { "x-forwarded-proto": "https" },
    );
    expect(proxied.headers.get("set-cookie")).toMatch(/; Secure$/);

    const origin = serve.url;
    const logout = await fetch(`${serve.url}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: session, origin },
    });
    expect(logout.status).toBe(303);
    expect(logout.headers.get("set-cookie")).toContain(
      "agente_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
    );
    expect((await fetch(`${serve.url}/api/sessions`, { headers: { cookie: session } })).status).toBe(401);
  });

  it("refuses a cookie-signed change without this server's Origin; a bearer needs none", async () => {
    const signedIn = await login({ name: "luis", password: "secreto-de-luis" });
    const session = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const create = (headers: Record<string, string>) =>
      fetch(`${serve.url}/api/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ title: "prueba" }),
      });
    const missing = await create({ cookie: session });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ error: { code: "origin_not_allowed" } });
    expect((await create({ cookie: session, origin: "https://ataque.example" })).status).toBe(403);
    expect((await create({ cookie: session, origin: serve.url })).status).toBe(200);
    expect((await create(bearer(tokens.luis?.token ?? ""))).status).toBe(200);
    // Reading needs no Origin.
    expect((await fetch(`${serve.url}/api/sessions`, { headers: { cookie: session } })).status).toBe(200);
    // A login posted from another site is refused too.
    expect(
      (await login({ name: "luis", password: "secreto-de-luis" }, { origin: "https://ataque.example" }))
        .status,
    ).toBe(403);
  });

  it("counts the gateway's sessions per person: one person's cap leaves the others their slots", async () => {
    const open = async (token: string) => {
      const response = await fetch(`${serve.url}/mcp`, {
        method: "POST",
        headers: {
          ...bearer(token),
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body: JSON.stringify(INITIALIZE),
      });
      const text = await response.text();
      return { status: response.status, id: response.headers.get("mcp-session-id") ?? "", text };
    };
    const ana = tokens.ana?.token ?? "";
    const first = await open(ana);
    const second = await open(ana);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await open(ana);
    expect(third.status).toBe(503);
    expect(third.text).toContain(
      "you already have 2 open MCP sessions: close one (DELETE /mcp) or wait until an idle one is closed",
    );
    expect((await open(tokens.luis?.token ?? "")).status).toBe(200);
    const closed = await fetch(`${serve.url}/mcp`, {
      method: "DELETE",
      headers: { ...bearer(ana), "mcp-session-id": first.id },
    });
    expect(closed.status).toBe(200);
    expect((await open(ana)).status).toBe(200);
  });

  it("answers the first 19 wrong passwords in a row with 401 and the 20th with 429 and Retry-After", async () => {
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 19; attempt += 1)
      statuses.push((await login({ name: "eva", password: `mala-${attempt}` })).status);
    expect(statuses).toEqual(Array(19).fill(401));
    const twentieth = await login({ name: "eva", password: "mala-20" });
    expect(twentieth.status).toBe(429);
    expect(Number(twentieth.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await twentieth.text()).toContain("too many wrong sign-ins: try again in 15 min");
    // Locked: not even the right password is checked until the window passes.
    expect((await login({ name: "eva", password: "secreto-de-eva" })).status).toBe(429);
  });
});
