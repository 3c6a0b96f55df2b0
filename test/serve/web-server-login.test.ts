/**
 * The status panel's sign-in for a remote MCP server that needs OAuth, end to end: the real `startServe`
 * with a real authorization server and bearer-checking MCP server (test/fixtures/oauth), the page in
 * real Chromium. The server shows "needs sign-in" with a button; the button starts the same flow as
 * `agente login`, the new tab goes through the authorization server and back to the flow's loopback
 * receiver, the tokens are stored, and the hub connects the server. Screenshots: test-results/serve/.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTranslator } from "../../src/i18n/translator.js";
import { loadAgenteConfig } from "../../src/runtime/open-hub.js";
import { type RunningServe, startServe } from "../../src/serve/start-serve.js";
import { ScriptedModel } from "../../src/testing/scripted-model.js";
import { type OAuthFixture, startOAuthFixture } from "../fixtures/oauth/authorization-server.js";
import { CHROMIUM, launchChromium, screenshotPath } from "./support/browser.js";
import { startTestApp } from "./support/test-app.js";

describe.skipIf(!existsSync(CHROMIUM))(
  "signing in to a server from the status panel",
  { timeout: 90_000 },
  () => {
    let folder: string;
    let fixture: OAuthFixture;
    let serve: RunningServe;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), "agente-web-login-"));
      vi.stubEnv("HOME", folder);
      vi.stubEnv("XDG_DATA_HOME", join(folder, ".local/share"));
      vi.stubEnv("XDG_CONFIG_HOME", join(folder, ".config"));
      vi.stubEnv("XDG_CACHE_HOME", join(folder, ".cache"));
      vi.stubEnv("AGENTE_API_KEY", "");
      // No browser for the hub itself: the server needs a login until someone signs in.
      vi.stubEnv("BROWSER", "");
      fixture = await startOAuthFixture();
      const config = join(folder, "agente.json");
      await writeFile(config, JSON.stringify({ mcpServers: { crm: { url: fixture.mcpUrl } } }));
      serve = await startServe({
        host: "127.0.0.1",
        port: 0,
        configPath: config,
        flags: { provider: "ollama", model: "modelo-guion", toolMode: "json" },
        t: createTranslator("es"),
        log: () => {},
        createModel: () => new ScriptedModel([], { model: "modelo-guion" }),
      });
      browser = await launchChromium();
      const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1280, height: 860 } });
      page = await context.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await serve?.close();
      await fixture?.close();
      vi.unstubAllEnvs();
      if (folder !== undefined) await rm(folder, { recursive: true, force: true });
    });

    it("shows needs sign-in, signs in through a new tab, and the server connects", async () => {
      await page.goto(serve.url);
      const server = page.locator("li.server").first();
      await expect
        .poll(() => server.locator("span").nth(1).textContent())
        .toBe("crm: necesita iniciar sesión");
      const button = page.getByRole("button", { name: "Iniciar sesión en crm" });
      expect(await button.count()).toBe(1);
      await page.screenshot({ path: screenshotPath("server-login-needed-es"), fullPage: true });

      const tab = page.context().waitForEvent("page");
      await button.click();
      const opened = await tab;
      await expect
        .poll(() => page.locator(".server-login .note").textContent())
        .toBe("Termina de iniciar sesión en la pestaña nueva; después el servidor se conecta.");
      await expect
        .poll(
          async () => {
            const status = (await (await fetch(`${serve.url}/api/status`)).json()) as {
              servers: Array<{ name: string; state: string; tools: number; needsLogin?: boolean }>;
            };
            return status.servers.map(({ name, state, needsLogin }) => ({ name, state, needsLogin }));
          },
          { timeout: 30_000 },
        )
        .toEqual([{ name: "crm", state: "up", needsLogin: undefined }]);
      expect(fixture.grants).toEqual(["authorization_code"]);
      expect(fixture.registrations).toBe(1);
      await opened.close();
      await page.reload();
      await expect.poll(() => server.locator("span").nth(1).textContent()).toBe("crm: activo");
      expect(await page.getByRole("button", { name: "Iniciar sesión en crm" }).count()).toBe(0);
      await page.screenshot({ path: screenshotPath("server-login-done-es"), fullPage: true });
    });
  },
);

describe("who may start a server's sign-in, and where", () => {
  async function appWith(loopback: boolean, role: string) {
    const folder = await mkdtemp(join(tmpdir(), "agente-web-login-route-"));
    const path = join(folder, "agente.json");
    await writeFile(path, JSON.stringify({ mcpServers: { crm: { url: "http://127.0.0.1:9/mcp" } } }));
    const { servers } = await loadAgenteConfig({ path });
    const reconnected: string[] = [];
    const app = await startTestApp({
      folder,
      listen: false,
      deps: {
        identify: () => ({ id: "u1", name: "ana", role, via: "local" }),
        serverLogin: {
          servers,
          hub: {
            reconnect: async (name) => {
              reconnected.push(name);
              return true;
            },
          },
          loopback,
          translate: createTranslator("es"),
          log: () => {},
          env: { XDG_DATA_HOME: join(folder, "data") },
        },
      },
    });
    return { app, reconnected };
  }

  it("refuses when serve is not on loopback (agente login on its machine), and for a non-admin", async () => {
    const remote = await appWith(false, "admin");
    const far = await remote.app.app.inject({ method: "POST", url: "/api/servers/crm/login", payload: {} });
    expect(far.statusCode).toBe(409);
    expect(far.json().error.message).toBe(
      "serve is not on loopback: run agente login crm on the server's machine",
    );
    const unknown = await remote.app.app.inject({
      method: "POST",
      url: "/api/servers/otro/login",
      payload: {},
    });
    expect(unknown.statusCode).toBe(404);
    await remote.app.close();

    const member = await appWith(true, "member");
    const refused = await member.app.app.inject({
      method: "POST",
      url: "/api/servers/crm/login",
      payload: {},
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe("only an admin signs a server in");
    expect(member.reconnected).toEqual([]);
    await member.app.close();
  });
});
