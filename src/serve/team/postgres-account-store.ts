/**
 * Accounts in PostgreSQL, in the conversation store's database (`AGENTE_MEMORY_URL`), so every replica
 * of `agente serve` knows the same people, sessions and tokens.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { z } from "zod";
import {
  type Account,
  type AccountStore,
  type AccountWithPassword,
  accountFromRow,
  accountRow,
  accountWithPasswordFromRow,
  DuplicateNameError,
  type NewToken,
  type TokenInfo,
  tokenFromRow,
} from "./account-store.js";

/** The advisory lock's first key while creating the tables (apart from the conversations' 41_712). */
const LOCK_CLASS = 41_713;

const SCHEMA = `
create table if not exists agente_users (
  id text primary key, name text not null unique, role text not null, password_hash text not null,
  created_at timestamptz not null default now()
);
create table if not exists agente_sign_in_sessions (
  id_hash text primary key,
  user_id text not null references agente_users(id) on delete cascade,
  created_at timestamptz not null default now(), expires_at timestamptz not null
);
create index if not exists agente_sign_in_sessions_by_user on agente_sign_in_sessions(user_id);
create table if not exists agente_tokens (
  id text primary key,
  user_id text not null references agente_users(id) on delete cascade,
  label text not null, hash text not null unique, created_at timestamptz not null default now()
);
create index if not exists agente_tokens_by_user on agente_tokens(user_id);
create table if not exists agente_external_identities (
  issuer text not null, subject text not null,
  user_id text not null references agente_users(id) on delete cascade,
  primary key (issuer, subject)
);
`;

const tokenAccountRow = accountRow.extend({ token_id: z.string() });
const UNIQUE_VIOLATION = "23505";

export class PostgresAccountStore implements AccountStore {
  readonly kind = "postgres";
  private readonly pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  static async connect(options: { url: string; maxConnections?: number }): Promise<PostgresAccountStore> {
    const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 5 });
    // An idle client's network error must not crash the process; the next query reports it.
    pool.on("error", () => {});
    const client = await pool.connect();
    try {
      // Two replicas starting together must not race on `create table`.
      await client.query("select pg_advisory_lock($1, 0)", [LOCK_CLASS]);
      await client.query(SCHEMA);
      await client.query("select pg_advisory_unlock($1, 0)", [LOCK_CLASS]);
    } catch (error) {
      client.release();
      await pool.end();
      throw error;
    }
    client.release();
    return new PostgresAccountStore(pool);
  }

  async addUser(input: { name: string; role: string; passwordHash: string }): Promise<Account> {
    try {
      const result = await this.pool.query(
        "insert into agente_users (id, name, role, password_hash) values ($1, $2, $3, $4) returning *",
        [randomUUID(), input.name, input.role, input.passwordHash],
      );
      return accountFromRow(result.rows[0]);
    } catch (error) {
      const code = error instanceof Error && "code" in error ? error.code : undefined;
      if (code === UNIQUE_VIOLATION) throw new DuplicateNameError(input.name);
      throw error;
    }
  }

  async users(): Promise<Account[]> {
    const result = await this.pool.query("select * from agente_users order by created_at, name");
    return result.rows.map(accountFromRow);
  }

  async hasUsers(): Promise<boolean> {
    const result = await this.pool.query("select 1 from agente_users limit 1");
    return result.rows.length > 0;
  }

  async userNamed(name: string): Promise<AccountWithPassword | undefined> {
    const result = await this.pool.query("select * from agente_users where name = $1", [name]);
    return result.rows[0] === undefined ? undefined : accountWithPasswordFromRow(result.rows[0]);
  }

  async userById(id: string): Promise<Account | undefined> {
    const result = await this.pool.query("select * from agente_users where id = $1", [id]);
    return result.rows[0] === undefined ? undefined : accountFromRow(result.rows[0]);
  }

  async externalAccount(issuer: string, subject: string): Promise<Account | undefined> {
    const result = await this.pool.query(
      `select agente_users.* from agente_external_identities
       join agente_users on agente_users.id = agente_external_identities.user_id
       where agente_external_identities.issuer = $1 and agente_external_identities.subject = $2`,
      [issuer, subject],
    );
    return result.rows[0] === undefined ? undefined : accountFromRow(result.rows[0]);
  }

  async linkExternal(userId: string, issuer: string, subject: string): Promise<void> {
    await this.pool.query(
      "insert into agente_external_identities (issuer, subject, user_id) values ($1, $2, $3)",
      [issuer, subject, userId],
    );
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.pool.query("update agente_users set password_hash = $1 where id = $2", [passwordHash, userId]);
  }

  async setRole(userId: string, role: string): Promise<void> {
    await this.pool.query("update agente_users set role = $1 where id = $2", [role, userId]);
  }

  async removeUser(userId: string): Promise<boolean> {
    const result = await this.pool.query("delete from agente_users where id = $1", [userId]);
    return (result.rowCount ?? 0) > 0;
  }

  async addSession(input: { idHash: string; userId: string; expiresAt: Date }): Promise<void> {
    await this.pool.query(
      "insert into agente_sign_in_sessions (id_hash, user_id, expires_at) values ($1, $2, $3)",
      [input.idHash, input.userId, input.expiresAt],
    );
  }

  async sessionAccount(idHash: string, now: Date): Promise<Account | undefined> {
    const result = await this.pool.query(
      `select agente_users.* from agente_sign_in_sessions s join agente_users on agente_users.id = s.user_id
       where s.id_hash = $1 and s.expires_at > $2`,
      [idHash, now],
    );
    return result.rows[0] === undefined ? undefined : accountFromRow(result.rows[0]);
  }

  async endSession(idHash: string): Promise<void> {
    await this.pool.query("delete from agente_sign_in_sessions where id_hash = $1 or expires_at <= now()", [
      idHash,
    ]);
  }

  async endSessionsOf(userId: string): Promise<void> {
    await this.pool.query("delete from agente_sign_in_sessions where user_id = $1", [userId]);
  }

  async addToken(token: NewToken): Promise<TokenInfo> {
    const result = await this.pool.query(
      "insert into agente_tokens (id, user_id, label, hash) values ($1, $2, $3, $4) returning *",
      [token.id, token.userId, token.label, token.hash],
    );
    return tokenFromRow(result.rows[0]);
  }

  async tokenAccount(hash: string): Promise<{ account: Account; tokenId: string } | undefined> {
    const result = await this.pool.query(
      `select agente_users.*, t.id as token_id from agente_tokens t
       join agente_users on agente_users.id = t.user_id where t.hash = $1`,
      [hash],
    );
    const row: unknown = result.rows[0];
    if (row === undefined) return undefined;
    return { account: accountFromRow(row), tokenId: tokenAccountRow.parse(row).token_id };
  }

  async tokens(userId?: string): Promise<TokenInfo[]> {
    const result =
      userId === undefined
        ? await this.pool.query("select * from agente_tokens order by created_at, id")
        : await this.pool.query("select * from agente_tokens where user_id = $1 order by created_at, id", [
            userId,
          ]);
    return result.rows.map(tokenFromRow);
  }

  async revokeToken(id: string): Promise<boolean> {
    const result = await this.pool.query("delete from agente_tokens where id = $1", [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
