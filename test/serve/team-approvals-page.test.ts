/**
 * Two people at once in real Chromium: ana (member) asks for a payment; her page says it waits for an
 * approver; luis (admin), in his own browser context, sees her request in the sidebar (who, the question,
 * the tool and its arguments) and approves it; ana's page then shows the answer. Screenshots:
 * test-results/serve/team-approval-*.png.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteConversationStore } from "../../src/serve/sqlite-conversation-store.js";
import { CHROMIUM, launchChromium, screenshotPath } from "./support/browser.js";
import { startTeamApp, type TeamApp } from "./support/team-app.js";

describe.skipIf(!existsSync(CHROMIUM))("approval by someone else in the page", { timeout: 90_000 }, () => {
  let folder: string;
  let team: TeamApp;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-team-page-"));
    team = await startTeamApp({
      store: new SqliteConversationStore({ path: join(folder, "conversations.db") }),
      ledgerFile: join(folder, "ledger.txt"),
    });
    url = await team.app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await team?.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function pageFor(person: string): Promise<Page> {
    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 860 } });
    await context.addCookies([{ name: "test-person", value: person, url }]);
    const page = await context.newPage();
    await page.goto(url);
    return page;
  }

  it("ana's page waits, luis approves in his, and ana's page shows the answer", async () => {
    const [ana, luis] = await Promise.all([pageFor("ana"), pageFor("luis")]);
    await ana.getByLabel("Your message").fill("paga 42 material");
    await ana.getByRole("button", { name: "Send" }).click();
    const waiting = ana.locator(".approval-waiting");
    await expect
      .poll(() => waiting.textContent())
      .toBe(
        "registrar_pago waits for an approver. You may close this page: the answer will appear here once someone decides.",
      );
    await ana.screenshot({ path: screenshotPath("team-approval-ana-waiting") });

    const request = luis.locator(".approval-request");
    await expect.poll(() => request.count(), { timeout: 10_000 }).toBe(1);
    expect(await request.locator("p").first().textContent()).toBe("ana asks to run registrar_pago");
    expect(await request.locator("blockquote").textContent()).toBe("paga 42 material");
    expect(JSON.parse((await request.locator("pre").textContent()) ?? "")).toEqual({
      importe: 42,
      concepto: "material",
    });
    await luis.screenshot({ path: screenshotPath("team-approval-luis-request") });
    await request.getByRole("button", { name: "Approve" }).click();
    await expect.poll(() => request.locator(".decided").textContent()).toBe("registrar_pago: Approved");

    const answer = ana.locator(".message.assistant .answer").last();
    await expect
      .poll(async () => (await answer.textContent())?.trim(), { timeout: 15_000 })
      .toBe("Según registrar_pago: pago de 42 registrado (material)");
    await ana.screenshot({ path: screenshotPath("team-approval-ana-answered") });
    expect(readFileSync(join(folder, "ledger.txt"), "utf8")).toBe("42 material\n");
  });
});
