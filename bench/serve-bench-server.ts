/**
 * The server side of `serve.bench.ts`, in its own process so that its RSS and its event loop are its own:
 * the real app (Fastify, a SQLite conversation store in a temp folder, the agent service) with a scripted
 * model that takes `MODEL_MS` per call and an in-process tool. Prints `listening <url>` on stdout; SIGTERM
 * stops it and removes the folder. With the argument `echo` it runs the same-run baseline instead: a bare
 * Fastify app with the same two routes, whose "turn" only waits as long as the model's two calls and
 * echoes the expected answer, so the bench can tell its own HTTP client and the busy machine from agente.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { z } from "zod";
import { DEFAULT_AGENT_SETTINGS } from "../src/agent/agent-settings.js";
import type { ChatModel, ChatRequest, ChatResponse } from "../src/llm/chat-model.js";
import type { ExposedTool, ToolHub } from "../src/mcp/tool-hub.js";
import { AgentService } from "../src/serve/agent-service.js";
import type { ConversationStore } from "../src/serve/conversation-store.js";
import { type AppDeps, createApp } from "../src/serve/create-app.js";
import { requestElapsedMs, trackRequestTimes } from "../src/serve/request-timing.js";
import { SqliteConversationStore } from "../src/serve/sqlite-conversation-store.js";
import { ScriptedModel } from "../src/testing/scripted-model.js";

export const MODEL_MS = 20;

export const BENCH_SETTINGS = {
  ...DEFAULT_AGENT_SETTINGS,
  promptBudgetTokens: 3000,
  context: { ...DEFAULT_AGENT_SETTINGS.context, enabled: false },
};

const TOOL: ExposedTool = {
  name: "consultar_empresa",
  originalName: "consultar_empresa",
  server: "empresa",
  description: "Datos de una empresa por su nombre.",
  inputSchema: { type: "object", properties: { nombre: { type: "string" } }, required: ["nombre"] },
  annotations: { readOnlyHint: true },
  serverRequiresApproval: false,
};

/** The tool: each client's data names the client. */
export const benchHub: ToolHub = {
  tools: () => [TOOL],
  callTool: async (_name, args) => ({
    content: [
      { type: "text", text: `${String(args.nombre)}: saldo ${String(args.nombre).length * 7} euros` },
    ],
  }),
};

/** The answer a session named `name` must get (anything else is crosstalk). */
export function expectedAnswer(name: string): string {
  return `Dato: ${name}: saldo ${name.length * 7} euros`;
}

/** The model's reply: call the tool for the client named in the question, then answer with its result. */
function benchReply(request: ChatRequest): string {
  const last = request.messages.at(-1)?.content ?? "";
  const result = /^Resultado de consultar_empresa: (.*)$/.exec(last);
  if (result) return JSON.stringify({ respuesta: `Dato: ${result[1]}` });
  const client = /(cliente-\d+)/.exec(last)?.[1] ?? "?";
  return JSON.stringify({ herramienta_llamada: "consultar_empresa", parametros: { nombre: client } });
}

/** The testing kit's scripted model, taking `MODEL_MS` per call, answering as `benchReply`. */
export function benchModel(): ScriptedModel {
  return new ScriptedModel(benchReply, { model: "bench", delayMs: MODEL_MS, recordRequests: false });
}

/** A stopwatch around a model: milliseconds spent inside it, per client named in the request. */
export class ModelStopwatch implements ChatModel {
  readonly provider: string;
  readonly model: string;
  readonly constrainsOutput: boolean;
  private readonly spent = new Map<string, number>();

  constructor(private readonly inner: ChatModel) {
    this.provider = inner.provider;
    this.model = inner.model;
    this.constrainsOutput = inner.constrainsOutput;
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    const started = performance.now();
    const client = /(cliente-\d+)/.exec(request.messages.at(-1)?.content ?? "")?.[1] ?? "?";
    try {
      return await this.inner.complete(request);
    } finally {
      this.spent.set(client, (this.spent.get(client) ?? 0) + performance.now() - started);
    }
  }

  /** Model time of a client since the last `take`. */
  take(client: string): number {
    const spent = this.spent.get(client) ?? 0;
    this.spent.set(client, 0);
    return spent;
  }

  check() {
    return this.inner.check();
  }

  close() {
    return this.inner.close();
  }
}

/**
 * The serve app the benches measure: the agent service on the bench hub with `model` and `store`, healthy,
 * no secrets; `deps` adds the page assets and limits.
 */
export function createBenchApp(
  model: ChatModel,
  store: ConversationStore,
  deps: Pick<AppDeps, "page"> & Partial<AppDeps>,
): ReturnType<typeof createApp> {
  const service = new AgentService({
    model,
    hub: benchHub,
    settings: BENCH_SETTINGS,
    store,
    secrets: [],
    maxAnswerChars: 32_000,
  });
  const app = createApp({
    service,
    health: () => ({
      status: "ok",
      model: { provider: "scripted", name: "bench", state: "ready" },
      servers: [],
      store: "sqlite",
      storeWritable: true,
      gateway: false,
    }),
    modelName: "bench",
    secrets: [],
    ...deps,
  });
  return app;
}

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), "agente-serve-bench-"));
  const store = new SqliteConversationStore({ path: join(folder, "conversations.db") });
  const model = benchModel();
  const app = createBenchApp(model, store, {
    limits: { turnsPerKey: 100 },
    page: { script: undefined, style: undefined },
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  process.once("SIGTERM", () => {
    void app
      .close()
      .then(() => store.close())
      .then(() => rm(folder, { recursive: true, force: true }))
      .finally(() => process.exit(0));
  });
  process.stdout.write(`listening ${url}\n`);
}

const echoBody = z.looseObject({ messages: z.array(z.looseObject({ content: z.string() })) });

/** The baseline: Fastify, JSON in and out, the model's wait, nothing of agente. */
async function mainEcho(): Promise<void> {
  const app = Fastify({ logger: false });
  trackRequestTimes(app);
  app.post("/api/sessions", async () => ({ id: randomUUID() }));
  app.post("/v1/chat/completions", async (request, reply) => {
    const body = echoBody.safeParse(request.body);
    const question = body.success ? (body.data.messages.at(-1)?.content ?? "") : "";
    const client = /(cliente-\d+)/.exec(question)?.[1] ?? "?";
    const started = performance.now();
    for (let call = 0; call < 2; call += 1) await new Promise((resolve) => setTimeout(resolve, MODEL_MS));
    const turnMs = performance.now() - started;
    reply.header(
      "server-timing",
      `agent;dur=${turnMs.toFixed(2)}, total;dur=${requestElapsedMs(request).toFixed(2)}`,
    );
    return {
      choices: [{ index: 0, message: { role: "assistant", content: expectedAnswer(client) } }],
      agente: { turnMs: Math.round(turnMs * 10) / 10 },
    };
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  process.once("SIGTERM", () => void app.close().finally(() => process.exit(0)));
  process.stdout.write(`listening ${url}\n`);
}

if (process.argv[1]?.endsWith("serve-bench-server.ts"))
  await (process.argv[2] === "echo" ? mainEcho() : main());
