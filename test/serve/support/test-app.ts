/**
 * `agente serve`'s app in process, on loopback, with real parts at the edges: a real MCP server (the SDK,
 * in memory) offering memory context, a read tool and a destructive tool; a real SQLite conversation store
 * and memory in a temp folder; and a minimal scripted model that reads the turn's messages:
 * a question "empresa NAME" → `consultar_empresa`; "borra NAME" → `borrar_cliente`; a tool result → an answer
 * quoting it. (The integrator moves this model onto the shared testing kit.)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { McpServer } from "@modelcontextprotocol/server";
import { afterEach } from "vitest";
import { z } from "zod";
import { DEFAULT_AGENT_SETTINGS } from "../../../src/agent/agent-settings.js";
import type { ChatModel, ChatRequest } from "../../../src/llm/chat-model.js";
import { memorySettings, openMemory } from "../../../src/memory/open-memory.js";
import { AgentService } from "../../../src/serve/agent-service.js";
import type { ConversationStore } from "../../../src/serve/conversation-store.js";
import { type AppDeps, createApp } from "../../../src/serve/create-app.js";
import { MemoryDocuments } from "../../../src/serve/documents.js";
import { healthReport, storeWritable } from "../../../src/serve/health.js";
import { ModelWatch } from "../../../src/serve/model-watch.js";
import { loadPageAssets } from "../../../src/serve/page-assets.js";
import { SqliteConversationStore } from "../../../src/serve/sqlite-conversation-store.js";
import { ScriptedModel } from "../../../src/testing/scripted-model.js";
import { connectInMemoryHub, type InMemoryHub } from "../../support/in-memory-hub.js";

export const SECRET = "s3creto-del-servidor-77";

export function createCompanyServer(): McpServer {
  const server = new McpServer({ name: "empresa", version: "1.0.0" });
  server.registerTool(
    "recuperar_contexto",
    {
      description: "Pasajes de la memoria.",
      inputSchema: z.object({ pregunta: z.string(), k: z.number().optional() }),
    },
    async () => ({
      content: [{ type: "text", text: "1 pasaje" }],
      structuredContent: {
        passages: [
          { text: "El contrato vence en marzo.", source: "/datos/docs/contrato-2026.pdf", score: 0.9 },
        ],
      },
    }),
  );
  server.registerTool(
    "consultar_empresa",
    {
      description: "Datos de una empresa por su nombre.",
      inputSchema: z.object({ nombre: z.string() }),
      annotations: { readOnlyHint: true },
    },
    async ({ nombre }) => ({
      content: [{ type: "text", text: `${nombre}: cliente desde 2019, clave ${SECRET}` }],
    }),
  );
  server.registerTool(
    "borrar_cliente",
    {
      description: "Borra un cliente.",
      inputSchema: z.object({ nombre: z.string() }),
      annotations: { destructiveHint: true, readOnlyHint: false },
    },
    async ({ nombre }) => ({ content: [{ type: "text", text: `${nombre} borrado` }] }),
  );
  return server;
}

export type ScriptedCompanyModel = ScriptedModel;

/** The scripted model: its reply is a function of the turn's last message (see the file comment). */
export function scriptedCompanyModel(delayMs = 0): ScriptedModel {
  return new ScriptedModel((request) => replyTo(request), { model: "modelo-guion", delayMs });
}

function replyTo(request: ChatRequest): string {
  const last = request.messages.at(-1)?.content ?? "";
  const result = /^Resultado de (\w+): ([\s\S]*)$/.exec(last);
  if (result) return JSON.stringify({ respuesta: `Según ${result[1]}: ${result[2]}` });
  const company = /empresa (\S+)/.exec(last);
  if (company)
    return JSON.stringify({ herramienta_llamada: "consultar_empresa", parametros: { nombre: company[1] } });
  const remove = /borra (\S+)/.exec(last);
  if (remove)
    return JSON.stringify({ herramienta_llamada: "borrar_cliente", parametros: { nombre: remove[1] } });
  return JSON.stringify({ respuesta: `Hola. Dijiste: ${last}` });
}

export interface TestApp {
  url: string;
  folder: string;
  store: ConversationStore;
  hub: InMemoryHub;
  model: ScriptedCompanyModel;
  documents: MemoryDocuments;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export async function startTestApp(
  options: {
    folder?: string;
    store?: ConversationStore;
    deps?: Partial<AppDeps>;
    modelDelayMs?: number;
    /** Replaces the scripted model (e.g. one whose server is down). */
    model?: ScriptedCompanyModel;
    /** A model of another kind (one that streams its reply slowly): the service runs with it instead. */
    otherModel?: ChatModel;
    listen?: boolean;
    /** Why there is no model (as `agente serve` started without one). */
    missingModel?: string;
    /** Longest answer a client gets (default 2000). */
    maxAnswerChars?: number;
  } = {},
): Promise<TestApp> {
  const folder = options.folder ?? (await mkdtemp(join(tmpdir(), "agente-serve-")));
  const store = options.store ?? new SqliteConversationStore({ path: join(folder, "conversations.db") });
  const secrets = [SECRET];
  const hub = await connectInMemoryHub(createCompanyServer(), { serverName: "empresa", secrets });
  const model = options.model ?? scriptedCompanyModel(options.modelDelayMs);
  const service = new AgentService({
    model: options.otherModel ?? model,
    hub,
    settings: {
      ...DEFAULT_AGENT_SETTINGS,
      promptBudgetTokens: 3000,
      // The test server stands in for agente's memory: automatic context may come from it.
      context: { ...DEFAULT_AGENT_SETTINGS.context, trustedServers: ["empresa"] },
    },
    store,
    secrets,
    maxAnswerChars: options.maxAnswerChars ?? 2000,
    approvalPollMs: 20,
  });
  const env = { AGENTE_MEMORY_PATH: join(folder, "memory.db"), AGENTE_EMBEDDER: "none", HOME: folder };
  const documents = new MemoryDocuments({
    openMemory: () => openMemory(memorySettings([env], folder)),
  });
  const modelWatch = new ModelWatch(
    options.otherModel ?? model,
    options.missingModel === undefined
      ? {}
      : { phase: () => ({ kind: "missing", reason: options.missingModel ?? "" }) },
  );
  const app = createApp({
    service,
    health: async () =>
      healthReport({
        model: await modelWatch.status(),
        statuses: [
          {
            name: "empresa",
            state: "up",
            reason: undefined,
            transport: "memory",
            restarts: 0,
            serverInfo: undefined,
            pid: undefined,
            toolCount: hub.tools().length,
            tools: hub.tools().map((tool) => tool.name),
          },
        ],
        store: store.kind,
        storeWritable: await storeWritable(store),
        gateway: false,
      }),
    modelName: (options.otherModel ?? model).model,
    secrets,
    page: loadPageAssets(),
    documents,
    ...options.deps,
  });
  const url = options.listen === false ? "" : await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    url,
    folder,
    store,
    hub,
    model,
    documents,
    app,
    async close() {
      await app.close();
      await documents.close();
      await store.close();
      await hub.close();
      if (options.folder === undefined) await rm(folder, { recursive: true, force: true });
    },
  };
}

export type TestAppOptions = NonNullable<Parameters<typeof startTestApp>[0]>;

/**
 * `startTestApp` for the tests of one file, with `defaults` under each call's options: every app started
 * is closed after its test.
 */
export function testAppStarter(
  defaults: TestAppOptions = {},
): (options?: TestAppOptions) => Promise<TestApp> {
  let running: TestApp[] = [];
  afterEach(async () => {
    for (const app of running) await app.close();
    running = [];
  });
  return async (options = {}) => {
    const app = await startTestApp({ ...defaults, ...options });
    running.push(app);
    return app;
  };
}

/** The `data:` payloads of an SSE body, `[DONE]` left out. */
export function sseData(body: string): Array<Record<string, unknown>> {
  return body
    .split("\n\n")
    .filter((block) => block.startsWith("data: ") && block !== "data: [DONE]")
    .map((block) => JSON.parse(block.slice(6)) as Record<string, unknown>);
}
