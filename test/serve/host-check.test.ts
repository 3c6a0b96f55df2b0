/**
 * DNS-rebinding protection: `agente serve` on loopback without a key answers only to a loopback name with
 * its own port (or a name in AGENTE_ALLOWED_HOSTS), and to browser requests from that same origin. The
 * requests go over real HTTP with the raw Host and Origin headers a rebinding page would send.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedOllama } from "../../src/testing/scripted-ollama.js";
import { createWorkspace, SLOW_TEST_MS } from "../e2e/support/workspace.js";
import { fixtureEntry } from "../support/fixture-servers.js";
import { startServeProcess, waitForHealth } from "./support/serve-process.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

interface RawResponse {
  status: number;
  body: string;
}

/** One request with exactly these headers (fetch would not let a test choose Host). */
function send(
  url: string,
  path: string,
  headers: Record<string, string>,
  method = "GET",
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, path, method, headers, setHost: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

describe("the Host and Origin check on loopback without a key", () => {
  let app: TestApp;
  let port: string;

  beforeAll(async () => {
    app = await startTestApp({
      deps: {
        hostCheck: { allowedHosts: ["agente.local", "pc.lan:9000"], corsOrigin: "https://chat.example" },
      },
    });
    port = new URL(app.url).port;
  });

  afterAll(async () => {
    await app?.close();
  });

  it("answers loopback names with the bound port", async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`])
      expect({ host, status: (await send(app.url, "/v1/models", { host })).status }).toEqual({
        host,
        status: 200,
      });
  });

  it("refuses a rebinding name with 403 in OpenAI's error shape, on every route", async () => {
    for (const path of ["/v1/models", "/health", "/", "/mcp"]) {
      const response = await send(app.url, path, { host: `attacker.example:${port}` });
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(JSON.parse(response.body)).toEqual({
        error: {
          message: `the Host header "attacker.example:${port}" is not allowed: add the name to AGENTE_ALLOWED_HOSTS`,
          type: "permission_error",
          param: null,
          code: "host_not_allowed",
        },
      });
    }
  });

  it("refuses a loopback name with another port, a missing Host and a Host with a path in it", async () => {
    expect((await send(app.url, "/v1/models", { host: "127.0.0.1:1" })).status).toBe(403);
    expect((await send(app.url, "/v1/models", { host: "localhost" })).status).toBe(403);
    // Node itself answers an HTTP/1.1 request without Host with 400, before any route.
    expect((await send(app.url, "/v1/models", {})).status).toBe(400);
    expect((await send(app.url, "/v1/models", { host: `evil.example/@127.0.0.1:${port}` })).status).toBe(403);
  });

  it("answers the names in AGENTE_ALLOWED_HOSTS: any port without one, only that port with one", async () => {
    expect((await send(app.url, "/v1/models", { host: "agente.local" })).status).toBe(200);
    expect((await send(app.url, "/v1/models", { host: "agente.local:8443" })).status).toBe(200);
    expect((await send(app.url, "/v1/models", { host: "pc.lan:9000" })).status).toBe(200);
    expect((await send(app.url, "/v1/models", { host: "pc.lan:9001" })).status).toBe(403);
  });

  it("refuses a browser request from another origin or port, and answers its own origin and the CORS one", async () => {
    const host = `127.0.0.1:${port}`;
    expect((await send(app.url, "/v1/models", { host, origin: `http://${host}` })).status).toBe(200);
    expect((await send(app.url, "/v1/models", { host, origin: "https://chat.example" })).status).toBe(200);
    const foreign = await send(app.url, "/v1/models", { host, origin: "http://attacker.example" });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.message).toBe(
      'the Origin "http://attacker.example" is not allowed',
    );
    expect((await send(app.url, "/v1/models", { host, origin: "null" })).status).toBe(403);
    // The scheme is not compared: behind a TLS proxy the page is https and the server sees http.
    expect((await send(app.url, "/v1/models", { host, origin: `https://${host}` })).status).toBe(200);
    expect(
      (await send(app.url, "/v1/models", { host, origin: `http://127.0.0.1:${Number(port) + 1}` })).status,
    ).toBe(403);
    const allowed = { host: "agente.local", origin: "https://agente.local" };
    expect((await send(app.url, "/v1/models", allowed)).status).toBe(200);
  });
});

describe("without the check (a key is set, or the app is built without it)", () => {
  it("answers any Host", async () => {
    const app = await startTestApp();
    try {
      expect((await send(app.url, "/health", { host: "attacker.example" })).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe("agente serve on loopback without AGENTE_API_KEY (the real CLI)", { timeout: SLOW_TEST_MS }, () => {
  it("turns the check on, and AGENTE_ALLOWED_HOSTS adds a name", async () => {
    const model = await startScriptedOllama([]);
    const workspace = await createWorkspace({ AGENTE_EMBEDDER: "none" });
    await workspace.writeConfig({ mcpServers: { uno: fixtureEntry("uno") } });
    const serve = await startServeProcess({
      cwd: workspace.folder,
      env: {
        ...workspace.env,
        OLLAMA_HOST: model.url,
        AGENTE_ALLOWED_HOSTS: "agente.local",
        AGENTE_LANG: "en",
      },
    });
    try {
      await waitForHealth(serve.url, serve.stderr);
      const rebound = await send(serve.url, "/mcp", { host: `attacker.example:${serve.port}` }, "POST");
      expect(rebound.status).toBe(403);
      expect(JSON.parse(rebound.body).error.code).toBe("host_not_allowed");
      expect((await send(serve.url, "/v1/models", { host: `localhost:${serve.port}` })).status).toBe(200);
      expect((await send(serve.url, "/v1/models", { host: "agente.local" })).status).toBe(200);
    } finally {
      await serve.stop();
      await model.close();
      await workspace.remove();
    }
  });
});
