/**
 * The account store's contract, on a real SQLite file and a real PostgreSQL (a throwaway cluster): people
 * with stable ids, sign-in sessions that expire, tokens found by their hash, and removal that takes a
 * person's sessions and tokens with them.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveAccessPolicy } from "../../../src/serve/team/access-policy.js";
import { type AccountStore, DuplicateNameError } from "../../../src/serve/team/account-store.js";
import { Accounts } from "../../../src/serve/team/accounts.js";
import { openAccountStore } from "../../../src/serve/team/open-account-store.js";
import { hashPassword, verifyPassword } from "../../../src/serve/team/passwords.js";
import { secretHash } from "../../../src/serve/team/secret-tokens.js";
import { SqliteAccountStore } from "../../../src/serve/team/sqlite-account-store.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../../src/testing/postgres.js";
import { RecordedAudit } from "./recorded-audit.js";

function contract(name: string, kind: AccountStore["kind"], open: () => Promise<AccountStore>) {
  describe(name, () => {
    let store: AccountStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it("keeps people with stable ids, refuses a taken name, and never reuses an id", async () => {
      expect(store.kind).toBe(kind);
      expect(await store.hasUsers()).toBe(false);
      const ana = await store.addUser({ name: "ana", role: "member", passwordHash: "h1" });
      expect(ana).toMatchObject({ name: "ana", role: "member" });
      expect(ana.id).toMatch(/^[0-9a-f-]{36}$/);
      await expect(store.addUser({ name: "ana", role: "admin", passwordHash: "h2" })).rejects.toThrow(
        DuplicateNameError,
      );
      expect(await store.hasUsers()).toBe(true);
      expect((await store.userNamed("ana"))?.passwordHash).toBe("h1");
      expect(await store.userById(ana.id)).toEqual(ana);
      expect(await store.removeUser(ana.id)).toBe(true);
      const again = await store.addUser({ name: "ana", role: "member", passwordHash: "h3" });
      expect(again.id).not.toBe(ana.id);
      await store.setRole(again.id, "viewer");
      await store.setPassword(again.id, "h4");
      expect(await store.userNamed("ana")).toMatchObject({ role: "viewer", passwordHash: "h4" });
    });

    it("finds sessions until they expire or end, and tokens by their hash", async () => {
      const luis = await store.addUser({ name: "luis", role: "admin", passwordHash: "h" });
      const now = new Date();
      await store.addSession({ idHash: "s1", userId: luis.id, expiresAt: new Date(now.getTime() + 60_000) });
      expect((await store.sessionAccount("s1", now))?.name).toBe("luis");
      expect(await store.sessionAccount("s1", new Date(now.getTime() + 61_000))).toBeUndefined();
      await store.endSession("s1");
      expect(await store.sessionAccount("s1", now)).toBeUndefined();
      await store.addSession({ idHash: "s2", userId: luis.id, expiresAt: new Date(now.getTime() + 60_000) });
      await store.addSession({ idHash: "s3", userId: luis.id, expiresAt: new Date(now.getTime() + 60_000) });
      await store.endSessionsOf(luis.id);
      expect(await store.sessionAccount("s2", now)).toBeUndefined();
      expect(await store.sessionAccount("s3", now)).toBeUndefined();

      const token = await store.addToken({ id: "tok_1", userId: luis.id, label: "portátil", hash: "th1" });
      expect(token).toMatchObject({ id: "tok_1", userId: luis.id, label: "portátil" });
      expect(await store.tokenAccount("th1")).toEqual({
        account: await store.userById(luis.id),
        tokenId: "tok_1",
      });
      expect(await store.tokenAccount("other")).toBeUndefined();
      expect((await store.tokens(luis.id)).map((entry) => entry.id)).toEqual(["tok_1"]);
      expect(await store.revokeToken("tok_1")).toBe(true);
      expect(await store.revokeToken("tok_1")).toBe(false);
      expect(await store.tokenAccount("th1")).toBeUndefined();
    });

    it("removes a person's sessions and tokens with them", async () => {
      const eva = await store.addUser({ name: "eva", role: "member", passwordHash: "h" });
      await store.addSession({ idHash: "s-eva", userId: eva.id, expiresAt: new Date(Date.now() + 60_000) });
      await store.addToken({ id: "tok_eva", userId: eva.id, label: "", hash: "th-eva" });
      await store.removeUser(eva.id);
      expect(await store.sessionAccount("s-eva", new Date())).toBeUndefined();
      expect(await store.tokenAccount("th-eva")).toBeUndefined();
      expect((await store.tokens()).map((entry) => entry.id)).not.toContain("tok_eva");
    });
  });
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "agente-accounts-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

it("is opened beside the conversations unless AGENTE_MEMORY_URL names a PostgreSQL", async () => {
  const sqlite = await openAccountStore({ AGENTE_CONVERSATIONS_PATH: join(folder, "opened.db") });
  expect(sqlite.kind).toBe("sqlite");
  await sqlite.close();
});

contract(
  "SQLite (conversations.db)",
  "sqlite",
  async () => new SqliteAccountStore({ path: join(folder, "conversations.db") }),
);

describe.skipIf(!postgresAvailable())("PostgreSQL", () => {
  let postgres: RunningPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await postgres?.stop();
  });
  contract("the conversation store's database", "postgres", () =>
    openAccountStore({ AGENTE_MEMORY_URL: postgres.url }),
  );
});

describe("passwords", () => {
  it("are scrypt hashes with their own salt, checked in constant time", async () => {
    const first = await hashPassword("contraseña-larga");
    const second = await hashPassword("contraseña-larga");
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword("contraseña-larga", first)).toBe(true);
    expect(await verifyPassword("contraseña-larga!", first)).toBe(false);
  });
});

describe("Accounts", () => {
  it("records sign-ins and changes in the audit trail, and keeps only a token's hash", async () => {
    const store = new SqliteAccountStore({ path: join(folder, "audit.db") });
    const audit = new RecordedAudit();
    const removed: string[] = [];
    const accounts = new Accounts({
      store,
      policy: resolveAccessPolicy(undefined),
      audit,
      removePersonData: async (account) => {
        removed.push(account.name);
      },
    });
    try {
      await accounts.addUser("system", { name: "ana", role: "member", password: "secreto-largo" });
      expect(await accounts.checkPassword("ana", "equivocada", "127.0.0.1")).toBeUndefined();
      expect(await accounts.checkPassword("nadie", "equivocada", "127.0.0.1")).toBeUndefined();
      expect((await accounts.checkPassword("ana", "secreto-largo", "127.0.0.1"))?.name).toBe("ana");
      const { token, info } = await accounts.createToken("system", "ana", "portátil");
      expect(token).toMatch(/^agt_[A-Za-z0-9_-]{43}$/);
      expect(await store.tokenAccount(token)).toBeUndefined();
      expect((await store.tokenAccount(secretHash(token)))?.tokenId).toBe(info.id);
      await accounts.revokeToken("system", info.id);
      await accounts.removeUser("system", "ana");
      expect(removed).toEqual(["ana"]);
      expect(audit.entries.map((entry) => [entry.kind, entry.actor, entry.subject ?? entry.outcome])).toEqual(
        [
          ["user_added", "system", "ana"],
          ["sign_in_failed", "ana", "wrong password"],
          ["sign_in_failed", "nadie", "unknown user"],
          ["sign_in", "ana", "ok"],
          ["token_created", "system", "ana"],
          ["token_revoked", "system", "ana"],
          ["user_removed", "system", "ana"],
        ],
      );
      expect(JSON.stringify(audit.entries)).not.toContain(token);
    } finally {
      await store.close();
    }
  });
});
