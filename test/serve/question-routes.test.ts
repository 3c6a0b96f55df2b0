/**
 * `POST /api/questions/:id` (question-routes.ts) on a real app and SQLite store: the answer is checked
 * against the form's schema, stored once, and only the person whose conversation it is may give it.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteConversationStore } from "../../src/serve/sqlite-conversation-store.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

describe("answering a server's question", () => {
  it("checks the answer, takes it once, and only from the conversation's owner", async () => {
    const folder = await mkdtemp(join(tmpdir(), "agente-question-routes-"));
    const path = join(folder, "conversations.db");
    const owner = await startTestApp({ folder, listen: false, store: new SqliteConversationStore({ path }) });
    const other = await startTestApp({
      folder,
      listen: false,
      store: new SqliteConversationStore({ path }),
      deps: { identify: () => ({ id: "u2", name: "bea", role: "admin", via: "local" }) },
    });
    apps.push(owner, other);
    const session = await owner.store.createSession("t");
    const question = await owner.store.createQuestion({
      sessionId: session.id,
      server: "preguntas",
      request: {
        mode: "form",
        message: "Datos",
        requestedSchema: {
          type: "object",
          properties: { color: { type: "string", enum: ["rojo", "verde"] } },
          required: ["color"],
        },
      },
    });
    const post = (app: TestApp, payload: unknown) =>
      app.app.inject({ method: "POST", url: `/api/questions/${question.id}`, payload: payload as object });

    expect((await post(other, { action: "accept", content: { color: "rojo" } })).statusCode).toBe(409);
    expect((await post(owner, { action: "accept", content: { color: "azul" } })).statusCode).toBe(400);
    expect((await post(owner, { action: "maybe" })).statusCode).toBe(400);
    const taken = await post(owner, { action: "accept", content: { color: "verde" } });
    expect(taken.json()).toEqual({ id: question.id, action: "accept" });
    expect((await post(owner, { action: "decline" })).statusCode).toBe(409);
    expect((await owner.store.getQuestion(question.id))?.answer).toEqual({
      action: "accept",
      content: { color: "verde" },
    });
  });
});
