/**
 * Against a real authorization server (`oidc-provider`, test/fixtures/oauth): the retry limit of sign-ins
 * when the server keeps refusing a scope the user cannot get, and DPoP-bound tokens (RFC 9449) whose key
 * is kept with the tokens, so a later run can still present them.
 */
import { statSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { type OAuthFixture, startOAuthFixture } from "../../fixtures/oauth/authorization-server.js";
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
});
