/**
 * Conversations in a real throwaway PostgreSQL cluster, shared by two "replicas" (two stores, two apps):
 * what one writes the other reads, an approval waiting on one is decided through the other, and turns of
 * one session queue across both (the advisory lock) while other sessions run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresConversationStore } from "../../src/serve/postgres-conversation-store.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../src/testing/postgres.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

describe.skipIf(!postgresAvailable())(
  "conversations in PostgreSQL, shared by two replicas",
  { timeout: 60_000 },
  () => {
    let postgres: RunningPostgres;
    let one: TestApp;
    let two: TestApp;

    beforeAll(async () => {
      postgres = await startPostgres();
      // Both replicas create the schema at once: the start-up lock keeps them from racing.
      const [storeOne, storeTwo] = await Promise.all([
        PostgresConversationStore.connect({ url: postgres.url }),
        PostgresConversationStore.connect({ url: postgres.url }),
      ]);
      one = await startTestApp({ store: storeOne, listen: false });
      two = await startTestApp({ store: storeTwo, listen: false });
    });

    afterAll(async () => {
      await one?.close();
      await two?.close();
      await postgres?.stop();
    });

    it("a conversation started on one replica continues on the other", async () => {
      const session = (await one.app.inject({ method: "POST", url: "/api/sessions", payload: {} })).json();
      await one.app.inject({
        method: "POST",
        url: `/api/sessions/${session.id}/turns`,
        payload: { message: "la empresa Acme" },
      });
      await two.app.inject({
        method: "POST",
        url: `/api/sessions/${session.id}/turns`,
        payload: { message: "gracias" },
      });
      const stored = (await one.app.inject({ url: `/api/sessions/${session.id}` })).json();
      expect(stored.session.title).toBe("la empresa Acme");
      expect(stored.messages.map((message: { content: string }) => message.content)).toEqual([
        "la empresa Acme",
        "Según consultar_empresa: Acme: cliente desde 2019, clave [redacted]",
        "gracias",
        "Hola. Dijiste: gracias",
      ]);
      expect(two.model.requests.at(-1)?.messages.filter((message) => message.role !== "system")).toHaveLength(
        3,
      );
    });

    it("regenerates in place across replicas: keep drops the later messages in the shared store", async () => {
      const session = (await one.app.inject({ method: "POST", url: "/api/sessions", payload: {} })).json();
      for (const message of ["uno", "dos"])
        await one.app.inject({
          method: "POST",
          url: `/api/sessions/${session.id}/turns`,
          payload: { message },
        });
      await two.app.inject({
        method: "POST",
        url: `/api/sessions/${session.id}/turns`,
        payload: { message: "dos otra vez", keep: 2 },
      });
      const stored = (await one.app.inject({ url: `/api/sessions/${session.id}` })).json();
      expect(stored.messages.map((message: { content: string }) => message.content)).toEqual([
        "uno",
        "Hola. Dijiste: uno",
        "dos otra vez",
        "Hola. Dijiste: dos otra vez",
      ]);
      expect((await one.app.inject({ url: "/health" })).json().storeWritable).toBe(true);
    });

    it("an approval waiting on one replica is decided through the other", async () => {
      const session = (await one.app.inject({ method: "POST", url: "/api/sessions", payload: {} })).json();
      const turn = one.app.inject({
        method: "POST",
        url: `/api/sessions/${session.id}/turns`,
        payload: { message: "borra Omega" },
      });
      await expect.poll(async () => (await two.store.pendingApprovals(session.id)).length).toBe(1);
      const [pending] = await two.store.pendingApprovals(session.id);
      const decided = await two.app.inject({
        method: "POST",
        url: `/api/approvals/${pending?.id}`,
        payload: { approved: false },
      });
      expect(decided.statusCode).toBe(200);
      expect((await turn).body).toContain("el usuario no lo aprob");
      expect(one.hub.calls.filter((call) => call.name === "borrar_cliente")).toEqual([]);
    });

    it("a server's question stored by one replica is answered through the other", async () => {
      const session = await one.store.createSession("preguntas");
      const question = await one.store.createQuestion({
        sessionId: session.id,
        server: "preguntas",
        request: {
          mode: "form",
          message: "Datos",
          requestedSchema: { type: "object", properties: { edad: { type: "integer" } }, required: ["edad"] },
        },
      });
      expect((await two.app.inject({ url: `/api/sessions/${session.id}` })).json().questions).toHaveLength(1);
      const wrong = await two.app.inject({
        method: "POST",
        url: `/api/questions/${question.id}`,
        payload: { action: "accept", content: { edad: "mucha" } },
      });
      expect(wrong.statusCode).toBe(400);
      const answered = await two.app.inject({
        method: "POST",
        url: `/api/questions/${question.id}`,
        payload: { action: "accept", content: { edad: 33 } },
      });
      expect(answered.statusCode).toBe(200);
      expect((await one.store.getQuestion(question.id))?.answer).toEqual({
        action: "accept",
        content: { edad: 33 },
      });
      expect(await one.store.pendingQuestions(session.id)).toEqual([]);
    });

    it("queues turns of one session across replicas, and lets other sessions run", async () => {
      const order: string[] = [];
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const step = (name: string, wait?: Promise<void>) => async () => {
        order.push(`${name} start`);
        await wait;
        order.push(`${name} end`);
      };
      // "one" holds the session until the test lets it go: no timing decides the order.
      const first = one.store.withSessionLock("shared", step("one", gate));
      await expect.poll(() => order).toEqual(["one start"]);
      const second = two.store.withSessionLock("shared", step("two"));
      await two.store.withSessionLock("other", step("other"));
      expect(order).toEqual(["one start", "other start", "other end"]);
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(["one start", "other start", "other end", "one end", "two start", "two end"]);
    });

    it("regression: more turns at once than the pool has connections do not deadlock on their own queries", async () => {
      const small = await startTestApp({
        store: await PostgresConversationStore.connect({ url: postgres.url, maxConnections: 2 }),
        listen: false,
      });
      try {
        const sessions = await Promise.all(
          Array.from({ length: 5 }, async () =>
            (await small.app.inject({ method: "POST", url: "/api/sessions", payload: {} })).json(),
          ),
        );
        const answers = await Promise.all(
          sessions.map(async (session, index) => {
            const turn = await small.app.inject({
              method: "POST",
              url: `/api/sessions/${session.id}/turns`,
              payload: { message: `la empresa E${index}` },
            });
            return turn.body.includes(`Según consultar_empresa: E${index}:`);
          }),
        );
        expect(answers).toEqual([true, true, true, true, true]);
      } finally {
        await small.close();
      }
    });
  },
);
