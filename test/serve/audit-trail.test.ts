/**
 * The audit trail: both stores append only (the database itself refuses UPDATE and DELETE), every tool
 * call of a serve turn recorded with secrets hidden, the admin-only `GET /api/audit`, and the real
 * `agente audit` reading what serve wrote.
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { AuditLog } from "../../src/serve/team/audit-log.js";
import { APPEND_ONLY } from "../../src/serve/team/audit-rows.js";
import { PostgresAuditLog } from "../../src/serve/team/postgres-audit-log.js";
import { SqliteAuditLog } from "../../src/serve/team/sqlite-audit-log.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../src/testing/postgres.js";
import { runCli } from "../support/run-cli.js";
import { ANA, bearer, LUIS, startTeamApp, TEAM_SECRET, type TeamApp } from "./support/team-data-app.js";

/** Records a fixed little history at fixed times. */
async function recordHistory(log: AuditLog, setNow: (iso: string) => void): Promise<void> {
  setNow("2026-12-01T09:00:00.000Z");
  await log.record({ kind: "sign_in", actor: "ana", via: "password", address: "127.0.0.1", outcome: "ok" });
  setNow("2026-12-02T10:00:00.000Z");
  await log.record({
    kind: "tool_call",
    actor: "ana",
    server: "odoo",
    tool: "borrar_cliente",
    args: { nombre: "Acme" },
    decision: "approved",
    approver: "luis",
    outcome: "ok",
    durationMs: 12.5,
  });
  setNow("2026-12-03T11:00:00.000Z");
  await log.record({ kind: "user_added", actor: "luis", subject: "vera" });
}

function contractTests(open: () => { log: AuditLog; setNow: (iso: string) => void }) {
  it("keeps entries in order with every field, and filters by person, date and kind", async () => {
    const { log, setNow } = open();
    await recordHistory(log, setNow);
    const all = await log.query({});
    expect(all.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(all[1]).toEqual({
      seq: 2,
      at: "2026-12-02T10:00:00.000Z",
      kind: "tool_call",
      actor: "ana",
      server: "odoo",
      tool: "borrar_cliente",
      args: { nombre: "Acme" },
      decision: "approved",
      approver: "luis",
      outcome: "ok",
      durationMs: 12.5,
    });
    // luis approved ana's call: it is his too.
    expect((await log.query({ person: "luis" })).map((entry) => entry.seq)).toEqual([2, 3]);
    expect((await log.query({ person: "vera" })).map((entry) => entry.seq)).toEqual([3]);
    expect((await log.query({ since: "2026-12-02" })).map((entry) => entry.seq)).toEqual([2, 3]);
    expect((await log.query({ kind: "sign_in" })).map((entry) => entry.seq)).toEqual([1]);
    expect((await log.query({ limit: 2 })).map((entry) => entry.seq)).toEqual([2, 3]);
  });
}

describe("the audit trail in SQLite", () => {
  let folder: string;
  let logs: SqliteAuditLog[] = [];
  beforeAll(async () => {
    const { mkdtemp } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    folder = await mkdtemp(join(tmpdir(), "agente-audit-"));
  });
  afterEach(async () => {
    for (const log of logs) await log.close();
    logs = [];
  });
  afterAll(async () => {
    const { rm } = await import("node:fs/promises");
    await rm(folder, { recursive: true, force: true });
  });

  let count = 0;
  contractTests(() => {
    let now = new Date();
    const log = new SqliteAuditLog({ path: join(folder, `audit-${++count}.db`), now: () => now });
    logs.push(log);
    return { log, setNow: (iso) => (now = new Date(iso)) };
  });

  it("refuses UPDATE and DELETE in the database itself, whoever asks", async () => {
    const path = join(folder, "guarded.db");
    const log = new SqliteAuditLog({ path });
    logs.push(log);
    await log.record({ kind: "sign_in", actor: "ana" });
    const other = new Database(path);
    try {
      expect(() => other.prepare("update audit_trail set actor = 'nadie'").run()).toThrow(APPEND_ONLY);
      expect(() => other.prepare("delete from audit_trail").run()).toThrow(APPEND_ONLY);
    } finally {
      other.close();
    }
    expect((await log.query({})).map((entry) => entry.actor)).toEqual(["ana"]);
  });
});

describe.skipIf(!postgresAvailable())("the audit trail in PostgreSQL", { timeout: 60_000 }, () => {
  let postgres: RunningPostgres;
  let logs: PostgresAuditLog[] = [];
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterEach(async () => {
    for (const log of logs) await log.close();
    logs = [];
    // Each test starts on an empty trail: a new database, since the trail refuses deletes.
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  let count = 0;
  const freshDatabase = () => postgres.createDatabase(`audit_${++count}`);

  it("keeps entries in order with every field, and filters by person, date and kind", async () => {
    const url = await freshDatabase();
    const log = await PostgresAuditLog.connect({ url });
    logs.push(log);
    // PostgreSQL stamps `at` itself (now()): the times are read back, not chosen.
    await log.record({ kind: "sign_in", actor: "ana", via: "password" });
    await log.record({
      kind: "tool_call",
      actor: "ana",
      server: "odoo",
      tool: "borrar_cliente",
      args: { nombre: "Acme" },
      decision: "approved",
      approver: "luis",
      outcome: "ok",
      durationMs: 12.5,
    });
    await log.record({ kind: "user_added", actor: "luis", subject: "vera" });
    const all = await log.query({});
    expect(all.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    const { at: _at, ...second } = all[1] ?? { at: "" };
    expect(second).toEqual({
      seq: 2,
      kind: "tool_call",
      actor: "ana",
      server: "odoo",
      tool: "borrar_cliente",
      args: { nombre: "Acme" },
      decision: "approved",
      approver: "luis",
      outcome: "ok",
      durationMs: 12.5,
    });
    expect((await log.query({ person: "luis" })).map((entry) => entry.seq)).toEqual([2, 3]);
    expect((await log.query({ kind: "sign_in" })).map((entry) => entry.seq)).toEqual([1]);
    expect(await log.query({ since: "2999-01-01" })).toEqual([]);
    expect((await log.query({ since: all[0]?.at ?? "" })).map((entry) => entry.seq)).toEqual([1, 2, 3]);
  });

  it("refuses UPDATE, DELETE and TRUNCATE in the database itself; two replicas create the schema at once", async () => {
    const url = await freshDatabase();
    const [log, second] = await Promise.all([
      PostgresAuditLog.connect({ url }),
      PostgresAuditLog.connect({ url }),
    ]);
    logs.push(log, second);
    await log.record({ kind: "sign_in", actor: "ana" });
    await second.record({ kind: "sign_in", actor: "luis" });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await expect(client.query("update agente_audit set actor = 'nadie'")).rejects.toThrow(APPEND_ONLY);
      await expect(client.query("delete from agente_audit")).rejects.toThrow(APPEND_ONLY);
      await expect(client.query("truncate agente_audit")).rejects.toThrow(APPEND_ONLY);
    } finally {
      await client.end();
    }
    expect((await log.query({})).map((entry) => entry.actor)).toEqual(["ana", "luis"]);
  });
});

describe("tool calls of serve turns", { timeout: 60_000 }, () => {
  let team: TeamApp;
  beforeAll(async () => {
    team = await startTeamApp();
  });
  afterAll(async () => {
    await team?.close();
  });

  async function turn(person: typeof ANA, message: string): Promise<string> {
    const session = (await (
      await fetch(`${team.url}/api/sessions`, {
        method: "POST",
        headers: { ...bearer(person), "content-type": "application/json" },
        body: "{}",
      })
    ).json()) as { id: string };
    const response = await fetch(`${team.url}/api/sessions/${session.id}/turns`, {
      method: "POST",
      headers: { ...bearer(person), "content-type": "application/json" },
      body: JSON.stringify({ message }),
    });
    return `${session.id}\n${await response.text()}`;
  }

  it("records each call with the person, server, tool, masked arguments, decision, outcome and duration", async () => {
    await turn(ANA, `recuerda la clave del wifi es ${TEAM_SECRET} clave sk-personal-123`);
    // A destructive call waits for an approval; luis's page says no.
    const waiting = turn(LUIS, "olvida nota:nada");
    const approval = await vi.waitFor(
      async () => {
        const sessions = await team.store.listSessions(LUIS.id);
        const pending = await team.store.pendingApprovals(sessions[0]?.id ?? "");
        if (pending[0] === undefined) throw new Error("no approval yet");
        return pending[0];
      },
      { timeout: 10_000, interval: 20 },
    );
    const decided = await fetch(`${team.url}/api/approvals/${approval.id}`, {
      method: "POST",
      headers: { ...bearer(LUIS), "content-type": "application/json" },
      body: JSON.stringify({ approved: false }),
    });
    expect(decided.status).toBe(200);
    await waiting;

    const entries = await team.audit.query({ kind: "tool_call" });
    expect(entries.map(({ seq: _seq, at: _at, durationMs: _duration, ...entry }) => entry)).toEqual([
      {
        kind: "tool_call",
        actor: "ana",
        server: "memory",
        tool: "memorizar_informacion",
        args: { texto: "la clave del wifi es [redacted]", metadatos: { api_token: "[redacted]" } },
        decision: "auto",
        outcome: "ok",
      },
      {
        kind: "tool_call",
        actor: "luis",
        server: "memory",
        tool: "olvidar",
        args: { fuente: "nota:nada" },
        decision: "denied",
        outcome: "refused",
      },
    ]);
    expect(entries.every((entry) => typeof entry.durationMs === "number" && entry.durationMs >= 0)).toBe(
      true,
    );
    expect(JSON.stringify(entries)).not.toContain(TEAM_SECRET);
    expect(JSON.stringify(entries)).not.toContain("sk-personal-123");
  });

  it("GET /api/audit is for admins only, with filters and a JSONL export", async () => {
    const forAna = await fetch(`${team.url}/api/audit`, { headers: bearer(ANA) });
    expect(forAna.status).toBe(403);
    const all = (await (await fetch(`${team.url}/api/audit`, { headers: bearer(LUIS) })).json()) as {
      entries: Array<{ actor: string; tool?: string }>;
    };
    expect(all.entries.map((entry) => `${entry.actor}:${entry.tool}`)).toEqual([
      "ana:memorizar_informacion",
      "luis:olvidar",
    ]);
    const anas = (await (
      await fetch(`${team.url}/api/audit?user=ana&kind=tool_call`, { headers: bearer(LUIS) })
    ).json()) as { entries: Array<{ actor: string }> };
    expect(anas.entries.map((entry) => entry.actor)).toEqual(["ana"]);
    const future = (await (
      await fetch(`${team.url}/api/audit?since=2999-01-01`, { headers: bearer(LUIS) })
    ).json()) as { entries: unknown[] };
    expect(future.entries).toEqual([]);
    expect((await fetch(`${team.url}/api/audit?since=ayer`, { headers: bearer(LUIS) })).status).toBe(400);
    expect((await fetch(`${team.url}/api/audit?kind=nada`, { headers: bearer(LUIS) })).status).toBe(400);

    const exported = await fetch(`${team.url}/api/audit?format=jsonl`, { headers: bearer(LUIS) });
    expect(exported.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(exported.headers.get("content-disposition")).toContain("agente-audit.jsonl");
    const lines = (await exported.text()).trimEnd().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as { actor: string }).actor)).toEqual(["ana", "luis"]);
  });

  it("agente audit reads what serve wrote: --user, --since, --json, and one line for a bad date", async () => {
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: team.folder,
      LANG: "C",
      AGENTE_CONVERSATIONS_PATH: join(team.folder, "conversations.db"),
      AGENTE_MEMORY_PATH: join(team.folder, "memory.db"),
    };
    const json = await runCli(["audit", "--user", "ana", "--since", "2020-01-01", "--json"], {
      cwd: team.folder,
      env,
    });
    expect(json.stderr).toBe("");
    expect(json.code).toBe(0);
    const lines = json.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.actor, line.tool, line.decision, line.outcome])).toEqual([
      ["ana", "memorizar_informacion", "auto", "ok"],
    ]);

    const table = await runCli(["audit", "--lang", "es"], { cwd: team.folder, env });
    expect(table.code).toBe(0);
    const rows = table.stdout.trimEnd().split("\n");
    expect(rows[0]).toMatch(/^hora\s+persona\s+qué\s+detalle\s+decisión\s+resultado\s+ms$/);
    expect(rows.slice(1).map((row) => row.split(/\s{2,}/).slice(1, 3))).toEqual([
      ["ana", "tool_call"],
      ["luis", "tool_call"],
    ]);
    expect(rows[2]).toContain("memory/olvidar");
    expect(rows[2]).toContain("denied");

    const none = await runCli(["audit", "--since", "2999-01-01"], { cwd: team.folder, env });
    expect(none.stdout).toBe("No entries.\n");

    const bad = await runCli(["audit", "--since", "ayer"], { cwd: team.folder, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(bad.stderr).toContain("--since ayer is not a date");
  });
});
