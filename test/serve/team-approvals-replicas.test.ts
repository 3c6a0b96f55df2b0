/**
 * The durable approval across replicas: two replica processes on one throwaway PostgreSQL cluster. A
 * member's destructive call waits on the first; the first is killed with SIGKILL while it waits; an
 * admin sees the request on the second and approves it there; the tool runs once and the answer lands in
 * the member's conversation.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { firstLine, stopChild } from "../../src/testing/child-processes.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../src/testing/postgres.js";
import { signedInAs } from "./support/team-app.js";
import { sseData } from "./support/test-app.js";

const REPLICA = fileURLToPath(new URL("../fixtures/serve/team-replica.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const created = z.looseObject({ id: z.string() });
const listedSchema = z.looseObject({ approvals: z.array(z.looseObject({ id: z.string() })) });
const conversationSchema = z.looseObject({ messages: z.array(z.looseObject({ content: z.string() })) });

describe.skipIf(!postgresAvailable())(
  "a waiting turn outlives the replica that started it",
  { timeout: 90_000 },
  () => {
    let postgres: RunningPostgres;
    let folder: string;
    const children: ChildProcess[] = [];

    beforeAll(async () => {
      postgres = await startPostgres();
      folder = await mkdtemp(join(tmpdir(), "agente-replicas-"));
    });

    afterAll(async () => {
      for (const child of children) await stopChild(child);
      await postgres?.stop();
      await rm(folder, { recursive: true, force: true });
    });

    async function replica(): Promise<{ child: ChildProcess; url: string }> {
      const child = spawn(process.execPath, ["--import", "tsx", REPLICA], {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: folder,
          PG_URL: postgres.url,
          LEDGER_FILE: join(folder, "ledger.txt"),
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      children.push(child);
      return { child, url: (await firstLine(child, "replica")).trim() };
    }

    const call = async (url: string, person: string, path: string, body?: unknown) =>
      fetch(`${url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: {
          ...signedInAs(person),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    it("is approved on the other replica after the first was killed, and the answer lands in the conversation", async () => {
      const [one, two] = await Promise.all([replica(), replica()]);
      const session = created.parse(await (await call(one.url, "ana", "/api/sessions", {})).json()).id;
      const turn = await call(one.url, "ana", `/api/sessions/${session}/turns`, {
        message: "paga 300 nominas",
      });
      const waiting = sseData(await turn.text()).find((event) => event.type === "approval_waiting");
      expect(waiting).toMatchObject({ tool: "registrar_pago" });

      const killed = new Promise((resolve) => one.child.once("exit", (_code, signal) => resolve(signal)));
      one.child.kill("SIGKILL");
      expect(await killed).toBe("SIGKILL");

      const listed = listedSchema.parse(await (await call(two.url, "luis", "/api/approvals")).json());
      expect(listed.approvals.map((approval) => approval.id)).toEqual([waiting?.id]);
      const own = await call(two.url, "ana", `/api/approvals/${waiting?.id}`, { approved: true });
      expect(own.status).toBe(403);
      expect((await call(two.url, "luis", `/api/approvals/${waiting?.id}`, { approved: true })).status).toBe(
        200,
      );

      await vi.waitFor(
        async () => {
          const { messages } = conversationSchema.parse(
            await (await call(two.url, "ana", `/api/sessions/${session}`)).json(),
          );
          expect(messages.map((message) => message.content)).toEqual([
            "paga 300 nominas",
            "Según registrar_pago: pago de 300 registrado (nominas)",
          ]);
        },
        { timeout: 20_000, interval: 100 },
      );
      const ledger = join(folder, "ledger.txt");
      expect(existsSync(ledger) ? readFileSync(ledger, "utf8") : "").toBe("300 nominas\n");
    });
  },
);
