/**
 * A server's questions, progress and log lines in the web chat, end to end: the real `startServe` with the
 * questions fixture server (test/fixtures/servers/questions-server.ts) as a child process and a scripted
 * model, the page in real Chromium. The form card is filled and the server gets the answer (its tool
 * returns it); a wrong answer is caught on the page before it is sent; a declined form reaches the server
 * as declined; a URL is only shown; a running tool's progress shows on its step; a server's warning shows
 * in the status panel. Screenshots: test-results/serve/questions-*.png.
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
import { axeViolations, CHROMIUM, launchChromium, screenshotPath } from "./support/browser.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const questionsServer = join(root, "test/fixtures/servers/questions-server.ts");
const SECRET = "clave-del-servidor-9931";

/** The model calls the tool the question names, then repeats its result. */
function replyTo(request: ChatRequest): string {
  const last = request.messages.at(-1)?.content ?? "";
  const result = /^Resultado de (\w+): ([\s\S]*)$/.exec(last);
  if (result) return answer(`Según ${result[1]}: ${result[2]}`);
  const tool = /usa (\w+)/.exec(last)?.[1];
  if (tool) return toolCall(tool, {});
  return answer(`Dijiste: ${last}`);
}

describe.skipIf(!existsSync(CHROMIUM))("a server's questions in the web chat", { timeout: 90_000 }, () => {
  let folder: string;
  let serve: RunningServe;
  let browser: Browser;
  let page: Page;
  const logs: string[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-web-questions-"));
    vi.stubEnv("HOME", folder);
    vi.stubEnv("XDG_DATA_HOME", join(folder, ".local/share"));
    vi.stubEnv("XDG_CONFIG_HOME", join(folder, ".config"));
    vi.stubEnv("XDG_CACHE_HOME", join(folder, ".cache"));
    vi.stubEnv("AGENTE_API_KEY", "");
    vi.stubEnv("SERVIDOR_TOKEN", SECRET);
    const config = join(folder, "agente.json");
    await writeFile(
      config,
      JSON.stringify({
        mcpServers: {
          preguntas: {
            command: process.execPath,
            args: ["--import", "tsx", questionsServer],
            cwd: root,
            env: { SERVIDOR_TOKEN: SECRET },
          },
        },
      }),
    );
    serve = await startServe({
      host: "127.0.0.1",
      port: 0,
      configPath: config,
      flags: { provider: "ollama", model: "modelo-guion", toolMode: "json" },
      t: createTranslator("es"),
      log: (line) => logs.push(line),
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

  async function ask(text: string): Promise<void> {
    await page.getByLabel("Tu mensaje").fill(text);
    await page.getByRole("button", { name: "Enviar" }).click();
  }

  const lastAnswer = () => page.locator(".message.assistant .answer").last();

  it("shows the form with its defaults, checks it, and the server gets the answer", async () => {
    await ask("usa formulario");
    const card = page.locator("form.question");
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.locator("p").first().textContent()).toBe("preguntas pregunta:");
    expect(await card.locator(".question-message").textContent()).toBe("Datos del cliente");
    expect(await page.getByLabel("Nombre").inputValue()).toBe("Ana");
    expect(await page.getByLabel("Color").inputValue()).toBe("rojo");
    expect(await page.getByLabel("Edad").inputValue()).toBe("");
    expect(await card.locator(".required").count()).toBe(2);
    await page.screenshot({ path: screenshotPath("questions-form-es"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The server checks an answer against the schema too, whoever posts it.
    const sessions = (await (await fetch(`${serve.url}/api/sessions`)).json()) as {
      sessions: Array<{ id: string }>;
    };
    const detail = (await (await fetch(`${serve.url}/api/sessions/${sessions.sessions[0]?.id}`)).json()) as {
      questions: Array<{ id: string; server: string }>;
    };
    expect(detail.questions.map((question) => question.server)).toEqual(["preguntas"]);
    const wrong = await fetch(`${serve.url}/api/questions/${detail.questions[0]?.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action: "accept", content: { nombre: "Ana" } }),
    });
    expect(wrong.status).toBe(400);

    // Nothing leaves the page while the answer does not fit the schema.
    await page.getByLabel("Edad").fill("200");
    await card.getByRole("button", { name: "Aceptar" }).click();
    expect(await card.locator(".problems li").allTextContents()).toEqual(["Edad: como máximo 150."]);
    await page.getByLabel("Edad").fill("33,5");
    await card.getByRole("button", { name: "Aceptar" }).click();
    expect(await card.locator(".problems li").allTextContents()).toEqual(["Edad: debe ser un número."]);

    await page.getByLabel("Edad").fill("33");
    await page.getByLabel("Color").selectOption("verde");
    await card.getByRole("button", { name: "Aceptar" }).click();
    await expect
      .poll(async () => (await lastAnswer().textContent())?.trim())
      .toBe('Según formulario: accept {"nombre":"Ana","color":"verde","edad":33}');
    expect(await page.locator(".question .decided").last().textContent()).toBe(
      "Respuesta enviada a preguntas.",
    );
    await page.screenshot({ path: screenshotPath("questions-answered-es"), fullPage: true });
  });

  it("a declined form reaches the server as declined", async () => {
    await ask("usa formulario_con_defectos");
    const card = page.locator("form.question").last();
    await expect.poll(() => page.getByLabel("Plan").count()).toBe(1);
    expect(await page.getByLabel("Plan").inputValue()).toBe("basico");
    await card.getByRole("button", { name: "Declinar" }).click();
    await expect
      .poll(async () => (await lastAnswer().textContent())?.trim())
      .toBe("Según formulario_con_defectos: decline {}");
  });

  it("shows a URL without opening it, and cancelling reaches the server", async () => {
    const opened: string[] = [];
    page.context().on("page", (popup) => opened.push(popup.url()));
    await ask("usa abrir_url");
    const card = page.locator("form.question").last();
    await expect.poll(() => card.locator(".url code").count()).toBe(1);
    expect(await card.locator(".url code").textContent()).toBe("https://example.com/autorizar?x=1");
    expect(await card.getByRole("button", { name: "Abrir la dirección" }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath("questions-url-es"), fullPage: true });
    await card.getByRole("button", { name: "Cancelar" }).click();
    await expect.poll(async () => (await lastAnswer().textContent())?.trim()).toBe("Según abrir_url: cancel");
    expect(opened).toEqual([]);

    // Opened on the person's click, in a new tab; the server hears "accept".
    await page.context().route("https://example.com/**", (route) => route.fulfill({ body: "ok" }));
    await ask("usa abrir_url");
    const next = page.locator("form.question").last();
    await expect.poll(() => next.getByRole("button", { name: "Abrir la dirección" }).count()).toBe(1);
    const tab = page.context().waitForEvent("page");
    await next.getByRole("button", { name: "Abrir la dirección" }).click();
    const popup = await tab;
    await expect.poll(() => popup.url()).toBe("https://example.com/autorizar?x=1");
    await expect.poll(async () => (await lastAnswer().textContent())?.trim()).toBe("Según abrir_url: accept");
    await popup.close();
  });

  it("shows a running tool's progress on its step", async () => {
    await ask("usa esperar");
    const summary = page.locator("details.step summary").last();
    await expect.poll(() => summary.textContent()).toBe("Paso 1: esperar · Progreso: 1");
    await page.screenshot({ path: screenshotPath("questions-progress-es"), fullPage: true });
    await page.keyboard.press("Escape");
    await expect.poll(() => lastAnswer().textContent()).toContain("Detenido antes de la respuesta");
  });

  it("shows a server's warnings in the status panel", async () => {
    await ask("usa registrar");
    await expect
      .poll(async () => (await lastAnswer().textContent())?.trim())
      .toBe("Según registrar: registrado");
    await page.reload();
    const logs = page.locator(".server-logs");
    await expect.poll(() => logs.count()).toBe(1);
    await logs.locator("summary").click();
    expect(await logs.locator("summary").textContent()).toBe("Mensajes de preguntas");
    // Only what reaches `warning` (serve without --verbose): not the debug nor the info line.
    expect(await logs.locator("li").allTextContents()).toEqual(["advertencia: aviso importante"]);
    expect(await page.content()).not.toContain(SECRET);
    await page.screenshot({ path: screenshotPath("questions-logs-es"), fullPage: true });
  });
});

describe("serve --verbose asks the servers for every log line", { timeout: 60_000 }, () => {
  it("shows debug and info lines too", async () => {
    const folder = await mkdtemp(join(tmpdir(), "agente-web-verbose-"));
    vi.stubEnv("HOME", folder);
    vi.stubEnv("XDG_DATA_HOME", join(folder, ".local/share"));
    vi.stubEnv("AGENTE_API_KEY", "");
    const config = join(folder, "agente.json");
    await writeFile(
      config,
      JSON.stringify({
        mcpServers: {
          preguntas: { command: process.execPath, args: ["--import", "tsx", questionsServer], cwd: root },
        },
      }),
    );
    const serve = await startServe({
      host: "127.0.0.1",
      port: 0,
      configPath: config,
      flags: { provider: "ollama", model: "modelo-guion", toolMode: "json" },
      t: createTranslator("es"),
      log: () => {},
      verbose: true,
      createModel: () => new ScriptedModel(replyTo, { model: "modelo-guion" }),
    });
    try {
      const session = (await (
        await fetch(`${serve.url}/api/sessions`, {
          method: "POST",
          body: "{}",
          headers: { "content-type": "application/json" },
        })
      ).json()) as { id: string };
      const turn = await fetch(`${serve.url}/api/sessions/${session.id}/turns`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message: "usa registrar" }),
      });
      expect(await turn.text()).toContain("Según registrar: registrado");
      const status = (await (await fetch(`${serve.url}/api/status`)).json()) as {
        servers: Array<{ logs?: Array<{ level: string; text: string }> }>;
      };
      expect(status.servers[0]?.logs).toEqual([
        { level: "debug", text: "detalle de depuración" },
        { level: "info", text: "información" },
        { level: "warning", text: "aviso importante" },
      ]);
      // A tool's progress reaches the turn's stream as events (the page draws them on the step).
      const progress = await fetch(`${serve.url}/api/sessions/${session.id}/turns`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message: "usa progreso" }),
      });
      const events = (await progress.text())
        .split("\n")
        .filter((line) => line.startsWith("data: {"))
        .map((line) => JSON.parse(line.slice(6)) as { type: string })
        .filter((event) => event.type === "tool_progress");
      expect(events).toEqual(
        [1, 2, 3].map((step) => ({
          type: "tool_progress",
          step: 1,
          tool: "progreso",
          progress: step,
          total: 3,
          message: `paso ${step}`,
        })),
      );
      // `/health` needs no sign-in: no log lines there.
      const health = (await (await fetch(`${serve.url}/health`)).json()) as {
        servers: Array<Record<string, unknown>>;
      };
      expect(health.servers[0]?.logs).toBeUndefined();
    } finally {
      await serve.close();
      vi.unstubAllEnvs();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
