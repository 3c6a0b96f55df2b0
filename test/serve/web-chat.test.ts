/**
 * The web chat in real Chromium (Debian's, through playwright-core): a conversation with its folded steps
 * and sources, an approval denied and one approved with the buttons, a document dropped into memory, the
 * status panel, Spanish and English, a reload that keeps everything, and axe-core finding nothing.
 * Screenshots: test-results/serve/*.png.
 */
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, CHROMIUM, launchChromium, SCREENSHOTS, screenshotPath } from "./support/browser.js";
import { SECRET, startTestApp, type TestApp } from "./support/test-app.js";

describe.skipIf(!existsSync(CHROMIUM))("the web chat in Chromium", { timeout: 60_000 }, () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // As `agente serve` runs on loopback without a key: the Host and Origin check is on, and the page's
    // own requests (same origin) pass it.
    server = await startTestApp({ deps: { hostCheck: { allowedHosts: [] } } });
    browser = await launchChromium();
    const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("answers with the steps folded and the sources by file name, in Spanish", async () => {
    await page.goto(server.url);
    await expect.poll(() => page.locator("h2#status-title").textContent()).toBe("Estado del servidor");
    await page.getByLabel("Tu mensaje").fill("háblame de la empresa Acme");
    await page.getByRole("button", { name: "Enviar" }).click();
    const answer = page.locator(".message.assistant .answer").last();
    await expect
      .poll(async () => (await answer.textContent())?.trim())
      .toBe("Según consultar_empresa: Acme: cliente desde 2019, clave [redacted]");
    const step = page.locator("details.step").first();
    expect(await step.getAttribute("open")).toBeNull();
    expect(await step.locator("summary").textContent()).toBe("Paso 1: consultar_empresa");
    expect(await page.locator(".sources .source").allTextContents()).toEqual(["contrato-2026.pdf"]);
    expect(await page.content()).not.toContain(SECRET);
    await step.locator("summary").click();
    expect(await step.locator("pre").first().textContent()).toBe('{\n  "nombre": "Acme"\n}');
    await page.screenshot({ path: screenshotPath("chat-es"), fullPage: true });
  });

  it("waits for approval: a denial goes back to the model, an approval runs the tool", async () => {
    await page.getByLabel("Tu mensaje").fill("borra Beta");
    await page.getByRole("button", { name: "Enviar" }).click();
    await page.getByRole("button", { name: "Rechazar" }).click();
    const answer = page.locator(".message.assistant .answer").last();
    await expect.poll(() => answer.textContent()).toContain("Según borrar_cliente:");
    expect(await answer.textContent()).toContain("el usuario no lo aprobó");
    expect(server.hub.calls.filter((call) => call.name === "borrar_cliente")).toEqual([]);

    await page.getByLabel("Tu mensaje").fill("borra Gamma");
    await page.getByRole("button", { name: "Enviar" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Aprobar" }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath("approval-es"), fullPage: true });
    await page.getByRole("button", { name: "Aprobar" }).click();
    await expect
      .poll(async () => (await page.locator(".message.assistant .answer").last().textContent())?.trim())
      .toBe("Según borrar_cliente: Gamma borrado");
    expect(server.hub.calls.filter((call) => call.name === "borrar_cliente")).toEqual([
      { name: "borrar_cliente", args: { nombre: "Gamma" } },
    ]);
  });

  it("puts a dropped document into memory, with its progress and result", async () => {
    await page.locator("#files").setInputFiles({
      name: "tarifas.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("La hora de consultoría cuesta 60 euros.\n"),
    });
    await expect
      .poll(() => page.locator(".uploads li").first().textContent())
      .toBe("tarifas.txt: añadido, 1 pasaje");
    expect(
      await page
        .locator(".uploads progress")
        .first()
        .evaluate((element) => (element as unknown as { value: number }).value),
    ).toBe(1);
  });

  it("shows the server status panel", async () => {
    expect(await page.locator(".servers li").allTextContents()).toEqual(["empresa: activo3 herramientas"]);
    expect(await page.locator(".status strong").textContent()).toBe("modelo-guion");
  });

  it("keeps the conversation across a reload, and passes the accessibility check", async () => {
    await page.reload();
    await expect.poll(() => page.locator(".message").count()).toBe(6);
    expect(await page.locator(".sessions .session .title").allTextContents()).toEqual([
      "háblame de la empresa Acme",
    ]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("switches to English", async () => {
    await page.getByLabel("Idioma").selectOption("en");
    await expect.poll(() => page.locator("h2#status-title").textContent()).toBe("Server status");
    expect(await page.getByRole("button", { name: "Send" }).count()).toBe(1);
    await expect.poll(() => page.locator(".message").count()).toBe(6);
    await page.screenshot({ path: screenshotPath("chat-en"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    console.log(`screenshots in ${SCREENSHOTS}`);
  });

  it("starts a second conversation and deletes it", async () => {
    await page.getByRole("button", { name: "New conversation" }).click();
    await page.getByLabel("Your message").fill("hola de nuevo");
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => page.locator(".sessions .session").count()).toBe(2);
    await expect
      .poll(async () => (await page.locator(".message.assistant .answer").last().textContent())?.trim())
      .toBe("Hola. Dijiste: hola de nuevo");
    await page.getByRole("button", { name: "Delete conversation: hola de nuevo" }).click();
    await expect
      .poll(() => page.locator(".sessions .session .title").allTextContents())
      .toEqual(["háblame de la empresa Acme"]);
    // The delete reaches the server once the time to undo it has passed.
    expect(await server.store.listSessions("owner")).toHaveLength(2);
    await expect
      .poll(async () => (await server.store.listSessions("owner")).length, { timeout: 10_000 })
      .toBe(1);
    expect(await page.locator(".empty").textContent()).toBe(
      "Ask something: agente uses its tools and memory to answer.",
    );
  });
});
