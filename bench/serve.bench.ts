/**
 * `agente serve` under load: 50 concurrent sessions × 3 turns over HTTP (the OpenAI-compatible endpoint,
 * each session a stored conversation named by `X-Agente-Session`), a scripted model that takes a fixed
 * time per call, an in-process tool. Reports the server's overhead per turn with the model's time taken
 * out, failures, crosstalk (every answer must name its own session's data and no other), and RSS.
 * Baseline, same run: the same turns through `runTurn` directly (no HTTP, no store).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_AGENT_SETTINGS } from "../src/agent/agent-settings.js";
import { approveAll } from "../src/agent/approval.js";
import { runTurn } from "../src/agent/run-turn.js";
import type { ChatModel, ChatRequest, ChatResponse } from "../src/llm/chat-model.js";
import type { ExposedTool, ToolHub } from "../src/mcp/tool-hub.js";
import { AgentService } from "../src/serve/agent-service.js";
import { createApp } from "../src/serve/create-app.js";
import { SqliteConversationStore } from "../src/serve/sqlite-conversation-store.js";
import { type Bench, percentile } from "./table.js";

const SESSIONS = 50;
const TURNS = 3;
const MODEL_MS = 20;

const TOOL: ExposedTool = {
  name: "consultar_empresa",
  originalName: "consultar_empresa",
  server: "empresa",
  description: "Datos de una empresa por su nombre.",
  inputSchema: { type: "object", properties: { nombre: { type: "string" } }, required: ["nombre"] },
  annotations: { readOnlyHint: true },
  serverRequiresApproval: false,
};

const hub: ToolHub = {
  tools: () => [TOOL],
  callTool: async (_name, args) => ({
    content: [
      { type: "text", text: `${String(args.nombre)}: saldo ${String(args.nombre).length * 7} euros` },
    ],
  }),
};

/** Calls the tool for the session named in the question, then answers with the tool's result. */
class TimedModel implements ChatModel {
  readonly provider = "scripted";
  readonly model = "bench";
  readonly constrainsOutput = false;
  /** Milliseconds spent inside the model, per session name. */
  readonly spent = new Map<string, number>();

  async complete(request: ChatRequest): Promise<ChatResponse> {
    const started = performance.now();
    const last = request.messages.at(-1)?.content ?? "";
    const session = /(cliente-\d+)/.exec(last)?.[1] ?? "?";
    await new Promise((resolve) => setTimeout(resolve, MODEL_MS));
    const result = /^Resultado de consultar_empresa: (.*)$/.exec(last);
    const text = result
      ? JSON.stringify({ respuesta: `Dato: ${result[1]}` })
      : JSON.stringify({ herramienta_llamada: "consultar_empresa", parametros: { nombre: session } });
    this.spent.set(session, (this.spent.get(session) ?? 0) + performance.now() - started);
    return { text, toolCalls: [], stopReason: "stop", warnings: [] };
  }

  /** Model time of a session since the last call, then reset. */
  take(session: string): number {
    const spent = this.spent.get(session) ?? 0;
    this.spent.set(session, 0);
    return spent;
  }

  async check() {
    return {
      provider: "scripted",
      model: "bench",
      location: "memory",
      reachable: true,
      modelAvailable: true,
      problems: [],
    };
  }

  async close() {}
}

const settings = {
  ...DEFAULT_AGENT_SETTINGS,
  promptBudgetTokens: 3000,
  context: { ...DEFAULT_AGENT_SETTINGS.context, enabled: false },
};

interface ServeRun {
  /** Per turn: the HTTP round trip minus the time inside the agent loop (what serve adds). */
  overheads: number[];
  /** Per turn: the agent loop minus the model (the agent's own work, as in the baseline). */
  agentOwn: number[];
  failures: number;
  crosstalk: number;
  peakRss: number;
  wallMs: number;
}

async function overServe(sessions: number): Promise<ServeRun> {
  const folder = await mkdtemp(join(tmpdir(), "agente-serve-bench-"));
  const store = new SqliteConversationStore({ path: join(folder, "conversations.db") });
  const model = new TimedModel();
  const service = new AgentService({ model, hub, settings, store, secrets: [], maxAnswerChars: 32_000 });
  const app = createApp({
    service,
    health: () => ({
      status: "ok",
      model: { provider: "scripted", name: "bench" },
      servers: [],
      store: "sqlite",
      gateway: false,
    }),
    modelName: "bench",
    secrets: [],
    limits: { turnsPerKey: sessions + 10 },
    page: { script: undefined, style: undefined },
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  // Warm-up (not measured): Fastify's first routes, zod, SQLite statements, the HTTP client's connections.
  await Promise.all(
    Array.from({ length: 5 }, (_, index) =>
      fetch(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          model: "agente",
          messages: [{ role: "user", content: `saldo de cliente-${1000 + index}` }],
        }),
      }).then((response) => response.arrayBuffer()),
    ),
  );
  const overheads: number[] = [];
  const agentOwn: number[] = [];
  let failures = 0;
  let crosstalk = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: sessions }, async (_, index) => {
        const name = `cliente-${index}`;
        const created = await fetch(`${url}/api/sessions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        const session = (await created.json()) as { id: string };
        for (let turn = 1; turn <= TURNS; turn += 1) {
          const turnStarted = performance.now();
          const response = await fetch(`${url}/v1/chat/completions`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-agente-session": session.id },
            body: JSON.stringify({
              model: "agente",
              messages: [{ role: "user", content: `saldo de ${name}, turno ${turn}` }],
            }),
          });
          const body = (await response.json()) as {
            choices?: Array<{ message: { content: string } }>;
            agente?: { turnMs: number };
          };
          const elapsed = performance.now() - turnStarted;
          const modelMs = model.take(name);
          const turnMs = body.agente?.turnMs ?? elapsed;
          overheads.push(elapsed - turnMs);
          agentOwn.push(turnMs - modelMs);
          const answer = body.choices?.[0]?.message.content ?? "";
          if (!response.ok || answer === "") failures += 1;
          else if (answer !== `Dato: ${name}: saldo ${name.length * 7} euros`) crosstalk += 1;
        }
      }),
    );
  } finally {
    clearInterval(sampler);
    await app.close();
    await store.close();
    await rm(folder, { recursive: true, force: true });
  }
  return { overheads, agentOwn, failures, crosstalk, peakRss, wallMs: performance.now() - started };
}

async function direct(): Promise<number[]> {
  const model = new TimedModel();
  const overheads: number[] = [];
  await Promise.all(
    Array.from({ length: SESSIONS }, async (_, index) => {
      const name = `cliente-${index}`;
      for (let turn = 1; turn <= TURNS; turn += 1) {
        const started = performance.now();
        await runTurn({
          model,
          hub,
          userMessage: `saldo de ${name}, turno ${turn}`,
          history: [],
          settings,
          approver: approveAll,
        });
        overheads.push(performance.now() - started - model.take(name));
      }
    }),
  );
  return overheads;
}

const bench: Bench = async () => {
  await direct(); // warm-up: module loading, the token counter, JIT
  const baseline = await direct();
  const alone = await overServe(1);
  const serve = await overServe(SESSIONS);
  const mb = (bytes: number) => Math.round(bytes / 1_048_576);
  return [
    {
      title: `agente serve: ${SESSIONS} concurrent sessions × ${TURNS} turns over HTTP (model ${MODEL_MS} ms per call, excluded)`,
      columns: ["measure", "turns", "p50 ms", "p99 ms", "failures", "crosstalk", "peak RSS MB"],
      rows: [
        [
          "agent's own work, runTurn directly (baseline)",
          baseline.length,
          percentile(baseline, 50),
          percentile(baseline, 99),
          0,
          0,
          "-",
        ],
        [
          "agent's own work, inside serve",
          serve.agentOwn.length,
          percentile(serve.agentOwn, 50),
          percentile(serve.agentOwn, 99),
          "-",
          "-",
          "-",
        ],
        [
          "serve's overhead, one session alone",
          alone.overheads.length,
          percentile(alone.overheads, 50),
          percentile(alone.overheads, 99),
          alone.failures,
          alone.crosstalk,
          "-",
        ],
        [
          "serve's overhead (HTTP, JSON, store, lock)",
          serve.overheads.length,
          percentile(serve.overheads, 50),
          percentile(serve.overheads, 99),
          serve.failures,
          serve.crosstalk,
          mb(serve.peakRss),
        ],
      ],
      notes: [
        "goals: p50 overhead ≤ 5 ms, no failures, no crosstalk, RSS ≤ 250 MB",
        "serve's overhead = the HTTP round trip minus the time inside the agent loop (agente.turnMs); agent's own work = the loop minus the model's time",
        "all figures under 50-way concurrency on one event loop: they include the time a turn waits for the others' work",
        "RSS is the whole bench process: server, clients and the baseline's leftovers",
        `wall time of the serve run: ${Math.round(serve.wallMs)} ms`,
      ],
    },
  ];
};

export default bench;
