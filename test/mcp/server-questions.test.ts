/**
 * The hub's hooks (src/mcp/client-handlers.ts) against a real stdio server that asks and tells things
 * (test/fixtures/servers/questions-server.ts): elicitation (form, URL), sampling, roots with
 * list_changed, log messages at the hub's level, progress, templates, completions, subscriptions.
 */
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parseServerEntry, type ServerConfig } from "../../src/config/server-config.js";
import type {
  ElicitRequestFormParams,
  LoggingMessageNotificationParams,
  Progress,
} from "../../src/mcp/client-handlers.js";
import { McpHub } from "../../src/mcp/hub.js";
import { REPO_ROOT, textOf, waitFor } from "../support/fixture-servers.js";

const SERVER = fileURLToPath(new URL("../fixtures/servers/questions-server.ts", import.meta.url));

function questionsConfig(): ServerConfig {
  const parsed = parseServerEntry("preguntas", {
    command: process.execPath,
    args: ["--import", "tsx", SERVER],
    cwd: REPO_ROOT,
  });
  if (!parsed.ok) throw new Error("bad entry");
  return parsed.config;
}

let hub: McpHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe("the hub answers a server's questions through its hooks", () => {
  it("asks the hub's form handler, and a call's own handler before the hub's", async () => {
    const asked: ElicitRequestFormParams[] = [];
    hub = await McpHub.start([questionsConfig()], {
      questions: {
        elicitForm: async (params, context) => {
          asked.push(params);
          expect(context.server).toBe("preguntas");
          return { action: "accept", content: { nombre: "Luis", color: "verde", edad: 40 } };
        },
      },
    });
    const result = await hub.callTool("formulario", {});
    expect(textOf(result)).toBe('accept {"nombre":"Luis","color":"verde","edad":40}');
    expect(asked[0]?.message).toBe("Datos del cliente");
    expect(asked[0]?.requestedSchema.required).toEqual(["nombre", "edad"]);

    const own = await hub.callTool(
      "formulario",
      {},
      { questions: { elicitForm: async () => ({ action: "decline" }) } },
    );
    expect(textOf(own)).toBe("decline {}");
    expect(asked).toHaveLength(1);
  });

  it("declares no elicitation without a handler: the server's form is refused, as a tool error", async () => {
    hub = await McpHub.start([questionsConfig()]);
    const result = await hub.callTool("formulario", {});
    expect(result.isError).toBe(true);
  });

  it("passes URL mode and sampling to their handlers", async () => {
    hub = await McpHub.start([questionsConfig()], {
      questions: {
        elicitUrl: async (params) => ({
          action: params.url === "https://example.com/autorizar?x=1" ? "accept" : "decline",
        }),
        sample: async (params) => ({
          model: "modelo-prueba",
          role: "assistant",
          content: { type: "text", text: `${params.maxTokens}:${params.systemPrompt}` },
          stopReason: "endTurn",
        }),
      },
    });
    expect(textOf(await hub.callTool("abrir_url", {}))).toBe("accept");
    expect(textOf(await hub.callTool("muestrear", { pregunta: "hola" }))).toBe(
      "modelo-prueba endTurn 5:Responde breve.",
    );
  });

  it("offers its roots and tells the servers when they change", async () => {
    hub = await McpHub.start([questionsConfig()], { roots: [{ uri: "file:///tmp/uno", name: "uno" }] });
    expect(textOf(await hub.callTool("raices", {}))).toBe("file:///tmp/uno");
    await hub.setRoots([{ uri: "file:///tmp/dos" }]);
    expect(textOf(await hub.callTool("raices", {}))).toBe("file:///tmp/dos");
  });

  it("sets the logging level and hears the messages at or above it, and a call's progress", async () => {
    const logs: LoggingMessageNotificationParams[] = [];
    hub = await McpHub.start([questionsConfig()], {
      loggingLevel: "info",
      events: { onLog: (server, message) => logs.push({ ...message, logger: server }) },
    });
    expect(textOf(await hub.callTool("registrar", {}))).toBe("registrado");
    await waitFor(() => logs.length === 2);
    expect(logs.map((log) => [log.logger, log.level, log.data])).toEqual([
      ["preguntas", "info", "información"],
      ["preguntas", "warning", "aviso importante"],
    ]);
    const progress: Progress[] = [];
    const result = await hub.callTool("progreso", {}, { onProgress: (step) => progress.push(step) });
    expect(textOf(result)).toBe("hecho");
    expect(progress.map((step) => [step.progress, step.total, step.message])).toEqual([
      [1, 3, "paso 1"],
      [2, 3, "paso 2"],
      [3, 3, "paso 3"],
    ]);
  });

  it("lists templates, completes their arguments, and hears updates of a subscribed resource", async () => {
    const updates: string[] = [];
    hub = await McpHub.start([questionsConfig()], {
      events: { onResourceUpdated: (server, uri) => updates.push(`${server} ${uri}`) },
    });
    expect(
      (await hub.listResourceTemplates()).map((template) => [template.server, template.uriTemplate]),
    ).toEqual([["preguntas", "nota://{id}"]]);
    const completion = await hub.complete("preguntas", {
      ref: { type: "ref/resource", uri: "nota://{id}" },
      argument: { name: "id", value: "al" },
    });
    expect(completion.completion.values).toEqual(["alfa", "alba"]);
    await hub.subscribeResource("preguntas", "nota://alfa");
    expect(textOf(await hub.callTool("cambiar_nota", { id: "alfa" }))).toBe("anunciada");
    await waitFor(() => updates.length === 1);
    expect(updates).toEqual(["preguntas nota://alfa"]);
    await hub.unsubscribeResource("preguntas", "nota://alfa");
    expect(textOf(await hub.callTool("cambiar_nota", { id: "alfa" }))).toBe("sin suscripción");
  });

  it("cancels the server's call when the caller aborts (notifications/cancelled)", async () => {
    const lines: string[] = [];
    hub = await McpHub.start([questionsConfig()], { onStderrLine: (_server, line) => lines.push(line) });
    const controller = new AbortController();
    const call = hub.callTool(
      "esperar",
      {},
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    await expect(call).rejects.toThrow();
    await waitFor(() => lines.includes("llamada cancelada por el cliente"));
  });
});
