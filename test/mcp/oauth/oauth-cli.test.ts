/**
 * OAuth through the real CLI against a real authorization server (oidc-provider) and a bearer-checking
 * MCP server: `agente login` with a $BROWSER program, the stored tokens (mode 0600), `servers` using them,
 * refresh, logout and "needs login".
 */
import { readdirSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type OAuthFixture, startOAuthFixture } from "../../fixtures/oauth/authorization-server.js";
import { startHttpFixture } from "../../fixtures/servers/http-server.js";
import { runCli } from "../../support/run-cli.js";
import { browserRuns, oauthSetup, storedLogin } from "./support.js";

let fixture: OAuthFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe("agente login / logout with a real authorization server", { timeout: 60_000 }, () => {
  it("signs in through $BROWSER, stores the tokens 0600 and never prints them", async () => {
    fixture = await startOAuthFixture();
    const { cwd, dataHome, browserLog, env } = await oauthSetup({ url: fixture.mcpUrl });

    const login = await runCli(["login", "crm"], { cwd, env });
    expect(login.stderr).not.toContain("Error");
    expect(login.code).toBe(0);
    expect(login.stdout).toContain("Signed in to crm.");
    expect(browserRuns(browserLog)).toBe(1);
    expect(fixture.registrations).toBe(1);
    expect(fixture.grants).toEqual(["authorization_code"]);

    const { path, json } = storedLogin(dataHome);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataHome, "agente", "oauth")).mode & 0o777).toBe(0o700);
    const access = json.tokens.access_token;
    const refresh = json.tokens.refresh_token ?? "";
    expect(access.length).toBeGreaterThan(20);
    expect(refresh.length).toBeGreaterThan(20);

    const servers = await runCli(["servers", "--json"], { cwd, env: { ...env, BROWSER: "" } });
    expect(servers.code).toBe(0);
    const [status] = JSON.parse(servers.stdout) as Array<{ name: string; state: string; tools: string[] }>;
    expect(status).toMatchObject({ name: "crm", state: "up", tools: ["saludar", "borrar", "cabecera"] });
    expect(browserRuns(browserLog)).toBe(1);
    expect(fixture.presentedTokens).toContain(access);

    const call = await runCli(["tools", "call", "saludar", "--args", '{"nombre":"Ana"}', "--yes"], {
      cwd,
      env: { ...env, BROWSER: "" },
    });
    expect(call.stdout).toContain("hola Ana");

    for (const output of [login, servers, call]) {
      for (const secret of [access, refresh]) {
        expect(output.stdout).not.toContain(secret);
        expect(output.stderr).not.toContain(secret);
      }
    }
  });

  it("says needs login, with the command, when no browser may be opened", async () => {
    fixture = await startOAuthFixture();
    const { cwd, env, browserLog } = await oauthSetup({ url: fixture.mcpUrl }, { browser: false });
    const servers = await runCli(["servers", "--json"], { cwd, env });
    // Its only server is down, so `servers` exits 1 (issue 20: every server down is a failure).
    expect(servers.code).toBe(1);
    const [status] = JSON.parse(servers.stdout) as Array<{ state: string; reason: string }>;
    expect(status).toMatchObject({ state: "down", reason: "needs login: run agente login crm" });
    const spanish = await runCli(["servers"], { cwd, env: { ...env, AGENTE_LANG: "es" } });
    expect(spanish.stdout).toContain("necesita iniciar sesión: ejecuta agente login crm");
    const doctor = await runCli(["doctor"], { cwd, env: { ...env, OLLAMA_HOST: "http://127.0.0.1:9" } });
    expect(doctor.stdout).toMatch(/crm.*needs login: run agente login crm/);
    expect(browserRuns(browserLog)).toBe(0);
  });

  it("signs in inside servers --json when $BROWSER is set (the conformance driver's way)", async () => {
    fixture = await startOAuthFixture();
    const { cwd, env, browserLog } = await oauthSetup({ url: fixture.mcpUrl });
    const servers = await runCli(["servers", "--json"], { cwd, env });
    const [status] = JSON.parse(servers.stdout) as Array<{ state: string; tools: string[] }>;
    expect(status).toMatchObject({ state: "up", tools: ["saludar", "borrar", "cabecera"] });
    expect(browserRuns(browserLog)).toBe(1);
  });

  it("refreshes a refused token on its own, without a browser", async () => {
    fixture = await startOAuthFixture();
    const { cwd, dataHome, env, browserLog } = await oauthSetup({ url: fixture.mcpUrl });
    expect((await runCli(["login", "crm"], { cwd, env })).code).toBe(0);
    const before = storedLogin(dataHome).json.tokens.access_token;
    fixture.refuseSeenTokens();

    const call = await runCli(["tools", "call", "saludar", "--args", '{"nombre":"Ana"}', "--yes"], {
      cwd,
      env: { ...env, BROWSER: "" },
    });
    expect(call.stdout).toContain("hola Ana");
    const after = storedLogin(dataHome).json.tokens.access_token;
    expect(after).not.toBe(before);
    expect(fixture.grants).toEqual(["authorization_code", "refresh_token"]);
    expect(browserRuns(browserLog)).toBe(1);
  });

  it("refreshes an expired token before using it", async () => {
    // 20 s tokens are due at once: agente refreshes 30 s before expiry.
    fixture = await startOAuthFixture({ accessTokenTtl: 20 });
    const { cwd, dataHome, env } = await oauthSetup({ url: fixture.mcpUrl });
    expect((await runCli(["login", "crm"], { cwd, env })).code).toBe(0);
    const before = storedLogin(dataHome).json.tokens.access_token;
    const presentedAtLogin = fixture.presentedTokens.length;
    const servers = await runCli(["servers", "--json"], { cwd, env: { ...env, BROWSER: "" } });
    expect(JSON.parse(servers.stdout)[0].state).toBe("up");
    expect(fixture.grants).toEqual(["authorization_code", "refresh_token"]);
    expect(fixture.presentedTokens.slice(presentedAtLogin)).not.toContain(before);
    expect(storedLogin(dataHome).json.tokens.access_token).not.toBe(before);
  });

  it("logout deletes the stored login; the server needs a login again", async () => {
    fixture = await startOAuthFixture();
    const { cwd, dataHome, env } = await oauthSetup({ url: fixture.mcpUrl });
    expect((await runCli(["login", "crm"], { cwd, env })).code).toBe(0);
    const logout = await runCli(["logout", "crm"], { cwd, env });
    expect(logout.code).toBe(0);
    expect(logout.stdout).toContain("Signed out of crm");
    expect(readdirSync(join(dataHome, "agente", "oauth"))).toEqual([]);
    const again = await runCli(["logout", "crm"], { cwd, env });
    expect(again.stdout).toContain("crm had no stored login.");
    const servers = await runCli(["servers", "--json"], { cwd, env: { ...env, BROWSER: "" } });
    expect(JSON.parse(servers.stdout)[0].reason).toBe("needs login: run agente login crm");
  });

  it("says so for a server that asks for no login, and refuses an unknown or local server", async () => {
    const open = await startHttpFixture("streamable");
    try {
      const { cwd, env, dataHome } = await oauthSetup({ url: open.url });
      await writeFile(
        join(cwd, "agente.json"),
        JSON.stringify({ mcpServers: { crm: { url: open.url }, local: { command: "node" } } }),
      );
      const login = await runCli(["login", "crm"], { cwd, env });
      expect(login.code).toBe(0);
      expect(login.stdout).toContain("crm asked for no login: it is ready to use.");
      expect(() => storedLogin(dataHome)).toThrow();
      const unknown = await runCli(["login", "erp"], { cwd, env });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no server named "erp" in the config');
      const local = await runCli(["logout", "local"], { cwd, env });
      expect(local.code).toBe(1);
      expect(local.stderr).toContain('"local" is not a remote (HTTP) server: it needs no login');
    } finally {
      await open.close();
    }
  });
});
