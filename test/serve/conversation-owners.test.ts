/**
 * Conversations have an owner in both stores, and files and databases written before owners are
 * migrated in place: every old conversation belongs to the single-person owner (`owner`).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationStore } from "../../src/serve/conversation-store.js";
import { PostgresConversationStore } from "../../src/serve/postgres-conversation-store.js";
import { SqliteConversationStore } from "../../src/serve/sqlite-conversation-store.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../src/testing/postgres.js";

async function ownersKeptApart(store: ConversationStore): Promise<void> {
  const ana = await store.createSession("de ana", "u-ana");
  await store.appendMessages(ana.id, [{ role: "user", content: "hola", modelContent: "hola" }]);
  const luis = await store.createSession("de luis", "u-luis");
  expect(ana.owner).toBe("u-ana");
  expect((await store.listSessions("u-ana")).map((session) => session.title)).toEqual(["de ana"]);
  expect((await store.listSessions("u-luis")).map((session) => session.title)).toEqual(["de luis"]);
  expect((await store.getSession(ana.id))?.owner).toBe("u-ana");
  expect(await store.deleteSessionsOf("u-ana")).toBe(1);
  expect(await store.getSession(ana.id)).toBeUndefined();
  expect(await store.messages(ana.id)).toEqual([]);
  expect((await store.getSession(luis.id))?.owner).toBe("u-luis");
}

describe("conversation owners in SQLite", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-owners-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("a file from before owners gives its conversations to the owner, and new ones keep owners apart", async () => {
    const path = join(folder, "conversations.db");
    const old = new Database(path);
    old.exec(`
      create table sessions (id text primary key, title text not null, created_at text not null, updated_at text not null);
      insert into sessions values ('antigua', 'de antes', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
    `);
    old.close();
    const store = new SqliteConversationStore({ path });
    try {
      expect(await store.listSessions("owner")).toMatchObject([{ id: "antigua", owner: "owner" }]);
      expect(await store.listSessions("u-ana")).toEqual([]);
      await ownersKeptApart(store);
    } finally {
      await store.close();
    }
    // Opening it again changes nothing.
    const again = new SqliteConversationStore({ path });
    expect((await again.listSessions("owner")).map((session) => session.id)).toEqual(["antigua"]);
    await again.close();
  });
});

describe.skipIf(!postgresAvailable())("conversation owners in PostgreSQL", { timeout: 60_000 }, () => {
  let postgres: RunningPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  it("a database from before owners gives its conversations to the owner, and new ones keep owners apart", async () => {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    await client.query(`
      create table agente_sessions (id text primary key, title text not null,
        created_at timestamptz not null default now(), updated_at timestamptz not null default now());
      insert into agente_sessions (id, title) values ('antigua', 'de antes');
    `);
    await client.end();
    const store = await PostgresConversationStore.connect({ url: postgres.url });
    try {
      expect(await store.listSessions("owner")).toMatchObject([{ id: "antigua", owner: "owner" }]);
      await ownersKeptApart(store);
    } finally {
      await store.close();
    }
  });
});
