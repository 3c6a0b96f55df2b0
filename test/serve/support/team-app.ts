/**
 * `agente serve`'s app for people with roles, in this process or in a replica process
 * (test/fixtures/serve/team-replica.ts): a real MCP server child process (the ledger fixture, whose
 * destructive tool appends a line per call to a file), a real conversation store (SQLite file or
 * PostgreSQL), and a scripted model that reads the turn's last message: "paga N CONCEPTO" →
 * `registrar_pago`; "saldo" → `consultar_saldo`; a tool's result → an answer quoting it.
 * People come from a test bearer token `Bearer test-NAME` (or the `test-person` cookie, for the browser):
 * the sign-in itself is identity's, tested there.
 */
import { fileURLToPath } from "node:url";
import type { FastifyRequest } from "fastify";
import { DEFAULT_AGENT_SETTINGS } from "../../../src/agent/agent-settings.js";
import { parseServerEntry } from "../../../src/config/server-config.js";
import type { ChatRequest } from "../../../src/llm/chat-model.js";
import { McpHub } from "../../../src/mcp/hub.js";
import { AgentService } from "../../../src/serve/agent-service.js";
import type { ConversationStore } from "../../../src/serve/conversation-store.js";
import { createApp } from "../../../src/serve/create-app.js";
import { healthReport } from "../../../src/serve/health.js";
import type { McpGatewayPort } from "../../../src/serve/mcp-gateway-port.js";
import { loadPageAssets } from "../../../src/serve/page-assets.js";
import { resolveAccessPolicy } from "../../../src/serve/team/access-policy.js";
import type { AuditEntry, AuditLog, StoredAuditEntry } from "../../../src/serve/team/audit-log.js";
import type { Person } from "../../../src/serve/team/person.js";
import { ScriptedModel } from "../../../src/testing/scripted-model.js";

const LEDGER_SERVER = fileURLToPath(new URL("../../fixtures/servers/ledger-server.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export const PEOPLE: Record<string, Person> = {
  ana: { id: "u-ana", name: "ana", role: "member", via: "token" },
  luis: { id: "u-luis", name: "luis", role: "admin", via: "token" },
  vera: { id: "u-vera", name: "vera", role: "viewer", via: "token" },
};

/** The test's sign-in: `Authorization: Bearer test-NAME`, or the cookie `test-person=NAME`. */
export function testIdentify(request: FastifyRequest): Person | undefined {
  const bearer = /^Bearer test-(\w+)$/.exec(request.headers.authorization ?? "")?.[1];
  const cookie = /(?:^|; )test-person=(\w+)/.exec(request.headers.cookie ?? "")?.[1];
  const name = bearer ?? cookie;
  return name === undefined ? undefined : PEOPLE[name];
}

/** The headers a person's API client sends. */
export function signedInAs(name: string): Record<string, string> {
  return { authorization: `Bearer test-${name}` };
}

/** An audit trail in memory (the real stores are data-audit's). */
export class MemoryAuditLog implements AuditLog {
  readonly entries: StoredAuditEntry[] = [];
  async record(entry: AuditEntry): Promise<void> {
    this.entries.push({ ...entry, seq: this.entries.length + 1, at: new Date().toISOString() });
  }
  async query(): Promise<StoredAuditEntry[]> {
    return [...this.entries];
  }
}

export function ledgerModel(): ScriptedModel {
  return new ScriptedModel((request) => replyTo(request), { model: "modelo-guion" });
}

function replyTo(request: ChatRequest): string {
  const last = request.messages.at(-1)?.content ?? "";
  const result = /^Resultado de (\w+): ([\s\S]*)$/.exec(last);
  if (result) return JSON.stringify({ respuesta: `Según ${result[1]}: ${result[2]}` });
  const pay = /paga (\d+) (\S+)/.exec(last);
  if (pay)
    return JSON.stringify({
      herramienta_llamada: "registrar_pago",
      parametros: { importe: Number(pay[1]), concepto: pay[2] },
    });
  if (/saldo/.test(last)) return JSON.stringify({ herramienta_llamada: "consultar_saldo", parametros: {} });
  return JSON.stringify({ respuesta: `Hola. Dijiste: ${last}` });
}

export interface TeamApp {
  app: ReturnType<typeof createApp>;
  service: AgentService;
  hub: McpHub;
  audit: MemoryAuditLog;
  close(): Promise<void>;
}

export async function startTeamApp(options: {
  store: ConversationStore;
  ledgerFile: string;
  access?: unknown;
  clock?: () => Date;
  approvalSweepMs?: number;
  /** The MCP gateway on the app's hub, for `/mcp`. */
  gateway?: (hub: McpHub) => McpGatewayPort;
}): Promise<TeamApp> {
  const entry = parseServerEntry("contabilidad", {
    command: process.execPath,
    args: ["--import", "tsx", LEDGER_SERVER],
    env: { LEDGER_FILE: options.ledgerFile },
    cwd: REPO_ROOT,
  });
  if (!entry.ok) throw new Error(`bad ledger entry: ${entry.field} ${entry.problem}`);
  const hub = await McpHub.start([entry.config]);
  const audit = new MemoryAuditLog();
  const model = ledgerModel();
  const service = new AgentService({
    model,
    hub,
    settings: { ...DEFAULT_AGENT_SETTINGS, promptBudgetTokens: 3000 },
    store: options.store,
    secrets: [],
    maxAnswerChars: 2000,
    approvalPollMs: 20,
    access: resolveAccessPolicy(options.access),
    audit,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const app = createApp({
    service,
    health: async () =>
      healthReport({
        model: { state: "ready", provider: "scripted", name: model.model },
        statuses: hub.statuses(),
        store: options.store.kind,
        storeWritable: true,
        gateway: false,
      }),
    modelName: model.model,
    secrets: [],
    page: loadPageAssets(),
    identify: testIdentify,
    ...(options.gateway === undefined ? {} : { mcpGateway: options.gateway(hub) }),
    ...(options.approvalSweepMs === undefined ? {} : { approvalSweepMs: options.approvalSweepMs }),
  });
  return {
    app,
    service,
    hub,
    audit,
    async close() {
      await app.close();
      await hub.close();
      await options.store.close();
    },
  };
}
