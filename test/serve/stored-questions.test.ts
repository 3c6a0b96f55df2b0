/**
 * A server's questions through the conversation store (stored-questions.ts) with real SQLite files: an
 * answer stored by a second store on the same file (another replica) reaches the waiting turn; nobody
 * answering in time declines; a stopped turn cancels. And the servers' log lines (server-logs.ts): the last
 * few per server, with secrets hidden.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ServerLogs } from "../../src/serve/server-logs.js";
import { SqliteConversationStore } from "../../src/serve/sqlite-conversation-store.js";
import { storedQuestions } from "../../src/serve/stored-questions.js";
import type { TurnEvent } from "../../src/serve/turn-events.js";

const form = {
  mode: "form" as const,
  message: "Datos",
  requestedSchema: {
    type: "object" as const,
    properties: { edad: { type: "integer" as const, minimum: 0 } },
    required: ["edad"],
  },
};

let folder: string | undefined;
afterEach(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

async function twoReplicas() {
  folder = await mkdtemp(join(tmpdir(), "agente-questions-store-"));
  const path = join(folder, "conversations.db");
  const running = new SqliteConversationStore({ path });
  const other = new SqliteConversationStore({ path });
  const session = await running.createSession("t");
  return { running, other, session };
}

describe("a server's questions through the store", () => {
  it("takes the answer another replica stored", async () => {
    const { running, other, session } = await twoReplicas();
    const events: TurnEvent[] = [];
    const questions = storedQuestions({
      store: running,
      sessionId: session.id,
      emit: (event) => events.push(event),
      pollMs: 5,
    });
    const pending = questions.elicitForm?.(form, {
      server: "preguntas",
      signal: new AbortController().signal,
    });
    await expect.poll(async () => (await other.pendingQuestions(session.id)).length).toBe(1);
    const [stored] = await other.pendingQuestions(session.id);
    expect(stored?.request).toEqual(form);
    expect(await other.answerQuestion(stored?.id ?? "", { action: "accept", content: { edad: 33 } })).toBe(
      true,
    );
    expect(await pending).toEqual({ action: "accept", content: { edad: 33 } });
    expect(events.map((event) => event.type)).toEqual(["question", "question_answered"]);
    // Answered once: a second answer is refused.
    expect(await other.answerQuestion(stored?.id ?? "", { action: "decline" })).toBe(false);
    await running.close();
    await other.close();
  });

  it("declines when nobody answers in time, and cancels when the turn stops", async () => {
    const { running, other, session } = await twoReplicas();
    let clock = 0;
    const late = storedQuestions({
      store: running,
      sessionId: session.id,
      emit: () => {},
      pollMs: 1,
      timeoutMs: 1000,
      now: () => clock,
    });
    const waiting = late.elicitForm?.(form, { server: "preguntas", signal: new AbortController().signal });
    await expect.poll(async () => (await other.pendingQuestions(session.id)).length).toBe(1);
    clock = 2000;
    expect(await waiting).toEqual({ action: "decline" });

    const turn = new AbortController();
    const stopped = storedQuestions({
      store: running,
      sessionId: session.id,
      emit: () => {},
      pollMs: 1,
      signal: turn.signal,
    });
    const asked = stopped.elicitUrl?.(
      { mode: "url", message: "Abre", url: "https://example.com/x", elicitationId: "e" },
      { server: "preguntas", signal: new AbortController().signal },
    );
    await expect.poll(async () => (await other.pendingQuestions(session.id)).length).toBe(1);
    turn.abort();
    expect(await asked).toEqual({ action: "cancel" });
    expect(await other.pendingQuestions(session.id)).toEqual([]);
    await running.close();
    await other.close();
  });
});

describe("the servers' log lines", () => {
  it("keeps the last lines per server, with secrets hidden", () => {
    const logs = new ServerLogs(2);
    logs.hide(["clave-secreta-123"]);
    logs.add("a", { level: "warning", data: "uno" });
    logs.add("a", { level: "error", logger: "db", data: "dos clave-secreta-123" });
    logs.add("a", { level: "info", data: { tres: 3 } });
    logs.add("b", { level: "debug", data: "otro" });
    expect(logs.recent("a")).toEqual([
      { level: "error", logger: "db", text: "dos [redacted]" },
      { level: "info", text: '{"tres":3}' },
    ]);
    expect(logs.recent("b")).toEqual([{ level: "debug", text: "otro" }]);
    expect(logs.recent("c")).toEqual([]);
  });
});
