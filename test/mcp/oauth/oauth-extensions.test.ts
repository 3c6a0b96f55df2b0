/**
 * Against a real authorization server (`oidc-provider`, test/fixtures/oauth): the retry limit of sign-ins
 * when the server keeps refusing a scope the user cannot get, and DPoP-bound tokens (RFC 9449) whose key
 * is kept with the tokens, so a later run can still present them.
 */
import { createSign, generateKeyPairSync } from "node:crypto";
import { statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ClientMetadata } from "oidc-provider";
import { afterEach, describe, expect, it } from "vitest";
import { type OAuthFixture, startOAuthFixture } from "../../fixtures/oauth/authorization-server.js";
import { JWT_BEARER } from "../../fixtures/oauth/jwt-bearer-grant.js";
import { runCli } from "../../support/run-cli.js";
import { browserRuns, oauthSetup, storedLogin } from "./support.js";

let fixture: OAuthFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe("OAuth retry limit and DPoP through the real CLI", { timeout: 60_000 }, () => {
  it("steps up once for a scope that does not help, then says so instead of asking again", async () => {
    fixture = await startOAuthFixture({ alwaysInsufficient: true });
    const { cwd, env, browserLog } = await oauthSetup({ url: fixture.mcpUrl });
    expect((await runCli(["login", "crm"], { cwd, env })).code).toBe(0);
    const call = await runCli(["tools", "call", "borrar", "--args", "{}", "--yes"], { cwd, env });
    expect(call.code).not.toBe(0);
    expect(call.stderr).toContain("signing in again would not help");
    expect(call.stderr).toContain("ask the administrator of crm for that access");
    // The login, then one step-up to mcp:write (which the server still refuses), and no third.
    expect(browserRuns(browserLog)).toBe(2);
  });

  it("binds tokens to a DPoP key kept with them (0600), and presents them with proofs in a later run", async () => {
    fixture = await startOAuthFixture({ dpop: true });
    const { cwd, env, dataHome } = await oauthSetup({ url: fixture.mcpUrl });
    expect((await runCli(["login", "crm"], { cwd, env })).code).toBe(0);
    const stored = storedLogin(dataHome);
    expect(stored.json.tokens).toMatchObject({ token_type: "DPoP" });
    expect(stored.json).toMatchObject({ dpopKey: { alg: "ES256", jwk: { kty: "EC", crv: "P-256" } } });
    expect(statSync(stored.path).mode & 0o777).toBe(0o600);
    const call = await runCli(["tools", "call", "saludar", "--args", '{"nombre":"ana"}', "--yes"], {
      cwd,
      env,
    });
    expect(call.stdout, call.stderr).toContain("hola ana");
    expect(fixture.presentations.length).toBeGreaterThan(0);
    expect(new Set(fixture.presentations)).toEqual(new Set(["DPoP"]));
    expect(fixture.grants).toEqual(["authorization_code"]);
  });

  it("keeps plain Bearer tokens, and no key, where the server offers no DPoP", async () => {
    fixture = await startOAuthFixture();
    const { cwd, env, dataHome } = await oauthSetup({ url: fixture.mcpUrl });
    expect((await runCli(["login", "crm"], { cwd, env })).code).toBe(0);
    const stored = storedLogin(dataHome);
    expect(stored.json.tokens).toMatchObject({ token_type: "Bearer" });
    expect(stored.json).not.toHaveProperty("dpopKey");
  });

  it("signs in as a workload with the JWT bearer grant, its JWT read from a file, with no browser", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    fixture = await startOAuthFixture({ workloadKey: publicKey, clients: [WORKLOAD_CLIENT] });
    const { cwd, env } = await oauthSetup(
      {
        url: fixture.mcpUrl,
        oauth: { grant: "jwt_bearer", clientId: "ci-runner", assertionFile: "token.jwt" },
      },
      { browser: false },
    );
    await writeFile(join(cwd, "token.jwt"), `${workloadJwt(privateKey, fixture.issuer)}\n`);
    const call = await runCli(["tools", "call", "saludar", "--args", '{"nombre":"ci"}', "--yes"], {
      cwd,
      env,
    });
    expect(call.stdout, call.stderr).toContain("hola ci");
    expect(fixture.grants).toEqual([JWT_BEARER]);
  });

  it("reports a refused workload JWT once, without retrying or switching grants", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    fixture = await startOAuthFixture({ workloadKey: publicKey, clients: [WORKLOAD_CLIENT] });
    const wrongAudience = workloadJwt(privateKey, "https://other.example");
    const { cwd, env } = await oauthSetup(
      {
        url: fixture.mcpUrl,
        oauth: { grant: "jwt_bearer", clientId: "ci-runner", assertion: "${WORKLOAD_JWT}" },
      },
      { browser: false, env: { WORKLOAD_JWT: wrongAudience } },
    );
    const call = await runCli(["tools", "call", "saludar", "--args", '{"nombre":"ci"}', "--yes"], {
      cwd,
      env,
    });
    expect(call.code).not.toBe(0);
    expect(call.stderr).toContain("the authorization server refused the workload's token");
    expect(call.stderr).not.toContain(wrongAudience);
    expect(fixture.grants).toEqual([JWT_BEARER]);
  });
});

const WORKLOAD_CLIENT: ClientMetadata = {
  client_id: "ci-runner",
  grant_types: [JWT_BEARER],
  response_types: [],
  redirect_uris: [],
  token_endpoint_auth_method: "none",
};

/** An RS256 workload JWT for `audience`, valid for five minutes. */
function workloadJwt(privateKey: import("node:crypto").KeyObject, audience: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const body = `${encode({ alg: "RS256", typ: "JWT" })}.${encode({ iss: "https://idp.example", sub: "ci", aud: audience, iat: now, exp: now + 300 })}`;
  const signature = createSign("sha256").update(body).sign(privateKey).toString("base64url");
  return `${body}.${signature}`;
}
