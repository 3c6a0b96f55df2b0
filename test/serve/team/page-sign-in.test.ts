/**
 * The page in real Chromium once accounts exist: the login form asks for a name and password (and is
 * accessible), a wrong password is refused, the right one leaves an HttpOnly session cookie, and the chat
 * then works, its own POSTs passing the Origin check; a second person in another browser signs in apart.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveAccessPolicy } from "../../../src/serve/team/access-policy.js";
import { Accounts } from "../../../src/serve/team/accounts.js";
import { signInIdentity } from "../../../src/serve/team/sign-in.js";
import { SqliteAccountStore } from "../../../src/serve/team/sqlite-account-store.js";
import { axeViolations, CHROMIUM, launchChromium } from "../support/browser.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { RecordedAudit } from "./recorded-audit.js";

describe.skipIf(!existsSync(CHROMIUM))(
  "signing in to the page with a name and password",
  { timeout: 60_000 },
  () => {
    let server: TestApp;
    let browser: Browser;
    let store: SqliteAccountStore;
    let folder: string;

    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), "agente-page-sign-in-"));
      store = new SqliteAccountStore({ path: join(folder, "conversations.db") });
      const accounts = new Accounts({
        store,
        policy: resolveAccessPolicy(undefined),
        audit: new RecordedAudit(),
      });
      await accounts.addUser("system", { name: "ana", role: "member", password: "secreto-de-ana" });
      await accounts.addUser("system", { name: "luis", role: "admin", password: "secreto-de-luis" });
      server = await startTestApp({
        deps: { accounts, identify: signInIdentity({ accounts, loopbackOwner: true }) },
      });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await store?.close();
      await rm(folder, { recursive: true, force: true });
    });

    it("asks for a name and password, refuses a wrong one, and lets ana ask a question once signed in", async () => {
      const context = await browser.newContext({ locale: "en-GB" });
      const page = await context.newPage();
      expect((await page.goto(server.url))?.status()).toBe(401);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel("Name").fill("ana");
      await page.getByLabel("Password").fill("no-es-la-buena");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toBe("That name and password do not match.");
      // The name stays filled in after a wrong password.
      expect(await page.getByLabel("Name").inputValue()).toBe("ana");
      await page.getByLabel("Password").fill("secreto-de-ana");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect.poll(() => page.locator("h2#status-title").textContent()).toBe("Server status");
      const cookie = (await context.cookies()).find((entry) => entry.name === "agente_session");
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", secure: false });

      await page.getByLabel("Your message").fill("háblame de la empresa Acme");
      await page.getByRole("button", { name: "Send" }).click();
      await expect
        .poll(async () => (await page.locator(".message.assistant .answer").last().textContent())?.trim())
        .toBe("Según consultar_empresa: Acme: cliente desde 2019, clave [redacted]");

      // Luis, in a browser of his own, signs in apart and gets his own session cookie.
      const other = await browser.newContext({ locale: "es-ES" });
      const luis = await other.newPage();
      await luis.goto(server.url);
      await luis.getByLabel("Nombre").fill("luis");
      await luis.getByLabel("Contraseña").fill("secreto-de-luis");
      await luis.getByRole("button", { name: "Entrar" }).click();
      await expect.poll(() => luis.locator("h2#status-title").textContent()).toBe("Estado del servidor");
      const luisCookie = (await other.cookies()).find((entry) => entry.name === "agente_session");
      expect(luisCookie?.value).not.toBe(cookie?.value);
      await other.close();
      await context.close();
    });
  },
);
