/**
 * Issue 18's "done when", in Debian's Chromium against the app with a model that writes word by word:
 * markdown (table, highlighted code, no literal `**`), the first words on screen before the model ends,
 * stop and Escape keeping the question with a retry, a layout that holds after 8 turns and on a phone
 * with 12 conversations, documents listed and deleted (gone from search), rename, search and delete
 * with undo, edit and regenerate, and axe clean in both themes. Screenshots at 1280×800 and 390×844,
 * light and dark: test-results/serve/*.png (ignored by git).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { memorySettings, openMemory } from "../../src/memory/open-memory.js";
import { axeViolations, CHROMIUM, launchChromium, screenshotPath } from "./support/browser.js";
import { MARKDOWN_ANSWER, PageModel } from "./support/page-model.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Four screenshots of the page as it is: desktop and phone, light and dark. */
async function screenshots(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  for (const [label, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: screenshotPath(`${name}-${label}-${scheme}`), animations: "disabled" });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  if (size !== null) await page.setViewportSize(size);
}

/** Whether the element's box lies wholly inside the viewport. */
async function inView(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).last().boundingBox();
  const viewport = page.viewportSize();
  if (box === null || viewport === null) return false;
  return (
    box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width
  );
}

async function ask(page: Page, text: string): Promise<void> {
  // As a person would: the text box takes a question once the last turn has ended.
  await expect.poll(() => page.locator("button.send").isVisible()).toBe(true);
  await page.locator("#message").fill(text);
  await page.locator("#message").press("Enter");
}

const lastAnswer = (page: Page) => page.locator(".message.assistant .answer").last();

describe.skipIf(!existsSync(CHROMIUM))("the web chat's flows in Chromium", { timeout: 90_000 }, () => {
  let server: TestApp;
  let model: PageModel;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    model = new PageModel();
    server = await startTestApp({ otherModel: model, deps: { hostCheck: { allowedHosts: [] } } });
    browser = await launchChromium();
    context = await browser.newContext({ locale: "es-ES", viewport: DESKTOP });
    page = await context.newPage();
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("renders a markdown answer: heading, list, table, highlighted code, no literal **", async () => {
    await ask(page, "dame las tarifas en markdown");
    await expect.poll(() => page.locator(".answer table").count()).toBe(1);
    const answer = lastAnswer(page);
    expect(await answer.locator("th").allTextContents()).toEqual(["servicio", "precio"]);
    expect(await answer.locator("td").allTextContents()).toEqual(["consultoría", "60 €", "soporte", "40 €"]);
    expect(await answer.locator("h2").textContent()).toBe("Tarifas de 2026");
    expect(await answer.locator("ul li").allTextContents()).toEqual(["consultoría", "soporte"]);
    expect(await answer.locator("pre code").textContent()).toBe("const total: number = 60 + 40;");
    expect(await answer.locator("pre code .hljs-keyword").first().textContent()).toBe("const");
    expect(await answer.locator("strong").allTextContents()).toEqual(["2026", "importante"]);
    expect(await answer.textContent()).not.toContain("**");
    expect(await answer.getByRole("button", { name: "Copiar código" }).count()).toBe(1);
    expect(MARKDOWN_ANSWER).toContain("**");
    // A source chip opens the passages the answer used, with the file and where in it.
    await answer
      .locator("xpath=..")
      .getByRole("button", { name: "Abrir los pasajes de contrato-2026.pdf" })
      .click();
    const dialog = page.getByRole("dialog", { name: "Pasajes de contrato-2026.pdf" });
    await expect
      .poll(() => dialog.locator(".passage").allTextContents())
      .toEqual(["Pasaje 1El contrato vence en marzo."]);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("dialog").count()).toBe(0);
    await screenshots(page, "markdown");
  });

  it("shows the first words of a slow answer before the model has finished", async () => {
    model.slowWordMs = 150;
    await ask(page, "una respuesta lenta");
    await expect.poll(async () => (await lastAnswer(page).textContent()) ?? "").toContain("Primera parte");
    expect(model.writing).toBe(1);
    await screenshots(page, "streaming");
    await expect
      .poll(async () => lastAnswer(page).textContent(), { timeout: 20_000 })
      .toContain("y termina.");
    expect(model.writing).toBe(0);
  });

  it("stops a slow turn with the stop button; the question stays, with a retry, after a reload too", async () => {
    model.slowWordMs = 2_000;
    await ask(page, "otra respuesta lenta");
    await page.getByRole("button", { name: "Detener" }).click();
    await expect.poll(() => page.locator(".retry").count()).toBe(1);
    expect(await lastAnswer(page).textContent()).toBe(
      "Detenido antes de la respuesta. Tu pregunta se conserva.",
    );
    await expect.poll(() => model.writing).toBe(0);
    await page.reload();
    await expect
      .poll(() => page.locator(".message.user p").last().textContent())
      .toBe("otra respuesta lenta");
    expect(await page.locator(".retry").count()).toBe(1);
    await screenshots(page, "stopped");
    model.slowWordMs = 1;
    await page.getByRole("button", { name: "Reintentar" }).click();
    await expect
      .poll(async () => lastAnswer(page).textContent(), { timeout: 20_000 })
      .toContain("y termina.");
    expect(await page.locator(".retry").count()).toBe(0);
    expect(await page.locator(".message.user p").allTextContents()).toEqual([
      "dame las tarifas en markdown",
      "una respuesta lenta",
      "otra respuesta lenta",
    ]);
  });

  it("stops with Escape, wherever the focus is", async () => {
    model.slowWordMs = 2_000;
    await ask(page, "lenta otra vez");
    await expect.poll(() => page.getByRole("button", { name: "Detener" }).isVisible()).toBe(true);
    await page.locator("h1").click();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".retry").count()).toBe(1);
    await expect.poll(() => model.writing).toBe(0);
    expect(await page.getByRole("button", { name: "Enviar" }).isVisible()).toBe(true);
    model.slowWordMs = 1;
  });

  it("edits a question and sends it again; regenerates the last answer", async () => {
    await page.getByRole("button", { name: "Editar" }).last().click();
    await page.getByLabel("Edita tu pregunta").fill("una pregunta corregida");
    await page.getByRole("button", { name: "Enviar de nuevo" }).click();
    await expect
      .poll(() => lastAnswer(page).textContent())
      .toMatch(/^Respuesta \d+ a: una pregunta corregida/);
    expect(await page.locator(".message.user p").last().textContent()).toBe("una pregunta corregida");
    const before = await lastAnswer(page).textContent();
    await page.getByRole("button", { name: "Regenerar" }).click();
    await expect.poll(() => lastAnswer(page).textContent()).not.toBe(before);
    expect(await page.locator(".message.user p").count()).toBe(4);
  });

  it("keeps the text box and the last answer in view after 8 turns at 1280×800; only the list scrolls", async () => {
    await page.getByRole("button", { name: "Nueva conversación" }).click();
    for (let turn = 1; turn <= 8; turn++) {
      await ask(page, `markdown número ${turn}`);
      await expect.poll(() => page.locator(".answer table").count()).toBe(turn);
    }
    expect(await inView(page, "#message")).toBe(true);
    await expect.poll(() => inView(page, ".message.assistant")).toBe(true);
    expect(await page.evaluate("document.scrollingElement.scrollTop")).toBe(0);
    expect(await inView(page, "header.top")).toBe(true);
    await screenshots(page, "eight-turns");
    // Scrolled up to read while an answer streams: new text does not pull the list down, and "jump to
    // latest" is offered.
    model.slowWordMs = 60;
    await ask(page, "una respuesta lenta al final");
    await expect.poll(async () => (await lastAnswer(page).textContent()) ?? "").toContain("Primera");
    await page.locator(".log").evaluate((log) => {
      log.scrollTop = 0;
    });
    await expect.poll(() => page.getByRole("button", { name: "Ir a lo último" }).isVisible()).toBe(true);
    await expect
      .poll(async () => lastAnswer(page).textContent(), { timeout: 20_000 })
      .toContain("y termina.");
    expect(await page.locator(".log").evaluate((log) => log.scrollTop)).toBe(0);
    await page.getByRole("button", { name: "Ir a lo último" }).click();
    await expect.poll(() => inView(page, ".message.assistant")).toBe(true);
    model.slowWordMs = 1;
  });

  it("keeps the text box in view at 390×844 with 12 conversations; the sidebar is a drawer", async () => {
    for (let index = 1; index <= 12; index++) {
      const session = await server.store.createSession(`Conversación guardada ${index}`);
      await server.store.appendMessages(session.id, [
        { role: "user", content: `pregunta ${index}`, modelContent: `pregunta ${index}` },
        { role: "assistant", content: `respuesta ${index}`, modelContent: `respuesta ${index}` },
      ]);
    }
    await page.setViewportSize(PHONE);
    await page.reload();
    await expect.poll(() => page.locator(".sessions li").count()).toBeGreaterThanOrEqual(12);
    expect(await inView(page, "#message")).toBe(true);
    expect(
      await page.locator("#sidebar").evaluate((sidebar) => (sidebar as unknown as { inert: boolean }).inert),
    ).toBe(true);
    await screenshots(page, "phone-closed");
    await page.getByRole("button", { name: "Conversaciones y documentos" }).click();
    await expect.poll(() => inView(page, "#sidebar button.new")).toBe(true);
    await page.screenshot({ path: screenshotPath("phone-drawer-light"), animations: "disabled" });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("phone-drawer-dark"), animations: "disabled" });
    await page.emulateMedia({ colorScheme: "light" });
    await page.locator("button.session", { hasText: "Conversación guardada 3" }).click();
    await expect.poll(() => page.locator(".message.user p").first().textContent()).toBe("pregunta 3");
    expect(
      await page.locator("#sidebar").evaluate((sidebar) => (sidebar as unknown as { inert: boolean }).inert),
    ).toBe(true);
    expect(await inView(page, "#message")).toBe(true);
    await page.setViewportSize(DESKTOP);
  });

  it("lists an uploaded document, and deleting it removes it from search", async () => {
    await page.locator("#files").setInputFiles({
      name: "tarifas.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("La hora de consultoría cuesta 60 euros.\n"),
    });
    await page
      .locator("#files")
      .setInputFiles({ name: "foto.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0, 0]) });
    await expect
      .poll(() => page.locator(".documents .document .name").allTextContents())
      .toEqual(["tarifas.txt"]);
    expect(await page.locator(".documents .document .muted").textContent()).toMatch(/^41 B · 1 pasaje · /);
    await expect
      .poll(() => page.locator(".uploads li span").allTextContents())
      .toEqual([
        "tarifas.txt: añadido, 1 pasaje",
        "foto.png: omitido, no es texto ni un documento que agente lea (PDF, Word, HTML, Markdown, CSV, JSON)",
      ]);
    const memory = await openMemory(
      memorySettings(
        [{ AGENTE_MEMORY_PATH: join(server.folder, "memory.db"), AGENTE_EMBEDDER: "none" }],
        server.folder,
      ),
    );
    onTestFinished(() => memory.close());
    expect(await memory.search("consultoría", { k: 3, mode: "lexical" })).toHaveLength(1);
    await screenshots(page, "documents");
    await page.getByRole("button", { name: "Borrar tarifas.txt" }).click();
    await expect
      .poll(() => page.locator(".documents .muted").allTextContents())
      .toEqual(["La memoria aún no tiene documentos."]);
    expect(await memory.search("consultoría", { k: 3, mode: "lexical" })).toEqual([]);
  });

  it("renames, searches, and deletes a conversation with undo", async () => {
    const list = page.locator(".sessions .session .title");
    await page.getByRole("button", { name: "Renombrar: Conversación guardada 5" }).click();
    await page.getByLabel("Nuevo título").fill("Café con Acme");
    await page.getByLabel("Nuevo título").press("Enter");
    await expect.poll(() => list.allTextContents()).toContain("Café con Acme");
    await page.getByLabel("Buscar conversaciones").fill("cafe");
    await expect.poll(() => list.allTextContents()).toEqual(["Café con Acme"]);
    await page.getByRole("button", { name: "Borrar conversación: Café con Acme" }).click();
    await expect
      .poll(() => page.locator(".conversations .muted").textContent())
      .toBe("Ninguna conversación coincide.");
    await page.getByRole("button", { name: "Deshacer" }).click();
    await expect.poll(() => list.allTextContents()).toEqual(["Café con Acme"]);
    await page.getByLabel("Buscar conversaciones").fill("");
    expect(
      (await server.store.listSessions("owner")).some((session) => session.title === "Café con Acme"),
    ).toBe(true);
    expect(await page.locator("h3").first().textContent()).toBe("Hoy");
  });

  it("passes axe in both themes, with visible focus, and the keys: / and Alt+Shift+N", async () => {
    await page.locator("h1").click();
    await page.keyboard.press("/");
    expect(await page.evaluate("document.activeElement.id")).toBe("message");
    await page.locator("h1").click();
    await page.keyboard.press("Alt+Shift+N");
    expect(await page.locator(".empty").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Tema oscuro" }).click();
    expect(await page.evaluate("document.documentElement.dataset.theme")).toBe("dark");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Tema claro" }).click();
    // The file picker's label shows the focus of its hidden input.
    await page.locator("#files").focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(
      "globalThis.getComputedStyle(document.querySelector('label[for=files]')).outlineStyle",
    );
    expect(outline).toBe("solid");
  });

  it("an approval card takes focus in a live region; a turn waiting in one conversation never blocks another", async () => {
    await page.getByRole("button", { name: "Nueva conversación" }).click();
    await ask(page, "borra Beta");
    await expect.poll(() => page.locator(".approval").count()).toBe(1);
    expect(await page.evaluate("document.activeElement.classList.contains('approval')")).toBe(true);
    expect(await page.locator("[aria-live] > .approval").count()).toBe(1);
    const waiting = page.url().split("#")[1] ?? "";
    await page.keyboard.press("Alt+Shift+N");
    await ask(page, "hola desde otra conversación");
    await expect
      .poll(() => lastAnswer(page).textContent())
      .toMatch(/^Respuesta \d+ a: hola desde otra conversación/);
    await page.locator(`button.session[data-id="${waiting}"]`).click();
    await expect.poll(() => page.getByRole("button", { name: "Aprobar" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Detener" }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath("approval-waiting"), animations: "disabled" });
    // A reload during the approval stops the turn: the question stays, with a retry.
    await page.reload();
    await expect.poll(() => page.locator(".retry").count()).toBe(1);
    expect(await page.locator(".message.user p").allTextContents()).toEqual(["borra Beta"]);
    expect(server.hub.calls.filter((call) => call.name === "borrar_cliente")).toEqual([]);
  });
});
