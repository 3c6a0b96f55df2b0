/**
 * The other ways in, against the same real authorization server: a pasted redirect (no browser on this
 * machine), a pre-registered client, client credentials with a secret from `${VAR}` and with a private-key
 * JWT, step-up to a wider scope, and a careless server that echoes the token (the hub must hide it).
 */
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { answer, startScriptedOllama, toolCall } from "../../../src/testing/scripted-ollama.js";
import { type OAuthFixture, startOAuthFixture } from "../../fixtures/oauth/authorization-server.js";
// @ts-expect-error: a plain .mjs script (it is the $BROWSER program), without type declarations.
import { followRedirects } from "../../fixtures/oauth/browser.mjs";
import { AGENTE_BIN, runCli } from "../../support/run-cli.js";
import { browserRuns, oauthSetup, storedLogin } from "./support.js";

let fixture: OAuthFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const M2M_SECRET = "m2m-secret-3f9c2a7e41";

/**
 * `agente login crm --no-browser`, with "another machine's" browser following the printed address until
 * it ends on the loopback address (which it cannot reach); that address, through `change`, is pasted.
 */
async function loginWithPaste(
  cwd: string,
  env: NodeJS.ProcessEnv,
  change: (ended: string) => string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [AGENTE_BIN, "login", "crm", "--no-browser"], {
    cwd,
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const printed = new Promise<string>((resolve) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /^(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)$/m.exec(stderr)?.[1];
      if (url !== undefined && stderr.includes("paste")) resolve(url);
    });
  });
  const exit = new Promise<number | null>((resolve) => child.on("close", resolve));
  const ended: string = await followRedirects(await printed, (url: string) => url.includes("/callback"));
  expect(ended).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?code=/);
  child.stdin.end(`${change(ended)}\n`);
  const code = await exit;
  return { code, stdout, stderr };
}

describe("OAuth grants and guards through the real CLI", { timeout: 60_000 }, () => {
  it("takes a pasted redirect address when the browser is elsewhere (--no-browser)", async () => {
    fixture = await startOAuthFixture();
    const { cwd, dataHome, env } = await oauthSetup({ url: fixture.mcpUrl }, { browser: false });
    const run = await loginWithPaste(cwd, env, (ended) => ended);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Signed in to crm.");
    expect(storedLogin(dataHome).json.tokens.access_token.length).toBeGreaterThan(20);
    expect(fixture.grants).toEqual(["authorization_code"]);
  });

  it("refuses a redirect whose iss names another authorization server (RFC 9207), without showing it", async () => {
    fixture = await startOAuthFixture();
    const { cwd, env } = await oauthSetup({ url: fixture.mcpUrl }, { browser: false });
    const run = await loginWithPaste(cwd, env, (ended) => {
      const url = new URL(ended);
      expect(url.searchParams.get("iss")).toBe(fixture?.issuer);
      url.searchParams.set("iss", "https://evil.example");
      return url.href;
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "sign-in to crm failed: the authorization server is not the one the sign-in",
    );
    expect(run.stderr).not.toContain("evil.example");
    expect(fixture.grants).toEqual([]);
  });

  it("refuses a pasted address whose state is not this login's", async () => {
    fixture = await startOAuthFixture();
    const { cwd, env } = await oauthSetup({ url: fixture.mcpUrl }, { browser: false });
    const run = await runCli(["login", "crm", "--no-browser"], {
      cwd,
      env,
      input: "http://127.0.0.1:1/callback?code=forged-code&state=forged-state\n",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the sign-in answer does not belong to this login");
    expect(run.stderr).toContain("run agente login crm again");
    expect(fixture.grants).toEqual([]);
  });

  it("uses a pre-registered client id and secret for the authorization code", async () => {
    fixture = await startOAuthFixture({
      clients: [
        {
          client_id: "agente-pre",
          client_secret: "pre-secret-5b1e8d2c90",
          application_type: "native",
          redirect_uris: ["http://127.0.0.1/callback"],
          grant_types: ["authorization_code", "refresh_token"],
          token_endpoint_auth_method: "client_secret_basic",
        },
      ],
    });
    const { cwd, env, dataHome } = await oauthSetup({
      url: fixture.mcpUrl,
      oauth: { clientId: "agente-pre", clientSecret: "${CRM_PRE_SECRET}" },
    });
    const run = await runCli(["login", "crm"], {
      cwd,
      env: { ...env, CRM_PRE_SECRET: "pre-secret-5b1e8d2c90" },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(fixture.registrations).toBe(0);
    expect(fixture.grants).toEqual(["authorization_code"]);
    // A configured client is the config's: only the tokens are stored.
    expect(storedLogin(dataHome).json.client).toBeUndefined();
    expect(run.stdout + run.stderr).not.toContain("pre-secret-5b1e8d2c90");
  });

  it("signs in with client credentials (secret from ${VAR}) without any browser", async () => {
    fixture = await startOAuthFixture({
      clients: [
        {
          client_id: "agente-m2m",
          client_secret: M2M_SECRET,
          grant_types: ["client_credentials"],
          response_types: [],
          redirect_uris: [],
          token_endpoint_auth_method: "client_secret_basic",
        },
      ],
    });
    const { cwd, env, browserLog, dataHome } = await oauthSetup({
      url: fixture.mcpUrl,
      oauth: {
        grant: "client_credentials",
        clientId: "agente-m2m",
        clientSecret: "${CRM_SECRET}",
        scope: "mcp:read",
      },
    });
    const run = await runCli(["servers", "--json"], { cwd, env: { ...env, CRM_SECRET: M2M_SECRET } });
    expect(JSON.parse(run.stdout)[0]).toMatchObject({ state: "up" });
    expect(fixture.grants).toEqual(["client_credentials"]);
    expect(browserRuns(browserLog)).toBe(0);
    const token = storedLogin(dataHome).json.tokens.access_token;
    expect(run.stdout + run.stderr).not.toContain(token);
    expect(run.stdout + run.stderr).not.toContain(M2M_SECRET);
  });

  it("signs in with client credentials and a private-key JWT", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const publicJwk = publicKey.export({ format: "jwk" });
    fixture = await startOAuthFixture({
      clients: [
        {
          client_id: "agente-jwt",
          grant_types: ["client_credentials"],
          response_types: [],
          redirect_uris: [],
          token_endpoint_auth_method: "private_key_jwt",
          token_endpoint_auth_signing_alg: "ES256",
          jwks: { keys: [{ ...publicJwk, alg: "ES256", use: "sig" }] },
        },
      ],
    });
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const { cwd, env } = await oauthSetup({
      url: fixture.mcpUrl,
      oauth: {
        grant: "client_credentials",
        clientId: "agente-jwt",
        privateKeyPem: "${CRM_KEY}",
        signingAlgorithm: "ES256",
      },
    });
    const run = await runCli(["servers", "--json"], { cwd, env: { ...env, CRM_KEY: pem } });
    expect(JSON.parse(run.stdout)[0]).toMatchObject({ state: "up" });
    expect(fixture.grants).toEqual(["client_credentials"]);
  });

  // A refresh cannot widen the scope (RFC 6749 §6): the SDK v2 transport signs in again for the wider one.
  it("steps up to a wider scope when a call is refused with insufficient_scope", async () => {
    fixture = await startOAuthFixture();
    const { cwd, env, browserLog, dataHome } = await oauthSetup({ url: fixture.mcpUrl });
    expect((await runCli(["login", "crm"], { cwd, env })).code).toBe(0);
    expect(storedLogin(dataHome).json.tokens.scope?.split(" ")).not.toContain("mcp:write");
    const call = await runCli(["tools", "call", "borrar", "--args", "{}", "--yes"], { cwd, env });
    expect(call.stdout, call.stderr).toContain("borrado");
    expect(browserRuns(browserLog)).toBe(2);
    expect(storedLogin(dataHome).json.tokens.scope?.split(" ")).toContain("mcp:write");
  });

  it("hides the token from the model, the trace and the output when a server echoes it", async () => {
    fixture = await startOAuthFixture();
    const { cwd, env, dataHome } = await oauthSetup({ url: fixture.mcpUrl });
    const model = await startScriptedOllama([toolCall("cabecera", {}), answer("listo")]);
    try {
      const trace = join(cwd, "turno.jsonl");
      const run = await runCli(["ask", "--json", "--yes", "--trace", trace, "muestra la cabecera"], {
        cwd,
        env: {
          ...env,
          OLLAMA_HOST: model.url,
          AGENTE_EMBEDDER: "offline",
          AGENTE_GGUF_URL: "http://127.0.0.1:9/no-network-in-tests.gguf",
          AGENTE_MEMORY_PATH: join(cwd, "memoria.db"),
        },
      });
      expect(run.code, run.stderr).toBe(0);
      const token = storedLogin(dataHome).json.tokens.access_token;
      const requests = JSON.stringify(model.chats());
      expect(requests).toContain("recibí Bearer [redacted]");
      for (const text of [requests, run.stdout, run.stderr, await readFile(trace, "utf8")]) {
        expect(text).not.toContain(token);
      }
    } finally {
      await model.close();
    }
  });
});
