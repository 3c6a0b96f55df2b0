/**
 * The single-person server through the real CLI: `AGENTE_API_KEY` under 16 characters is refused in one
 * line; over `--tls-cert`/`--tls-key` the page's cookie is Secure; the key's cookie must come with this
 * server's Origin to change anything.
 */
import { execFileSync } from "node:child_process";
import { request as httpsRequest } from "node:https";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedOllama, startScriptedOllama } from "../../../src/testing/scripted-ollama.js";
import { createWorkspace, SLOW_TEST_MS, type Workspace } from "../../e2e/support/workspace.js";
import { type ServeProcess, startServeProcess } from "../support/serve-process.js";

const KEY = "clave-de-prueba-tls-5a7c19";

/** One HTTPS request to the self-signed server (the test trusts its certificate explicitly). */
function httpsPost(
  url: string,
  ca: Buffer,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const sent = httpsRequest(url, { method: "POST", ca, headers }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    sent.on("error", reject);
    sent.end(body);
  });
}

describe("agente serve with a key, over TLS", { timeout: SLOW_TEST_MS }, () => {
  let workspace: Workspace;
  let model: ScriptedOllama;
  let serve: ServeProcess;
  let cert: Buffer;

  beforeAll(async () => {
    model = await startScriptedOllama([]);
    workspace = await createWorkspace({ AGENTE_EMBEDDER: "none", AGENTE_LANG: "en" });
    const certFile = join(workspace.folder, "cert.pem");
    const keyFile = join(workspace.folder, "key.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        keyFile,
        "-out",
        certFile,
      ],
      { stdio: "ignore" },
    );
    cert = execFileSync("cat", [certFile]);
    serve = await startServeProcess({
      cwd: workspace.folder,
      env: { ...workspace.env, AGENTE_API_KEY: KEY, OLLAMA_HOST: model.url },
      args: ["--tls-cert", certFile, "--tls-key", keyFile],
    });
    // /health over HTTPS: plain fetch does not know the self-signed certificate, so poll with the CA.
    await waitFor(async () => {
      const login = await httpsPost(`https://127.0.0.1:${serve.port}/login`, cert, "key=x", {
        "content-type": "application/x-www-form-urlencoded",
      });
      return login.status === 401;
    }, serve.stderr);
  }, SLOW_TEST_MS);

  afterAll(async () => {
    await serve?.stop();
    await model?.close();
    await workspace?.remove();
  });

  it("sets a Secure, HttpOnly, SameSite cookie when the key is given over HTTPS", async () => {
    const login = await httpsPost(`https://127.0.0.1:${serve.port}/login`, cert, `key=${KEY}`, {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(login.status).toBe(303);
    expect(String(login.headers["set-cookie"])).toMatch(
      /^agente_key=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=2592000; Secure$/,
    );
    expect(serve.stderr()).toContain(`https://127.0.0.1:${serve.port}`);
  });

  it("refuses a change made with the key's cookie from another origin", async () => {
    const login = await httpsPost(`https://127.0.0.1:${serve.port}/login`, cert, `key=${KEY}`, {
      "content-type": "application/x-www-form-urlencoded",
    });
    const cookie = String(login.headers["set-cookie"]).split(";")[0] ?? "";
    const post = (origin: string) =>
      httpsPost(`https://127.0.0.1:${serve.port}/api/sessions`, cert, "{}", {
        "content-type": "application/json",
        cookie,
        origin,
      });
    expect((await post("https://ataque.example")).status).toBe(403);
    expect((await post(`https://127.0.0.1:${serve.port}`)).status).toBe(200);
  });
});

describe("a short AGENTE_API_KEY", { timeout: SLOW_TEST_MS }, () => {
  it("is refused in one line that names its length and a way to make a good one", async () => {
    const workspace = await createWorkspace({ AGENTE_EMBEDDER: "none" });
    try {
      const result = await workspace.agente(["serve", "--port", "0"], {
        env: { AGENTE_API_KEY: "e", AGENTE_LANG: "en" },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        "error: AGENTE_API_KEY has 1 characters: use at least 16, e.g. the output of openssl rand -hex 24\n",
      );
    } finally {
      await workspace.remove();
    }
  });
});

async function waitFor(check: () => Promise<boolean>, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`agente serve did not answer over HTTPS: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
