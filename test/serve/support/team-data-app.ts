/**
 * `agente serve`'s app for a team, in process on loopback: people signed in by bearer tokens (an identify
 * double standing in for the accounts), agente's real memory server (in memory, over the SDK) as the
 * memory, automatic context from it, the real SQLite conversation store and audit trail in a temp folder,
 * and a scripted model that reads the turn's last message:
 * "busca Q" → `buscar_documentos`; "recuerda T [clave K]" → `memorizar_informacion` (K as metadata
 * `api_token`); "olvida F" → `olvidar` (destructive: it waits for an approval); a tool result → an answer
 * quoting it; anything else → "eco: <message>".
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyRequest } from "fastify";
import { DEFAULT_AGENT_SETTINGS } from "../../../src/agent/agent-settings.js";
import type { ChatRequest } from "../../../src/llm/chat-model.js";
import type { Memory } from "../../../src/memory/memory.js";
import { memorySettings, openMemory } from "../../../src/memory/open-memory.js";
import { AgentService } from "../../../src/serve/agent-service.js";
import type { ConversationStore } from "../../../src/serve/conversation-store.js";
import { createApp } from "../../../src/serve/create-app.js";
import { MemoryDocuments } from "../../../src/serve/documents.js";
import { healthReport } from "../../../src/serve/health.js";
import { ModelWatch } from "../../../src/serve/model-watch.js";
import { loadPageAssets } from "../../../src/serve/page-assets.js";
import { SqliteConversationStore } from "../../../src/serve/sqlite-conversation-store.js";
import type { AuditLog } from "../../../src/serve/team/audit-log.js";
import type { Person } from "../../../src/serve/team/person.js";
import { SqliteAuditLog } from "../../../src/serve/team/sqlite-audit-log.js";
import { createMemoryServer } from "../../../src/servers/memory/server.js";
import { answer, ScriptedModel, toolCall } from "../../../src/testing/scripted-model.js";
import { connectInMemoryHub, type InMemoryHub } from "../../support/in-memory-hub.js";

export const TEAM_SECRET = "clave-del-host-9876543210";

export const ANA: Person = { id: "u-ana", name: "ana", role: "member", via: "token" };
export const LUIS: Person = { id: "u-luis", name: "luis", role: "admin", via: "token" };
export const VERA: Person = { id: "u-vera", name: "vera", role: "viewer", via: "token" };

/** The bearer header of a person (`token-<name>`). */
export function bearer(person: Person): Record<string, string> {
  return { authorization: `Bearer token-${person.name}` };
}

export function peopleByToken(people: readonly Person[]): (request: FastifyRequest) => Person | undefined {
  const byToken = new Map(people.map((person) => [`Bearer token-${person.name}`, person]));
  return (request) => byToken.get(request.headers.authorization ?? "");
}

function replyTo(request: ChatRequest): string {
  const last = request.messages.at(-1)?.content ?? "";
  const result = /^Resultado de (\w+): ([\s\S]*)$/.exec(last);
  if (result) return answer(`Según ${result[1]}: ${result[2]}`);
  const search = /^busca (.+)$/.exec(last);
  if (search) return toolCall("buscar_documentos", { consulta: search[1] });
  const remember = /^recuerda (.+?)(?: clave (\S+))?$/.exec(last);
  if (remember)
    return toolCall("memorizar_informacion", {
      texto: remember[1],
      ...(remember[2] === undefined ? {} : { metadatos: { api_token: remember[2] } }),
    });
  const forget = /^olvida (\S+)$/.exec(last);
  if (forget) return toolCall("olvidar", { fuente: forget[1] });
  return answer(`eco: ${last}`);
}

export interface TeamApp {
  url: string;
  folder: string;
  store: ConversationStore;
  audit: SqliteAuditLog;
  documents: MemoryDocuments;
  memory: Memory;
  hub: InMemoryHub;
  model: ScriptedModel;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export async function startTeamApp(
  options: { people?: readonly Person[]; audit?: AuditLog; listen?: boolean } = {},
): Promise<TeamApp> {
  const folder = await mkdtemp(join(tmpdir(), "agente-team-"));
  const store = new SqliteConversationStore({ path: join(folder, "conversations.db") });
  const audit = new SqliteAuditLog({ path: join(folder, "conversations.db") });
  const env = { AGENTE_MEMORY_PATH: join(folder, "memory.db"), AGENTE_EMBEDDER: "none", HOME: folder };
  const memory = await openMemory(memorySettings([env], folder));
  const hub = await connectInMemoryHub(createMemoryServer({ memory, roots: [folder], cwd: folder }), {
    serverName: "memory",
    secrets: [TEAM_SECRET],
  });
  const model = new ScriptedModel(replyTo, { model: "modelo-equipo" });
  const service = new AgentService({
    model,
    hub,
    settings: {
      ...DEFAULT_AGENT_SETTINGS,
      promptBudgetTokens: 3000,
      context: { ...DEFAULT_AGENT_SETTINGS.context, trustedServers: ["memory"] },
    },
    store,
    secrets: [TEAM_SECRET],
    maxAnswerChars: 4000,
    approvalPollMs: 20,
    audit: options.audit ?? audit,
    memoryServers: ["memory"],
  });
  const documents = new MemoryDocuments({ openMemory: () => openMemory(memorySettings([env], folder)) });
  const app = createApp({
    service,
    health: async () =>
      healthReport({
        model: await new ModelWatch(model).status(),
        statuses: [],
        store: store.kind,
        storeWritable: true,
        gateway: false,
      }),
    modelName: model.model,
    secrets: [TEAM_SECRET],
    page: loadPageAssets(),
    documents,
    identify: peopleByToken(options.people ?? [ANA, LUIS, VERA]),
    audit: options.audit ?? audit,
  });
  const url = options.listen === false ? "" : await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    url,
    folder,
    store,
    audit,
    documents,
    memory,
    hub,
    model,
    app,
    async close() {
      await app.close();
      await documents.close();
      await hub.close();
      await memory.close();
      await audit.close();
      await store.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
