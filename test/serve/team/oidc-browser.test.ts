/**
 * Single sign-on in real Chromium: the login page's link (accessible, in the browser's language), the
 * provider's form on loopback (`oidc-provider`), the way back with the session cookie, and the page a
 * person in no mapped group gets. Screenshots in test-results/serve/.
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveAccessPolicy } from "../../../src/serve/team/access-policy.js";
import { openIdClient } from "../../../src/serve/team/oidc-client.js";
import { resolveOidcSettings } from "../../../src/serve/team/oidc-config.js";
import { type IdentityProvider, startIdentityProvider } from "../../fixtures/oidc/identity-provider.js";
import { MemoryAudit, RecordingSessions } from "../../fixtures/oidc/sign-in-doubles.js";
import { axeViolations, CHROMIUM, launchChromium, screenshotPath } from "../support/browser.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

const CLIENT_SECRET = "browser-oidc-secret-77f0-hidden";

describe.skipIf(!existsSync(CHROMIUM))("single sign-on in the browser", { timeout: 60_000 }, () => {
  let idp: IdentityProvider;
  let app: TestApp;
  let browser: Browser;
  const sessions = new RecordingSessions();
  const audit = new MemoryAudit();

  beforeAll(async () => {
    idp = await startIdentityProvider([
      { sub: "s-ana", preferred_username: "ana", name: "Ana", email: "ana@example.com", groups: ["staff"] },
      { sub: "s-pedro", preferred_username: "pedro", name: "Pedro", email: "p@example.com", groups: ["x"] },
    ]);
    const policy = resolveAccessPolicy(undefined);
    const settings = resolveOidcSettings(
      {
        issuer: idp.issuer,
        clientId: "agente",
        clientSecret: CLIENT_SECRET,
        // The other way of sending the secret (oidc-sign-in.test.ts uses the default, basic).
        clientAuth: "client_secret_post",
        roles: { staff: "member" },
        label: "Entrar con ACME",
      },
      policy,
    );
    if (settings === undefined) throw new Error("no settings");
    app = await startTestApp({
      deps: {
        apiKey: "clave-del-navegador-oidc-1",
        oidc: { settings, client: openIdClient(settings), sessions, audit, policy },
      },
    });
    idp.registerClient({
      clientId: "agente",
      clientSecret: CLIENT_SECRET,
      redirectUri: `${app.url}/auth/oidc/callback`,
      authMethod: "client_secret_post",
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await idp?.close();
  });

  it("the link leads through the provider's form and back with the session cookie", async () => {
    const context = await browser.newContext({ locale: "es-ES" });
    const page = await context.newPage();
    expect((await page.goto(app.url))?.status()).toBe(401);
    const link = page.getByRole("link", { name: "Entrar con ACME" });
    expect(await link.getAttribute("href")).toBe("/auth/oidc/login");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath("oidc-login-link-es") });

    await link.click();
    await page.getByLabel("Username").fill("ana");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/");
    expect(sessions.started.map((started) => started.person)).toEqual([
      { issuer: idp.issuer, subject: "s-ana", name: "ana", role: "member" },
    ]);
    expect(audit.entries).toMatchObject([{ kind: "sign_in", actor: "ana", via: "oidc" }]);
    expect(idp.tokenAuth).toEqual(["body"]);
    const cookies = await context.cookies(app.url);
    expect(cookies.find((cookie) => cookie.name === "agente_session")).toMatchObject({
      value: "sesion-1",
      httpOnly: true,
    });
    expect(cookies.find((cookie) => cookie.name === "agente_oidc")).toBeUndefined();
    expect(JSON.stringify(cookies)).not.toContain(CLIENT_SECRET);
    await context.close();
  });

  it("a person in no mapped group sees one line that says why", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`${app.url}/auth/oidc/login`);
    await page.getByLabel("Username").fill("pedro");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toBe("pedro is in no group that has a role on this agente: ask your administrator to add you to one.");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath("oidc-no-role-en") });
    expect(await page.content()).not.toContain(CLIENT_SECRET);
    await context.close();
  });
});
