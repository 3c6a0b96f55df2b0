/**
 * Issue 19's check, through the real CLI and a real `agente serve` process: accounts and tokens made with
 * `agente users add` / `agente tokens create`, a real MCP server whose destructive tool appends a line per
 * call, and a scripted model on Ollama's wire. A member's destructive call waits for an admin; her own
 * approval is refused; the admin approves over the API; the tool runs once; her conversation gets the
 * answer. Conversations and private documents stay their owner's, `agente audit --json` tells who asked and
 * who approved, and the 20th wrong password in a row is answered 429.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  answer,
  type ScriptedOllama,
  startScriptedOllama,
  toolCall,
} from "../../src/testing/scripted-ollama.js";
import { type ServeProcess, startServeProcess, waitForHealth } from "../serve/support/serve-process.js";
import { sseData } from "../serve/support/test-app.js";
import { REPO_ROOT } from "../support/fixture-servers.js";
import { createWorkspace, SLOW_TEST_MS, type Workspace } from "./support/workspace.js";

const LEDGER_SERVER = fileURLToPath(new URL("../fixtures/servers/ledger-server.ts", import.meta.url));
const SECRET_WORD = "zanahoriazul";

describe("a team on one agente serve (issue 19's check)", { timeout: SLOW_TEST_MS * 2 }, () => {
  let workspace: Workspace;
  let model: ScriptedOllama;
  let serve: ServeProcess;
  let ledger: string;
  const tokens = { ana: "", luis: "" };
  let anaSession = "";

  const as = (person: keyof typeof tokens, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${tokens[person]}`,
    ...extra,
  });
  /** A JSON reply read as the shape the test expects (the assertions check it). */
  const json = async <T>(response: Response | Promise<Response>): Promise<T> =>
    (await (await response).json()) as T;
  const api = (path: string, person: keyof typeof tokens, init: RequestInit = {}) =>
    fetch(`${serve.url}${path}`, {
      ...init,
      headers: { ...as(person), ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
    });

  beforeAll(async () => {
    model = await startScriptedOllama([
      toolCall("registrar_pago", { importe: 120, concepto: "alquiler" }),
      answer("Pago de 120 registrado."),
      toolCall("buscar_documentos", { consulta: SECRET_WORD }),
      answer("No encuentro nada."),
      toolCall("buscar_documentos", { consulta: SECRET_WORD }),
      answer("Están en tus notas."),
    ]);
    workspace = await createWorkspace({ AGENTE_LANG: "en" });
    ledger = `${workspace.folder}/ledger.txt`;
    await workspace.writeConfig({
      mcpServers: {
        memoria: {
          command: process.execPath,
          args: [`${REPO_ROOT}dist/servers/memory/main.js`],
          env: { AGENTE_MEMORY_PATH: workspace.env.AGENTE_MEMORY_PATH, AGENTE_EMBEDDER: "offline" },
        },
        contabilidad: {
          command: process.execPath,
          args: ["--import", "tsx", LEDGER_SERVER],
          env: { LEDGER_FILE: ledger },
          cwd: REPO_ROOT,
        },
      },
    });
    for (const [name, role] of [
      ["ana", "member"],
      ["luis", "admin"],
    ] as const) {
      const added = await workspace.agente(["users", "add", name, "--role", role], {
        input: `contraseña-de-${name}-123\n`,
      });
      expect(added.code, added.stderr).toBe(0);
      const token = await workspace.agente(["tokens", "create", name]);
      expect(token.code, token.stderr).toBe(0);
      tokens[name] = token.stdout.trim();
      expect(tokens[name]).toMatch(/^agt_/);
    }
    serve = await startServeProcess({
      cwd: workspace.folder,
      env: { ...workspace.env, OLLAMA_HOST: model.url },
    });
    await waitForHealth(serve.url, serve.stderr);
  });

  afterAll(async () => {
    await serve?.stop();
    await model?.close();
    await workspace?.remove();
  });

  it("ana's destructive call waits for luis, runs exactly once, and its result lands in her conversation", async () => {
    anaSession = (await json<{ id: string }>(api("/api/sessions", "ana", { method: "POST", body: "{}" }))).id;
    const turn = await api(`/api/sessions/${anaSession}/turns`, "ana", {
      method: "POST",
      body: JSON.stringify({ message: "paga 120 de alquiler" }),
    });
    const events = sseData(await turn.text());
    const waiting = events.find((event) => event.type === "approval_waiting");
    expect(waiting).toMatchObject({
      tool: "registrar_pago",
      arguments: { importe: 120, concepto: "alquiler" },
    });
    expect(existsSync(ledger)).toBe(false);
    const id = String(waiting?.id);

    const own = await api(`/api/approvals/${id}`, "ana", {
      method: "POST",
      body: JSON.stringify({ approved: true }),
    });
    expect(own.status).toBe(403);

    const pending = await json<{ approvals: unknown[] }>(api("/api/approvals", "luis"));
    expect(pending.approvals).toEqual([
      expect.objectContaining({
        id,
        tool: "registrar_pago",
        requester: expect.objectContaining({ name: "ana" }),
      }),
    ]);
    const approved = await api(`/api/approvals/${id}`, "luis", {
      method: "POST",
      body: JSON.stringify({ approved: true }),
    });
    expect(approved.status).toBe(200);

    await vi.waitFor(
      async () => {
        const conversation = await json<{ messages: Array<{ content: string }> }>(
          api(`/api/sessions/${anaSession}`, "ana"),
        );
        expect(conversation.messages.map((message: { content: string }) => message.content)).toEqual([
          "paga 120 de alquiler",
          "Pago de 120 registrado.",
        ]);
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(readFileSync(ledger, "utf8")).toBe("120 alquiler\n");
  });

  it("luis does not see ana's conversation, and ana's private document is not found by his search", async () => {
    const listed = await json<{ sessions: Array<{ id: string }> }>(api("/api/sessions", "luis"));
    expect(listed.sessions.map((session: { id: string }) => session.id)).not.toContain(anaSession);
    expect((await api(`/api/sessions/${anaSession}`, "luis")).status).toBe(404);

    const upload = await fetch(`${serve.url}/api/documents`, {
      method: "POST",
      headers: as("ana", {
        "content-type": "application/octet-stream",
        "x-file-name": "notas.txt",
        "x-destination": "private",
      }),
      body: `Las notas privadas de Ana: la palabra clave es ${SECRET_WORD}.`,
    });
    expect(upload.status).toBe(200);
    expect(JSON.stringify(await json(api("/api/documents", "ana")))).toContain("notas.txt");
    const luisDocuments = await json(api("/api/documents", "luis"));
    expect(JSON.stringify(luisDocuments)).not.toContain("notas.txt");

    const session = (await json<{ id: string }>(api("/api/sessions", "luis", { method: "POST", body: "{}" })))
      .id;
    const turn = await api(`/api/sessions/${session}/turns`, "luis", {
      method: "POST",
      body: JSON.stringify({ message: `busca ${SECRET_WORD}` }),
    });
    const events = sseData(await turn.text());
    const observation = events.find((event) => event.type === "tool_result");
    expect(observation, JSON.stringify(events)).toBeDefined();
    expect(JSON.stringify(events)).not.toContain("notas privadas");

    // The same search by ana finds it: the document is there, only not for luis.
    const own = (await json<{ id: string }>(api("/api/sessions", "ana", { method: "POST", body: "{}" }))).id;
    const anaTurn = await api(`/api/sessions/${own}/turns`, "ana", {
      method: "POST",
      body: JSON.stringify({ message: `busca ${SECRET_WORD}` }),
    });
    const found = sseData(await anaTurn.text()).find((event) => event.type === "tool_result");
    expect(String(found?.result)).toContain("notas privadas de Ana");
  });

  it("through the MCP gateway, each token searches the shared memory and its owner's private one only", async () => {
    const search = async (person: keyof typeof tokens): Promise<string> => {
      const client = new Client({ name: "team-check", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${serve.url}/mcp`), {
          requestInit: { headers: as(person) },
        }),
      );
      try {
        const result = await client.callTool({
          name: "buscar_documentos",
          arguments: { consulta: SECRET_WORD },
        });
        return JSON.stringify(result.content);
      } finally {
        await client.close();
      }
    };
    expect(await search("ana")).toContain("notas privadas de Ana");
    expect(await search("luis")).not.toContain("notas privadas");
  });

  it("agente audit --json shows ana's request and luis's approval", async () => {
    const run = await workspace.agente(["audit", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const entries = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "approval_requested", actor: "ana", tool: "registrar_pago" }),
        expect.objectContaining({ kind: "approval_decided", actor: "luis", decision: "approved" }),
        expect.objectContaining({
          kind: "tool_call",
          actor: "ana",
          tool: "registrar_pago",
          approver: "luis",
        }),
      ]),
    );
  });

  it("the 20th wrong password in a row gets 429", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await fetch(`${serve.url}/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: serve.url },
        body: new URLSearchParams({ name: "ana", password: `mal-${attempt}` }).toString(),
        redirect: "manual",
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 19)).toEqual(Array(19).fill(401));
    expect(statuses[19]).toBe(429);
  });

  it("agente users rm ana removes her account, her conversations and her private documents", async () => {
    await serve.stop();
    const before = await workspace.agente(["memory", "list"]);
    expect(before.stdout).toContain("notas.txt");
    const removed = await workspace.agente(["users", "rm", "ana"]);
    expect(removed.code, removed.stderr).toBe(0);
    const listed = await workspace.agente(["users", "list", "--json"]);
    expect((JSON.parse(listed.stdout) as Array<{ name: string }>).map((user) => user.name)).toEqual(["luis"]);
    const after = await workspace.agente(["memory", "list"]);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).not.toContain("notas.txt");
    const database = new Database(join(workspace.folder, "conversations.db"), {
      readonly: true,
    });
    try {
      const owners = database.prepare("select distinct owner from sessions").all() as Array<{
        owner: string;
      }>;
      expect(owners.length).toBe(1);
    } finally {
      database.close();
    }
  });
});
