/**
 * A tool's images and audio in the web chat: the real `startServe` with a fixture server whose tool returns
 * a PNG, a WAV and an SVG, a scripted model, the page in real Chromium. The step shows the image (decoded:
 * its natural size is 1×1) and an audio player; the SVG is never passed on; the model reads text only.
 * Screenshot: test-results/serve/tool-media-es.png.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTranslator } from "../../src/i18n/translator.js";
import type { ChatRequest } from "../../src/llm/chat-model.js";
import { type RunningServe, startServe } from "../../src/serve/start-serve.js";
import { answer, ScriptedModel, toolCall } from "../../src/testing/scripted-model.js";
import { CHROMIUM, launchChromium, screenshotPath } from "./support/browser.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const mediaServer = join(root, "test/fixtures/servers/media-server.ts");

describe.skipIf(!existsSync(CHROMIUM))(
  "a tool's images and audio in the web chat",
  { timeout: 90_000 },
  () => {
    let folder: string;
    let serve: RunningServe;
    let browser: Browser;
    let page: Page;
    const modelRead: string[] = [];

    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), "agente-web-media-"));
      vi.stubEnv("HOME", folder);
      vi.stubEnv("XDG_DATA_HOME", join(folder, ".local/share"));
      vi.stubEnv("XDG_CONFIG_HOME", join(folder, ".config"));
      vi.stubEnv("XDG_CACHE_HOME", join(folder, ".cache"));
      vi.stubEnv("AGENTE_API_KEY", "");
      const config = join(folder, "agente.json");
      await writeFile(
        config,
        JSON.stringify({
          mcpServers: {
            dibujos: { command: process.execPath, args: ["--import", "tsx", mediaServer], cwd: root },
          },
        }),
      );
      const replyTo = (request: ChatRequest): string => {
        const last = request.messages.at(-1)?.content ?? "";
        modelRead.push(last);
        return /^Resultado de/.test(last) ? answer("Hecho.") : toolCall("dibujar", {});
      };
      serve = await startServe({
        host: "127.0.0.1",
        port: 0,
        configPath: config,
        flags: { provider: "ollama", model: "modelo-guion", toolMode: "json" },
        t: createTranslator("es"),
        log: () => {},
        createModel: () => new ScriptedModel(replyTo, { model: "modelo-guion" }),
      });
      browser = await launchChromium();
      const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      await page.goto(serve.url);
    });

    afterAll(async () => {
      await browser?.close();
      await serve?.close();
      vi.unstubAllEnvs();
      if (folder !== undefined) await rm(folder, { recursive: true, force: true });
    });

    it("shows the image and an audio player in the step, never the SVG", async () => {
      await page.getByLabel("Tu mensaje").fill("dibuja algo");
      await page.getByRole("button", { name: "Enviar" }).click();
      const step = page.locator("details.step").first();
      await expect.poll(() => step.locator("img.tool-media").count()).toBe(1);
      await step.locator("summary").click();
      const image = step.locator("img.tool-media");
      expect(await image.getAttribute("alt")).toBe("imagen de dibujar");
      await expect
        .poll(() => image.evaluate((node) => (node as unknown as { naturalWidth: number }).naturalWidth))
        .toBe(1);
      expect(await step.locator("audio.tool-media").count()).toBe(1);
      expect(await step.locator("audio.tool-media").getAttribute("aria-label")).toBe("audio de dibujar");
      expect(await page.locator("img[src^='data:image/svg']").count()).toBe(0);
      await page.screenshot({ path: screenshotPath("tool-media-es"), fullPage: true });
      // One server with one tool: the plural rules of the page's language, not "1 herramientas".
      expect(await page.locator(".servers li").allTextContents()).toEqual(["dibujos: activo1 herramienta"]);
      // The model read the text, not the pictures.
      const observation = modelRead.find((text) => text.startsWith("Resultado de"));
      expect(observation).toContain("un punto");
      expect(observation).not.toContain("iVBORw0KGgo");
    });
  },
);
