/**
 * A corpus of hostile HTML (`<img onerror>`, `<script>`, `javascript:` and `data:` links, iframes, SVG,
 * `<details ontoggle>`, styles and forms) in answers, tool results, file names, conversation titles and
 * errors, in Debian's Chromium: none of it runs, none of it becomes an element, and every link left is
 * http, https or mailto with `rel="noopener noreferrer"`.
 */
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchChromium, screenshotPath } from "./support/browser.js";
import { HOSTILE, PageModel } from "./support/page-model.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

/** Elements no hostile string may create, wherever the page shows outside text. */
const FORBIDDEN =
  "img, script, iframe, svg, object, embed, style, details, form, input, video, audio, link, meta";
/** Where outside text lands: answers, steps, session titles, uploads, documents, toasts. */
const OUTSIDE = [".answer", ".steps pre", ".sessions", ".uploads", ".documents", ".message.user"];

async function proofs(page: Page): Promise<{ pwned: unknown; forbidden: number; badLinks: string[] }> {
  const forbidden = await Promise.all(
    OUTSIDE.map((area) => page.locator(`${area} :is(${FORBIDDEN})`).count()),
  );
  const links = await page
    .locator(".answer a")
    .evaluateAll((anchors) =>
      anchors.map((anchor) => [anchor.getAttribute("href") ?? "", anchor.getAttribute("rel") ?? ""]),
    );
  return {
    pwned: await page.evaluate("globalThis.__pwned"),
    forbidden: forbidden.reduce((sum, count) => sum + count, 0),
    badLinks: links
      .filter(
        ([href, rel]) => href !== "" && (!/^(https?:|mailto:)/.test(href) || rel !== "noopener noreferrer"),
      )
      .map(([href]) => href ?? ""),
  };
}

const CLEAN = { pwned: undefined, forbidden: 0, badLinks: [] };

describe.skipIf(!existsSync(CHROMIUM))("hostile HTML in the web chat", { timeout: 120_000 }, () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startTestApp({ otherModel: new PageModel(), deps: { hostCheck: { allowedHosts: [] } } });
    browser = await launchChromium();
    page = await (
      await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 } })
    ).newPage();
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function ask(text: string): Promise<void> {
    await expect.poll(() => page.locator("button.send").isVisible()).toBe(true);
    await page.locator("#message").fill(text);
    await page.locator("#message").press("Enter");
    await expect.poll(() => page.locator("button.send").isVisible()).toBe(true);
  }

  it("in answers, rendered as markdown: shown as text, links stripped to safe ones", async () => {
    for (const [index] of HOSTILE.entries()) await ask(`hostil ${index}`);
    await expect
      .poll(() => page.locator(".message.assistant .actions .regenerate").count())
      .toBe(HOSTILE.length);
    expect(await page.locator(".answer").first().textContent()).toContain(
      '<img src=x onerror="window.__pwned=1">',
    );
    expect(await proofs(page)).toEqual(CLEAN);
    // The markdown links keep their text but lose the javascript: and data: targets; the image is its text.
    expect(await page.locator(".answer a:not([href])").allTextContents()).toEqual(["pulsa", "data"]);
    expect(await page.locator(".answer").nth(6).textContent()).toBe("Texto: imagen\n");
    await page.screenshot({ path: screenshotPath("hostile-answers"), animations: "disabled" });
  });

  it("in tool results, conversation titles and the questions themselves", async () => {
    await page.getByRole("button", { name: "New conversation" }).click();
    for (const [index, hostile] of HOSTILE.entries()) {
      if (index > 2) break;
      await ask(`herramienta hostil ${index}`);
      await ask(hostile);
    }
    const first = await server.store.listSessions("owner");
    await server.store.renameSession(first[0]?.id ?? "", HOSTILE.join(" "));
    await page.reload();
    await expect.poll(() => page.locator(".steps details").count()).toBe(3);
    for (const summary of await page.locator(".steps summary").all()) await summary.click();
    expect(await page.locator(".steps pre").nth(1).textContent()).toContain("<img src=x onerror");
    expect(await proofs(page)).toEqual(CLEAN);
  });

  it("in file names and errors", async () => {
    await page.locator("#files").setInputFiles([
      { name: `${HOSTILE[0]}.txt`, mimeType: "text/plain", buffer: Buffer.from("texto\n") },
      { name: `${HOSTILE[4]}.docx`, mimeType: "application/octet-stream", buffer: Buffer.from("PK roto") },
    ]);
    await expect.poll(() => page.locator(".uploads li span").count()).toBe(2);
    await expect.poll(() => page.locator(".uploads .failed").count()).toBe(1);
    await expect.poll(() => page.locator(".documents .document").count()).toBe(1);
    await ask("esto falla");
    await expect.poll(() => page.locator(".retry").count()).toBe(1);
    expect(await page.locator(".answer [role=alert]").last().textContent()).toContain("<script>");
    expect(await proofs(page)).toEqual(CLEAN);
    await page.reload();
    await expect.poll(() => page.locator(".documents .document").count()).toBe(1);
    expect(await proofs(page)).toEqual(CLEAN);
    expect(await page.locator("script").count()).toBe(2);
    expect(dialogs).toEqual([]);
  });
});
