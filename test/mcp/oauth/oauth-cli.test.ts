/**
 * OAuth through the real CLI against a real authorization server (oidc-provider) and a bearer-checking
 * MCP server: `agente login` with a $BROWSER program, the stored tokens (mode 0600), `servers` using them,
 * refresh, logout and "needs login".
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../support/run-cli.js";
import { type OAuthFixture, startOAuthFixture } from "../../fixtures/oauth/authorization-server.js";

const BROWSER_SCRIPT = fileURLToPath(new URL("../../fixtures/oauth/browser.mjs", import.meta.url));

let fixture: OAuthFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

interface Setup {
  cwd: string;
  dataHome: string;
  browserLog: string;
  env: NodeJS.ProcessEnv;
}

async function setup(server: Record<string, unknown>, withBrowser = true): Promise<Setup> {
  const cwd = await mkdtemp(join(tmpdir(), "agente-oauth-"));
  const dataHome = join(cwd, "data");
  const browserLog = join(cwd, "browser.log");
  await writeFile(join(cwd, "agente.json"), JSON.stringify({ mcpServers: { crm: server } }, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: "/nonexistent-home",
    XDG_DATA_HOME: dataHome,
    OAUTH_BROWSER_LOG: browserLog,
    AGENTE_LANG: "en",
  };
  if (withBrowser) env.BROWSER = `${process.execPath} ${BROWSER_SCRIPT}`;
  else delete env.BROWSER;
  return { cwd, dataHome, browserLog, env };
}

function storedRecord(dataHome: string): { path: string; json: Record<string, any> } {
  const folder = join(dataHome, "agente", "oauth");
  const [file] = readdirSync(folder);
  if (file === undefined) throw new Error("no stored login");
  const path = join(folder, file);
  return { path, json: JSON.parse(readFileSync(path, "utf8")) };
}

function browserRuns(log: string): number {
  try {
    return readFileSync(log, "utf8").split("\n").filter((line) => line !== "").length;
  } catch {
    return 0;
  }
}

describe("agente login / logout with a real authorization server", { timeout: 60_000 }, () => {
  it("signs in through $BROWSER, stores the tokens 0600 and never prints them", async () => {
    fixture = await startOAuthFixture();
    const { cwd, dataHome, browserLog, env } = await setup({ url: fixture.mcpUrl });

    const login = await runCli(["login", "crm"], { cwd, env });
    expect(login.stderr).not.toContain("Error");
    expect(login.code).toBe(0);
    expect(login.stdout).toContain("Signed in to crm.");
    expect(browserRuns(browserLog)).toBe(1);
    expect(fixture.registrations).toBe(1);
    expect(fixture.grants).toEqual(["authorization_code"]);

    const { path, json } = storedRecord(dataHome);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataHome, "agente", "oauth")).mode & 0o777).toBe(0o700);
    const access: string = json.tokens.access_token;
    const refresh: string = json.tokens.refresh_token;
    expect(access.length).toBeGreaterThan(20);
    expect(refresh.length).toBeGreaterThan(20);

    const servers = await runCli(["servers", "--json"], { cwd, env: { ...env, BROWSER: "" } });
    expect(servers.code).toBe(0);
    const [status] = JSON.parse(servers.stdout) as Array<{ name: string; state: string; tools: string[] }>;
    expect(status).toMatchObject({ name: "crm", state: "up", tools: ["saludar", "borrar"] });
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
    const { cwd, env, browserLog } = await setup({ url: fixture.mcpUrl }, false);
    const servers = await runCli(["servers", "--json"], { cwd, env });
    expect(servers.code).toBe(0);
    const [status] = JSON.parse(servers.stdout) as Array<{ state: string; reason: string }>;
    expect(status).toMatchObject({ state: "down", reason: "needs login: run agente login crm" });
    const spanish = await runCli(["servers"], { cwd, env: { ...env, AGENTE_LANG: "es" } });
    expect(spanish.stdout).toContain("necesita iniciar sesión: ejecuta agente login crm");
    expect(browserRuns(browserLog)).toBe(0);
  });

  it("signs in inside servers --json when $BROWSER is set (the conformance driver's way)", async () => {
    fixture = await startOAuthFixture();
    const { cwd, env, browserLog } = await setup({ url: fixture.mcpUrl });
    const servers = await runCli(["servers", "--json"], { cwd, env });
    const [status] = JSON.parse(servers.stdout) as Array<{ state: string; tools: string[] }>;
    expect(status).toMatchObject({ state: "up", tools: ["saludar", "borrar"] });
    expect(browserRuns(browserLog)).toBe(1);
  });

  it("refreshes a refused token on its own, without a browser", async () => {
    fixture = await startOAuthFixture();
    const { cwd, dataHome, env, browserLog } = await setup({ url: fixture.mcpUrl });
    expect((await runCli(["login", "crm"], { cwd, env })).code).toBe(0);
    const before = storedRecord(dataHome).json.tokens.access_token as string;
    fixture.refuseSeenTokens();
    fixture.presentedTokens.push(before);
    fixture.refuseSeenTokens();

    const call = await runCli(["tools", "call", "saludar", "--args", '{"nombre":"Ana"}', "--yes"], {
      cwd,
      env: { ...env, BROWSER: "" },
    });
    expect(call.stdout).toContain("hola Ana");
    const after = storedRecord(dataHome).json.tokens.access_token as string;
    expect(after).not.toBe(before);
    expect(fixture.grants).toEqual(["authorization_code", "refresh_token"]);
    expect(browserRuns(browserLog)).toBe(1);
  });

  it("refreshes an expired token before using it", async () => {
    // 20 s tokens are due at once: agente refreshes 30 s before expiry.
    fixture = await startOAuthFixture({ accessTokenTtl: 20 });
    const { cwd, dataHome, env } = await setup({ url: fixture.mcpUrl });
    expect((await runCli(["login", "crm"], { cwd, env })).code).toBe(0);
    const before = storedRecord(dataHome).json.tokens.access_token as string;
    const servers = await runCli(["servers", "--json"], { cwd, env: { ...env, BROWSER: "" } });
    expect(JSON.parse(servers.stdout)[0].state).toBe("up");
    expect(fixture.grants).toEqual(["authorization_code", "refresh_token"]);
    expect(fixture.presentedTokens).not.toContain(before);
    expect(storedRecord(dataHome).json.tokens.access_token).not.toBe(before);
  });

  it("logout deletes the stored login; the server needs a login again", async () => {
    fixture = await startOAuthFixture();
    const { cwd, dataHome, env } = await setup({ url: fixture.mcpUrl });
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
});
