/**
 * `agente serve` on a first run without Ollama (issue 18, item 6): it listens at once and downloads the
 * embedded model in the background. A local file server holds the tiny GGUF half-way, so the test sees
 * `/health` report `downloading` with the exact bytes, the page's status panel (in Chromium) say
 * "descargando N %", a question get one localised line instead of a wait; then the server lets the rest
 * go and `/health` turns `ready`.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createWorkspace, SLOW_TEST_MS } from "../e2e/support/workspace.js";
import { TINY_GGUF } from "../support/fixture-files.js";
import { closedPort, startModelFileServer } from "../support/model-file-server.js";
import { CHROMIUM, launchChromium, screenshotPath } from "./support/browser.js";
import { startServeProcess } from "./support/serve-process.js";

const TINY_SHA256 = "81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb";
const TINY_SIZE = statSync(TINY_GGUF).size;
/** Where the file server holds the transfer: a little over half the file. */
const HELD_AT = 1_000_000;
const HELD_PERCENT = Math.floor((HELD_AT / TINY_SIZE) * 100);

const healthSchema = z.looseObject({
  status: z.string(),
  model: z.looseObject({
    provider: z.string(),
    name: z.string(),
    state: z.string(),
    download: z.optional(z.looseObject({ received: z.number(), total: z.optional(z.number()) })),
  }),
});

let cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function health(url: string): Promise<z.infer<typeof healthSchema> | undefined> {
  try {
    const response = await fetch(`${url}/health`);
    return response.ok ? healthSchema.parse(await response.json()) : undefined;
  } catch {
    return undefined; // not listening yet
  }
}

/** The `data:` events of one turn, asked in `language`. */
async function turn(url: string, language: string, message: string): Promise<unknown[]> {
  const session = z.object({ id: z.string() }).parse(
    await (
      await fetch(`${url}/api/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      })
    ).json(),
  );
  const response = await fetch(`${url}/api/sessions/${session.id}/turns`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": language },
    body: JSON.stringify({ message }),
  });
  return (await response.text())
    .split("\n\n")
    .filter((block) => block.startsWith("data: ") && block !== "data: [DONE]")
    .map((block) => JSON.parse(block.slice(6)));
}

describe("agente serve while the embedded model downloads", { timeout: SLOW_TEST_MS }, () => {
  it("listens at once, reports downloading with progress (health, page, questions), then ready", async () => {
    const files = await startModelFileServer({
      file: TINY_GGUF,
      path: "/mirror/tiny-random.gguf",
      pauseAfterBytes: HELD_AT,
    });
    cleanups.push(() => files.close());
    // Released before the server closes, so a held transfer never keeps a socket open.
    cleanups.push(async () => files.release());
    const workspace = await createWorkspace({
      AGENTE_EMBEDDER: "none",
      AGENTE_LANG: "en",
      OLLAMA_HOST: `http://127.0.0.1:${await closedPort()}`,
      AGENTE_GGUF_URL: files.url,
      AGENTE_GGUF_SHA256: TINY_SHA256,
    });
    cleanups.push(() => workspace.remove());
    await workspace.writeConfig({ mcpServers: {} });
    const server = await startServeProcess({ cwd: workspace.folder, env: workspace.env });
    cleanups.push(() => server.stop());

    await expect
      .poll(async () => (await health(server.url))?.model.download?.received, { timeout: 60_000 })
      .toBe(HELD_AT);
    expect(await health(server.url)).toMatchObject({
      status: "degraded",
      model: {
        provider: "llama-cpp",
        name: "tiny-random.gguf",
        state: "downloading",
        download: { received: HELD_AT, total: TINY_SIZE },
      },
    });
    expect(server.stderr()).toContain("agente serve: http://127.0.0.1:");

    // A question meanwhile: one line in the asker's language, at once (the transfer is still held).
    expect(await turn(server.url, "es", "hola")).toEqual([
      {
        type: "error",
        message: `el modelo tiny-random.gguf aún se está descargando (${HELD_PERCENT} %): vuelve a preguntar cuando el panel de estado diga que está listo`,
      },
    ]);
    expect(await turn(server.url, "en", "hello")).toEqual([
      {
        type: "error",
        message: `the model tiny-random.gguf is still downloading (${HELD_PERCENT} %): ask again when the status panel says it is ready`,
      },
    ]);

    if (existsSync(CHROMIUM)) {
      const browser = await launchChromium();
      cleanups.push(() => browser.close());
      const page = await (await browser.newContext({ locale: "es-ES" })).newPage();
      await page.goto(server.url);
      const model = page.locator(".status .model");
      await expect.poll(() => model.textContent()).toContain(`descargando ${HELD_PERCENT} %`);
      expect(await model.getAttribute("class")).toBe("model downloading");
      expect(await page.locator(".status progress.download").getAttribute("value")).toBe(String(HELD_AT));
      expect(await page.locator(".status .fix").first().textContent()).toContain(
        "El archivo del modelo se está descargando",
      );
      await page.screenshot({ path: screenshotPath("model-downloading") });
      files.release();
      // The panel refreshes by itself until the model is ready: no reload.
      await expect.poll(() => model.textContent(), { timeout: 30_000 }).toContain("listo");
      expect(await model.getAttribute("class")).toBe("model ready");
      expect(await page.locator(".status progress.download").count()).toBe(0);
    } else {
      files.release();
    }

    await expect.poll(async () => (await health(server.url))?.model.state, { timeout: 30_000 }).toBe("ready");
    expect(await health(server.url)).toMatchObject({
      status: "ok",
      model: { provider: "llama-cpp", name: "tiny-random", state: "ready" },
    });
    expect(files.downloads()).toBe(1);
    expect(existsSync(join(workspace.folder, ".cache", "agente", "models", "tiny-random.gguf"))).toBe(true);
  });
});
