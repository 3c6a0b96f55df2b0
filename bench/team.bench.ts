/**
 * A team on one agente. Two tables, each with a same-run baseline:
 * - what the audit trail adds per tool call: a call through a real MCP client and server (in memory),
 *   alone and followed by its audit entry (`ToolCallAudit` over `SqliteAuditLog`, a file on disk), and the
 *   SQLite write on its own (goal: p50 ≤ 1 ms);
 * - 50 people at once, 3 turns each, over HTTP to the app (in process; a scripted model echoing each
 *   question, which carries its asker's secret): turns per second, and answers that reached the wrong
 *   person (must be 0), against the same 150 turns asked by one person.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/client";
import { InMemoryTransport, McpServer } from "@modelcontextprotocol/server";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { DEFAULT_AGENT_SETTINGS } from "../src/agent/agent-settings.js";
import { AgentService } from "../src/serve/agent-service.js";
import { createApp } from "../src/serve/create-app.js";
import { healthReport } from "../src/serve/health.js";
import { ModelWatch } from "../src/serve/model-watch.js";
import { loadPageAssets } from "../src/serve/page-assets.js";
import { SqliteConversationStore } from "../src/serve/sqlite-conversation-store.js";
import type { Person } from "../src/serve/team/person.js";
import { SqliteAuditLog } from "../src/serve/team/sqlite-audit-log.js";
import { ToolCallAudit } from "../src/serve/team/tool-call-audit.js";
import { answer, ScriptedModel } from "../src/testing/scripted-model.js";
import { Redactor } from "../src/util/secret-redaction.js";
import { type Bench, type BenchTable, percentile, sized } from "./table.js";

const CALLS = sized(2000, 50);
const PEOPLE = sized(50, 5);
const TURNS = 3;

async function auditTable(folder: string): Promise<BenchTable> {
  const server = new McpServer({ name: "banco", version: "1.0.0" });
  server.registerTool(
    "consultar_saldo",
    { description: "Saldo de una cuenta.", inputSchema: z.object({ cuenta: z.string() }) },
    async ({ cuenta }) => ({ content: [{ type: "text", text: `${cuenta}: 100 €` }] }),
  );
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "bench", version: "0.0.0" });
  await server.connect(serverSide);
  await client.connect(clientSide);
  const log = new SqliteAuditLog({ path: join(folder, "conversations.db") });
  const tools = [
    {
      name: "consultar_saldo",
      originalName: "consultar_saldo",
      server: "banco",
      description: "",
      inputSchema: { type: "object" as const },
      annotations: {},
      serverRequiresApproval: false,
    },
  ];
  const redactor = new Redactor(["clave-secreta-del-host"]);
  const call = (index: number) =>
    client.callTool({ name: "consultar_saldo", arguments: { cuenta: `ES${index}`, password: "x" } });
  const alone: number[] = [];
  const audited: number[] = [];
  const writes: number[] = [];
  for (let index = 0; index < CALLS; index++) {
    let started = performance.now();
    await call(index);
    alone.push(performance.now() - started);

    started = performance.now();
    const audit = new ToolCallAudit({ log, actor: "ana", tools: () => tools, redactor });
    const args = { cuenta: `ES${index}`, password: "x" };
    audit.onEvent({ type: "action", step: 1, action: { kind: "tool", tool: "consultar_saldo", args } });
    const callStarted = performance.now();
    await call(index);
    audit.onEvent({
      type: "observation",
      step: 1,
      tool: "consultar_saldo",
      text: "",
      isError: false,
      repeated: false,
      durationMs: performance.now() - callStarted,
    });
    await audit.settled();
    audited.push(performance.now() - started);

    started = performance.now();
    await log.record({ kind: "tool_call", actor: "ana", server: "banco", tool: "consultar_saldo", args });
    writes.push(performance.now() - started);
  }
  await client.close();
  await server.close();
  await log.close();
  const row = (what: string, times: number[]) => [what, percentile(times, 50), percentile(times, 95)];
  return {
    title: `What the audit adds per tool call (${CALLS} calls, SQLite)`,
    columns: ["", "p50 ms", "p95 ms"],
    rows: [
      row("tool call (MCP in memory), baseline", alone),
      row("tool call + its audit entry", audited),
      row("the audit write alone (SqliteAuditLog.record)", writes),
    ],
    notes: [
      "goal: the write's p50 ≤ 1 ms; the entry's arguments masked (maskSecretArguments + the host's redactor)",
    ],
  };
}

async function peopleTable(folder: string): Promise<BenchTable> {
  const people: Person[] = Array.from({ length: PEOPLE }, (_, index) => ({
    id: `u-${index}`,
    name: `persona${index}`,
    role: "member",
    via: "token",
  }));
  const secretOf = (person: Person) => `secreto-${person.id}-x`;
  const run = async (asOne: boolean, name: string) => {
    const store = new SqliteConversationStore({ path: join(folder, `${name}.db`) });
    const model = new ScriptedModel((request) => answer(`eco: ${request.messages.at(-1)?.content ?? ""}`), {
      recordRequests: false,
    });
    const service = new AgentService({
      model,
      hub: { tools: () => [], callTool: async () => Promise.reject(new Error("no tools")) },
      settings: { ...DEFAULT_AGENT_SETTINGS, context: { ...DEFAULT_AGENT_SETTINGS.context, enabled: false } },
      store,
      secrets: [],
      maxAnswerChars: 4000,
    });
    const byToken = new Map(people.map((person) => [`Bearer ${person.id}`, person]));
    const app = createApp({
      service,
      health: async () =>
        healthReport({
          model: await new ModelWatch(model).status(),
          statuses: [],
          store: "sqlite",
          storeWritable: true,
          gateway: false,
        }),
      modelName: model.model,
      secrets: [],
      page: loadPageAssets(),
      identify: (request: FastifyRequest) =>
        asOne ? people[0] : byToken.get(request.headers.authorization ?? ""),
      limits: { turnsPerKey: 1000 },
    });
    const url = await app.listen({ host: "127.0.0.1", port: 0 });
    let wrong = 0;
    const started = performance.now();
    await Promise.all(
      people.map(async (person) => {
        const headers = { authorization: `Bearer ${person.id}`, "content-type": "application/json" };
        const session = (await (
          await fetch(`${url}/api/sessions`, { method: "POST", headers, body: "{}" })
        ).json()) as { id: string };
        for (let turn = 1; turn <= TURNS; turn++) {
          const reply = (await (
            await fetch(`${url}/v1/chat/completions`, {
              method: "POST",
              headers: { ...headers, "x-agente-session": session.id },
              body: JSON.stringify({
                model: "agente",
                messages: [{ role: "user", content: `turno ${turn} ${secretOf(person)}` }],
              }),
            })
          ).json()) as { choices?: Array<{ message: { content: string } }> };
          if (reply.choices?.[0]?.message.content !== `eco: turno ${turn} ${secretOf(person)}`) wrong += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await app.close();
    await store.close();
    return { turnsPerSecond: (people.length * TURNS) / seconds, wrong };
  };
  // A first pass warms up the JIT, Fastify and SQLite, so neither measured run pays for it.
  await run(true, "warm-up");
  const one = await run(true, "one");
  const many = await run(false, "many");
  return {
    title: `${PEOPLE} people at once, ${TURNS} turns each, over HTTP (SQLite)`,
    columns: ["", "turns/s", "answers to the wrong person"],
    rows: [
      [`one person asking all ${PEOPLE * TURNS} turns, baseline`, one.turnsPerSecond, one.wrong],
      [`${PEOPLE} people, each their own conversation`, many.turnsPerSecond, many.wrong],
    ],
    notes: ["the scripted model answers at once: the figure is serve's own work (store, scoping, HTTP)"],
  };
}

const bench: Bench = async () => {
  const folder = await mkdtemp(join(tmpdir(), "agente-team-bench-"));
  try {
    return [await auditTable(folder), await peopleTable(folder)];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
};

export default bench;
