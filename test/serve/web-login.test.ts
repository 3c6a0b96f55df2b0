/**
 * The page behind AGENTE_API_KEY in real Chromium: the login form asks once (and is accessible), a wrong
 * key is refused, the right one leaves an HttpOnly cookie and the chat loads with it.
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, CHROMIUM, launchChromium, screenshotPath } from "./support/browser.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

const KEY = "clave-del-navegador-4471";

describe.skipIf(!existsSync(CHROMIUM))("signing in to the page", { timeout: 60_000 }, () => {
  let server: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestApp({ deps: { apiKey: KEY } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("asks for the key once, refuses a wrong one, and keeps the right one in an HttpOnly cookie", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    const first = await page.goto(server.url);
    expect(first?.status()).toBe(401);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath("login-en") });

    await page.getByLabel("API key").fill("not-the-key");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("That key is not right.");

    await page.getByLabel("API key").fill(KEY);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.locator("h2#status-title").textContent()).toBe("Server status");
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === "agente_key")).toMatchObject({
      httpOnly: true,
      sameSite: "Strict",
    });
    expect(JSON.stringify(cookies)).not.toContain(KEY);

    const again = await context.newPage();
    expect((await again.goto(server.url))?.status()).toBe(200);
    await context.close();
  });
});
