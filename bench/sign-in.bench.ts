/**
 * What identity adds per request (issue 19): the same loopback HTTP client asks one Fastify app for the
 * same tiny route with no check (the baseline), with the page's session cookie, with a personal token, and
 * with `AGENTE_API_KEY`, each check being `agente serve`'s real sign-in (team/sign-in.ts) on a real SQLite
 * account store. Requests take turns, one of each kind, so all see the same machine load. Goal: p50 added
 * time ≤ 0.2 ms. A second table times the check alone, in process.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyRequest } from "fastify";
import { resolveAccessPolicy } from "../src/serve/team/access-policy.js";
import { Accounts } from "../src/serve/team/accounts.js";
import { signInIdentity } from "../src/serve/team/sign-in.js";
import { SqliteAccountStore } from "../src/serve/team/sqlite-account-store.js";
import { auditLogFor } from "../src/serve/team/unwired-audit-log.js";
import { type Bench, percentile, sized } from "./table.js";
import { timedAsync } from "./timing.js";

const GOAL_MS = 0.2;
const KEY = "clave-del-banco-de-pruebas-1234";

const bench: Bench = async () => {
  const rounds = sized(3000, 50);
  const warm = sized(300, 5);
  const folder = await mkdtemp(join(tmpdir(), "agente-bench-sign-in-"));
  const store = new SqliteAccountStore({ path: join(folder, "conversations.db") });
  const app = Fastify({ logger: false });
  try {
    const accounts = new Accounts({
      store,
      policy: resolveAccessPolicy(undefined),
      audit: await auditLogFor({}),
    });
    // A store the size of a small business: 50 people, each with a session and a token.
    let cookie = "";
    let token = "";
    for (let index = 0; index < 50; index += 1) {
      const account = await store.addUser({ name: `persona${index}`, role: "member", passwordHash: "x" });
      cookie = (await accounts.startSession(account)).cookieValue;
      token = (await accounts.createToken("system", account.name)).token;
    }
    const identify = signInIdentity({ accounts, apiKey: KEY, loopbackOwner: false });
    // The last request of each kind, as Fastify made it, for timing the check alone.
    const seen = new Map<string, FastifyRequest>();
    app.addHook("onRequest", async (request: FastifyRequest, reply) => {
      seen.set(String(request.headers["x-kind"]), request);
      if (request.url === "/none") return;
      const person = await identify(request);
      if (person === undefined) return reply.code(401).send({ error: "no" });
      request.person = person;
    });
    const answer = async () => ({ ok: true });
    app.get("/none", answer);
    app.get("/checked", answer);
    const base = await app.listen({ host: "127.0.0.1", port: 0 });

    const kinds: Array<{ name: string; path: string; headers: Record<string, string> }> = [
      { name: "no check (baseline)", path: "/none", headers: {} },
      { name: "session cookie", path: "/checked", headers: { cookie: `agente_session=${cookie}` } },
      { name: "personal token", path: "/checked", headers: { authorization: `Bearer ${token}` } },
      { name: "AGENTE_API_KEY", path: "/checked", headers: { authorization: `Bearer ${KEY}` } },
    ];
    const times = kinds.map(() => [] as number[]);
    for (let round = 0; round < warm + rounds; round += 1) {
      for (const [index, kind] of kinds.entries()) {
        const list = round < warm ? [] : (times[index] ?? []);
        const response = await timedAsync(list, () =>
          fetch(`${base}${kind.path}`, { headers: { ...kind.headers, "x-kind": kind.name } }),
        );
        if (response.status !== 200) throw new Error(`${kind.name}: HTTP ${response.status}`);
        await response.arrayBuffer();
      }
    }
    const baseline = percentile(times[0] ?? [], 50);

    // The check alone: the same requests as Fastify sees them, without the network.
    const alone = kinds.slice(1).map((kind) => {
      const request = seen.get(kind.name);
      if (request === undefined) throw new Error(`no ${kind.name} request was made`);
      return { name: kind.name, request };
    });
    const aloneTimes = alone.map(() => [] as number[]);
    for (let round = 0; round < warm + rounds; round += 1)
      for (const [index, entry] of alone.entries())
        await timedAsync(round < warm ? [] : (aloneTimes[index] ?? []), () => identify(entry.request));

    return [
      {
        title: `sign-in check per request over loopback HTTP (${rounds} requests of each kind, taking turns)`,
        columns: ["request", "p50 ms", "p95 ms", "added p50 ms", `goal ≤ ${GOAL_MS} ms`],
        rows: kinds.map((kind, index) => {
          const p50 = percentile(times[index] ?? [], 50);
          const added = p50 - baseline;
          return [
            kind.name,
            p50,
            percentile(times[index] ?? [], 95),
            index === 0 ? "-" : added,
            index === 0 ? "-" : added <= GOAL_MS ? "met" : "missed",
          ];
        }),
        notes: [
          "SQLite account store with 50 people, a session and a token each; baseline from the same run.",
        ],
      },
      {
        title: "the check alone, in process",
        columns: ["sign-in", "p50 ms", "p95 ms"],
        rows: alone.map((entry, index) => [
          entry.name,
          percentile(aloneTimes[index] ?? [], 50),
          percentile(aloneTimes[index] ?? [], 95),
        ]),
      },
    ];
  } finally {
    await app.close();
    await store.close();
    await rm(folder, { recursive: true, force: true });
  }
};

export default bench;
