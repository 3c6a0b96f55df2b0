/**
 * The web chat for a team, in Chromium with two people at once: the upload says where files go (a member:
 * their private memory; an admin: a choice), each document says where it lives, and only the admin sees
 * the audit trail panel with its JSONL export.
 */
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchChromium } from "./support/browser.js";
import { ANA, bearer, LUIS, startTeamApp, type TeamApp } from "./support/team-data-app.js";

describe.skipIf(!existsSync(CHROMIUM))("the page for a team, two people at once", { timeout: 60_000 }, () => {
  let team: TeamApp;
  let browser: Browser;
  let anaPage: Page;
  let luisPage: Page;

  beforeAll(async () => {
    team = await startTeamApp();
    await team.audit.record({ kind: "sign_in", actor: "ana", via: "password", outcome: "ok" });
    browser = await launchChromium();
    anaPage = await (await browser.newContext({ extraHTTPHeaders: bearer(ANA), locale: "es-ES" })).newPage();
    luisPage = await (
      await browser.newContext({ extraHTTPHeaders: bearer(LUIS), locale: "en-US" })
    ).newPage();
    await Promise.all([anaPage.goto(team.url), luisPage.goto(team.url)]);
  });
  afterAll(async () => {
    await browser?.close();
    await team?.close();
  });

  it("a member's upload goes to her private memory, said so; the admin chooses, and never sees hers", async () => {
    await expect
      .poll(() => anaPage.locator(".where").textContent())
      .toBe("Lo que subas va a tu memoria privada: solo tú lo encuentras.");
    await anaPage.locator("#files").setInputFiles({
      name: "notas-ana.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Notas privadas de ana."),
    });
    await expect.poll(() => anaPage.locator(".documents .document").allTextContents()).toHaveLength(1);
    expect(await anaPage.locator(".documents .document").first().textContent()).toContain("privado");

    await expect
      .poll(() => luisPage.locator("#upload-destination option").allTextContents())
      .toEqual(["shared memory (everyone)", "my private memory"]);
    await luisPage.locator("#upload-destination").selectOption("shared");
    await luisPage.locator("#files").setInputFiles({
      name: "manual.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Manual de la empresa."),
    });
    await expect
      .poll(() => luisPage.locator(".documents .document .name").allTextContents())
      .toEqual(["manual.txt"]);
    await anaPage.reload();
    await expect
      .poll(() => anaPage.locator(".documents .document .name").allTextContents())
      .toEqual(["manual.txt", "notas-ana.txt"]);
  });

  it("only the admin sees the audit trail, with filters and a JSONL export", async () => {
    await expect.poll(() => luisPage.locator(".audit .audit-entry").count()).toBeGreaterThan(0);
    expect(await luisPage.locator(".audit .audit-entry").first().textContent()).toContain("ana");
    await luisPage.locator("#audit-user").fill("nadie");
    await luisPage.locator(".audit-filters button[type=submit]").click();
    await expect.poll(() => luisPage.locator(".audit .audit-entry").count()).toBe(0);
    expect(await luisPage.locator(".audit-filters a").getAttribute("href")).toBe(
      "/api/audit?user=nadie&format=jsonl",
    );
    expect(await anaPage.locator(".audit").isHidden()).toBe(true);
  });
});
