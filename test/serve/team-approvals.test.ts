/**
 * Approval by someone else, on SQLite, with a real MCP server child process whose destructive tool appends
 * a line per call to a file: a member's destructive call waits (their own approval is refused 403), an
 * admin sees it in GET /api/approvals and approves it, the tool runs exactly once and the answer lands in
 * the member's conversation; a denial and an expiry reach the model; the wait survives a restart; a viewer
 * is never offered destructive tools.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SqliteConversationStore } from "../../src/serve/sqlite-conversation-store.js";
import { signedInAs, startTeamApp, type TeamApp } from "./support/team-app.js";
import { sseData } from "./support/test-app.js";

let folder = "";
const running: TeamApp[] = [];

afterEach(async () => {
  for (const app of running.splice(0)) await app.close();
  if (folder !== "") await rm(folder, { recursive: true, force: true });
  folder = "";
});

async function start(
  options: { clock?: () => Date; access?: unknown } = {},
): Promise<TeamApp & { ledger: string }> {
  if (folder === "") folder = await mkdtemp(join(tmpdir(), "agente-approvals-"));
  const ledger = join(folder, "ledger.txt");
  const team = await startTeamApp({
    store: new SqliteConversationStore({ path: join(folder, "conversations.db") }),
    ledgerFile: ledger,
    approvalSweepMs: 20,
    ...options,
  });
  await team.app.ready();
  running.push(team);
  return { ...team, ledger };
}

const as = signedInAs;

function ledgerLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
}

async function askToPay(
  team: TeamApp,
  person = "ana",
): Promise<{ session: string; events: Array<Record<string, unknown>> }> {
  const session = (
    await team.app.inject({ method: "POST", url: "/api/sessions", headers: as(person), payload: {} })
  ).json().id;
  const turn = await team.app.inject({
    method: "POST",
    url: `/api/sessions/${session}/turns`,
    headers: as(person),
    payload: { message: "paga 120 alquiler" },
  });
  return { session, events: sseData(turn.body) };
}

async function conversation(team: TeamApp, session: string, person = "ana") {
  return (await team.app.inject({ url: `/api/sessions/${session}`, headers: as(person) })).json();
}

describe("a member's destructive call", () => {
  it("waits for an admin, who approves it: the tool runs once and the answer lands in her conversation", async () => {
    const team = await start();
    const { session, events } = await askToPay(team);
    const waiting = events.find((event) => event.type === "approval_waiting");
    expect(waiting).toMatchObject({
      tool: "registrar_pago",
      arguments: { importe: 120, concepto: "alquiler" },
    });
    expect(events.some((event) => event.type === "answer")).toBe(false);
    expect(ledgerLines(team.ledger)).toEqual([]);
    const id = String(waiting?.id);

    const own = await team.app.inject({
      method: "POST",
      url: `/api/approvals/${id}`,
      headers: as("ana"),
      payload: { approved: true },
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toBe(
      "you asked for registrar_pago: a person whose role may approve it must decide",
    );

    const anaView = (await team.app.inject({ url: "/api/approvals", headers: as("ana") })).json();
    expect(anaView.approvals).toEqual([]);
    expect(anaView.waiting.map((approval: { id: string }) => approval.id)).toEqual([id]);

    const luisView = (await team.app.inject({ url: "/api/approvals", headers: as("luis") })).json();
    expect(luisView.approvals).toHaveLength(1);
    expect(luisView.approvals[0]).toMatchObject({
      id,
      tool: "registrar_pago",
      args: { importe: 120, concepto: "alquiler" },
      requester: { name: "ana" },
      question: "paga 120 alquiler",
      status: "pending",
    });
    expect(luisView.approvals[0].continuation).toBeUndefined();

    const approve = await team.app.inject({
      method: "POST",
      url: `/api/approvals/${id}`,
      headers: as("luis"),
      payload: { approved: true },
    });
    expect(approve.json()).toEqual({ id, approved: true });
    const again = await team.app.inject({
      method: "POST",
      url: `/api/approvals/${id}`,
      headers: as("luis"),
      payload: { approved: true },
    });
    expect(again.statusCode).toBe(409);

    await vi.waitFor(async () => expect((await conversation(team, session)).messages).toHaveLength(2), {
      timeout: 10_000,
    });
    const { messages, approvals } = await conversation(team, session);
    expect(messages[0]).toMatchObject({ role: "user", content: "paga 120 alquiler" });
    expect(messages[1].content).toBe("Según registrar_pago: pago de 120 registrado (alquiler)");
    expect(messages[1].details.steps[0]).toMatchObject({ tool: "registrar_pago", approved: true });
    expect(approvals).toEqual([]);
    expect(ledgerLines(team.ledger)).toEqual(["120 alquiler"]);
    expect(team.audit.entries.map((entry) => [entry.kind, entry.actor, entry.decision ?? ""])).toEqual([
      ["approval_requested", "ana", ""],
      ["approval_decided", "luis", "approved"],
      ["tool_call", "ana", "approved"],
    ]);
    expect(team.audit.entries.at(-1)?.approver).toBe("luis");
  });

  it("denied: the tool never runs and the model is told who said no, in the turn's language (English: the page's default)", async () => {
    const team = await start();
    const { session, events } = await askToPay(team);
    const id = String(events.find((event) => event.type === "approval_waiting")?.id);
    await team.app.inject({
      method: "POST",
      url: `/api/approvals/${id}`,
      headers: as("luis"),
      payload: { approved: false, reason: "ya está pagado" },
    });
    await vi.waitFor(async () => expect((await conversation(team, session)).messages).toHaveLength(2), {
      timeout: 10_000,
    });
    const { messages } = await conversation(team, session);
    expect(messages[1].content).toBe(
      "Según registrar_pago: registrar_pago was not run: luis did not approve it (ya está pagado). Answer the user without that tool.",
    );
    expect(ledgerLines(team.ledger)).toEqual([]);
  });

  it("expires when nobody decides in time, and the model is told", async () => {
    let now = new Date("2026-12-07T10:00:00Z");
    const team = await start({ clock: () => now, access: { approvalTimeoutMinutes: 5 } });
    const { session } = await askToPay(team);
    expect(await team.service.store.waitingApprovals()).toHaveLength(1);
    now = new Date("2026-12-07T10:05:00Z");
    await vi.waitFor(async () => expect((await conversation(team, session)).messages).toHaveLength(2), {
      timeout: 10_000,
    });
    const { messages } = await conversation(team, session);
    expect(messages[1].content).toBe(
      "Según registrar_pago: registrar_pago was not run: nobody approved it within 5 minutes. Answer the user without that tool.",
    );
    expect(ledgerLines(team.ledger)).toEqual([]);
    expect(team.audit.entries.map((entry) => entry.kind)).toEqual(["approval_requested", "approval_expired"]);
  });

  it("is taken over when the replica that claimed the decision died before storing the answer", async () => {
    let now = new Date("2026-12-07T10:00:00Z");
    const team = await start({ clock: () => now });
    const { session, events } = await askToPay(team);
    const id = String(events.find((event) => event.type === "approval_waiting")?.id);
    // What a replica that dies right after claiming leaves behind: a decided row, no answer.
    const claimed = await team.service.store.claimApproval(id, {
      approved: true,
      decidedBy: "luis",
      at: now,
    });
    expect(claimed?.approval.status).toBe("approved");
    now = new Date("2026-12-07T10:09:00Z");
    expect(await team.service.store.reclaimStalledApprovals(now, new Date("2026-12-07T09:59:00Z"))).toEqual(
      [],
    );
    now = new Date("2026-12-07T10:11:00Z");
    await vi.waitFor(async () => expect((await conversation(team, session)).messages).toHaveLength(2), {
      timeout: 10_000,
    });
    expect((await conversation(team, session)).messages[1].content).toBe(
      "Según registrar_pago: pago de 120 registrado (alquiler)",
    );
    expect(ledgerLines(team.ledger)).toEqual(["120 alquiler"]);
  });

  it("is never run twice: a takeover after a call that may have run tells the model it is unknown", async () => {
    let now = new Date("2026-12-07T10:00:00Z");
    const team = await start({ clock: () => now });
    const { session, events } = await askToPay(team);
    const id = String(events.find((event) => event.type === "approval_waiting")?.id);
    await team.service.store.claimApproval(id, { approved: true, decidedBy: "luis", at: now });
    await team.service.store.recordApprovalCall(id, { state: "calling" });
    now = new Date("2026-12-07T10:11:00Z");
    await vi.waitFor(async () => expect((await conversation(team, session)).messages).toHaveLength(2), {
      timeout: 10_000,
    });
    expect((await conversation(team, session)).messages[1].content).toBe(
      "Según registrar_pago: registrar_pago was approved, but the server running it stopped during the call: whether it ran is unknown. Tell the user to check before asking again",
    );
    expect(ledgerLines(team.ledger)).toEqual([]);
  });

  it("survives a restart: the approval reaches a new process on the same file", async () => {
    const first = await start();
    const { session, events } = await askToPay(first);
    const id = String(events.find((event) => event.type === "approval_waiting")?.id);
    await first.close();
    running.splice(running.indexOf(first), 1);
    const second = await start();
    expect(
      (
        await second.app.inject({
          method: "POST",
          url: `/api/approvals/${id}`,
          headers: as("luis"),
          payload: { approved: true },
        })
      ).statusCode,
    ).toBe(200);
    await vi.waitFor(async () => expect((await conversation(second, session)).messages).toHaveLength(2), {
      timeout: 10_000,
    });
    expect(ledgerLines(second.ledger)).toEqual(["120 alquiler"]);
  });

  it("an admin's own destructive call is asked of the admin in the page, as before", async () => {
    const team = await start();
    const session = (
      await team.app.inject({ method: "POST", url: "/api/sessions", headers: as("luis"), payload: {} })
    ).json().id;
    const turn = team.app.inject({
      method: "POST",
      url: `/api/sessions/${session}/turns`,
      headers: as("luis"),
      payload: { message: "paga 7 luz" },
    });
    let pending: Array<{ id: string; kind: string }> = [];
    await vi.waitFor(async () => {
      pending = (await conversation(team, session, "luis")).approvals;
      expect(pending).toHaveLength(1);
    });
    expect(pending[0]?.kind).toBe("self");
    expect(
      (
        await team.app.inject({
          method: "POST",
          url: `/api/approvals/${pending[0]?.id}`,
          headers: as("ana"),
          payload: { approved: true },
        })
      ).statusCode,
    ).toBe(403);
    await team.app.inject({
      method: "POST",
      url: `/api/approvals/${pending[0]?.id}`,
      headers: as("luis"),
      payload: { approved: true },
    });
    const events = sseData((await turn).body);
    expect(events.at(-1)).toMatchObject({
      type: "answer",
      text: "Según registrar_pago: pago de 7 registrado (luz)",
    });
    expect(ledgerLines(team.ledger)).toEqual(["7 luz"]);
  });
});

describe("what a role sees", () => {
  it("a viewer is never offered a destructive tool, and the model's call of it is refused", async () => {
    const team = await start();
    const session = (
      await team.app.inject({ method: "POST", url: "/api/sessions", headers: as("vera"), payload: {} })
    ).json().id;
    const turn = await team.app.inject({
      method: "POST",
      url: `/api/sessions/${session}/turns`,
      headers: as("vera"),
      payload: { message: "paga 5 agua" },
    });
    const events = sseData(turn.body);
    expect(events.some((event) => event.type === "approval_waiting")).toBe(false);
    expect(events.find((event) => event.type === "invalid_step")?.problem).toContain("registrar_pago");
    const offered = team.hub.tools().map((tool) => tool.name);
    expect(offered).toContain("registrar_pago");
    expect(ledgerLines(team.ledger)).toEqual([]);
  });

  it("on /v1 a member's call that needs another person is refused (nowhere to wait), and a viewer's is unknown", async () => {
    const team = await start();
    const ask = async (person: string) =>
      (
        await team.app.inject({
          method: "POST",
          url: "/v1/chat/completions",
          headers: as(person),
          payload: { model: "modelo-guion", messages: [{ role: "user", content: "paga 9 gas" }] },
        })
      ).json().choices[0].message.content;
    expect(await ask("ana")).toBe(
      "Según registrar_pago: No se ejecutó registrar_pago: registrar_pago necesita la aprobación de otra persona, y eso solo se puede pedir desde el chat web. Responde al usuario sin esa herramienta.",
    );
    // The viewer's correction names only the tools she sees: the scripted model turns to the balance.
    expect(await ask("vera")).toBe("Según consultar_saldo: 0 pagos registrados");
    expect(await team.service.store.waitingApprovals()).toEqual([]);
    expect(ledgerLines(team.ledger)).toEqual([]);
  });
});
