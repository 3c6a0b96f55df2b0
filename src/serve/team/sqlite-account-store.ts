/**
 * Accounts in SQLite: three tables in `conversations.db`, beside the conversations (one file to back up).
 * Statements are prepared once: the sign-in check runs one on every request.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
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

const SCHEMA = `
create table if not exists users (
  id text primary key, name text not null unique, role text not null, password_hash text not null,
  created_at text not null
);
create table if not exists sign_in_sessions (
  id_hash text primary key,
  user_id text not null references users(id) on delete cascade,
  created_at text not null, expires_at text not null
);
create index if not exists sign_in_sessions_by_user on sign_in_sessions(user_id);
create table if not exists tokens (
  id text primary key,
  user_id text not null references users(id) on delete cascade,
  label text not null, hash text not null unique, created_at text not null
);
create index if not exists tokens_by_user on tokens(user_id);
create table if not exists external_identities (
  issuer text not null, subject text not null,
  user_id text not null references users(id) on delete cascade,
  primary key (issuer, subject)
);
`;

const tokenAccountRow = accountRow.extend({ token_id: z.string() });

export class SqliteAccountStore implements AccountStore {
  readonly kind = "sqlite";
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly now: () => Date;

  constructor(options: { path: string; now?: () => Date }) {
    if (options.path !== ":memory:") mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    // Removing a user removes their sessions and tokens through the foreign keys.
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    try {
      this.db.exec(SCHEMA);
    } catch (error) {
      // A conversation store that cannot be written is said by the conversation store (at start and on
      // /health), and serve goes on; a file without the tables then simply has no accounts.
      const code = error instanceof Error && "code" in error ? error.code : undefined;
      if (code !== "SQLITE_READONLY" || this.tableExists("users")) throw error;
      this.withoutTables = true;
    }
    this.now = options.now ?? (() => new Date());
  }

  /** A read-only file made before accounts existed: no accounts, and none can be added. */
  private readonly withoutTables: boolean = false;

  private tableExists(name: string): boolean {
    return (
      this.db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined
    );
  }

  async addUser(input: { name: string; role: string; passwordHash: string }): Promise<Account> {
    const account = {
      id: randomUUID(),
      name: input.name,
      role: input.role,
      createdAt: this.now().toISOString(),
    };
    try {
      this.statement(
        "insert into users (id, name, role, password_hash, created_at) values (?, ?, ?, ?, ?)",
      ).run(account.id, account.name, account.role, input.passwordHash, account.createdAt);
    } catch (error) {
      const code = error instanceof Error && "code" in error ? error.code : undefined;
      if (code === "SQLITE_CONSTRAINT_UNIQUE") throw new DuplicateNameError(input.name);
      throw error;
    }
    return account;
  }

  async users(): Promise<Account[]> {
    return this.statement("select * from users order by created_at, name").all().map(accountFromRow);
  }

  async hasUsers(): Promise<boolean> {
    if (this.withoutTables) return false;
    return this.statement("select 1 from users limit 1").get() !== undefined;
  }

  async userNamed(name: string): Promise<AccountWithPassword | undefined> {
    const row = this.statement("select * from users where name = ?").get(name);
    return row === undefined ? undefined : accountWithPasswordFromRow(row);
  }

  async userById(id: string): Promise<Account | undefined> {
    const row = this.statement("select * from users where id = ?").get(id);
    return row === undefined ? undefined : accountFromRow(row);
  }

  async externalAccount(issuer: string, subject: string): Promise<Account | undefined> {
    if (this.withoutTables) return undefined;
    const row = this.statement(
      `select users.* from external_identities join users on users.id = external_identities.user_id
       where external_identities.issuer = ? and external_identities.subject = ?`,
    ).get(issuer, subject);
    return row === undefined ? undefined : accountFromRow(row);
  }

  async linkExternal(userId: string, issuer: string, subject: string): Promise<void> {
    this.statement("insert into external_identities (issuer, subject, user_id) values (?, ?, ?)").run(
      issuer,
      subject,
      userId,
    );
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    this.statement("update users set password_hash = ? where id = ?").run(passwordHash, userId);
  }

  async setRole(userId: string, role: string): Promise<void> {
    this.statement("update users set role = ? where id = ?").run(role, userId);
  }

  async removeUser(userId: string): Promise<boolean> {
    return this.statement("delete from users where id = ?").run(userId).changes > 0;
  }

  async addSession(input: { idHash: string; userId: string; expiresAt: Date }): Promise<void> {
    this.statement(
      "insert into sign_in_sessions (id_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)",
    ).run(input.idHash, input.userId, this.now().toISOString(), input.expiresAt.toISOString());
  }

  async sessionAccount(idHash: string, now: Date): Promise<Account | undefined> {
    if (this.withoutTables) return undefined;
    const row = this.statement(
      `select users.* from sign_in_sessions join users on users.id = sign_in_sessions.user_id
       where sign_in_sessions.id_hash = ? and sign_in_sessions.expires_at > ?`,
    ).get(idHash, now.toISOString());
    return row === undefined ? undefined : accountFromRow(row);
  }

  async endSession(idHash: string): Promise<void> {
    this.statement("delete from sign_in_sessions where id_hash = ?").run(idHash);
    // Expired rows go too, so the table does not grow with every sign-in ever made.
    this.statement("delete from sign_in_sessions where expires_at <= ?").run(this.now().toISOString());
  }

  async endSessionsOf(userId: string): Promise<void> {
    this.statement("delete from sign_in_sessions where user_id = ?").run(userId);
  }

  async addToken(token: NewToken): Promise<TokenInfo> {
    const createdAt = this.now().toISOString();
    this.statement("insert into tokens (id, user_id, label, hash, created_at) values (?, ?, ?, ?, ?)").run(
      token.id,
      token.userId,
      token.label,
      token.hash,
      createdAt,
    );
    return { id: token.id, userId: token.userId, label: token.label, createdAt };
  }

  async tokenAccount(hash: string): Promise<{ account: Account; tokenId: string } | undefined> {
    if (this.withoutTables) return undefined;
    const row = this.statement(
      "select users.*, tokens.id as token_id from tokens join users on users.id = tokens.user_id where tokens.hash = ?",
    ).get(hash);
    if (row === undefined) return undefined;
    return { account: accountFromRow(row), tokenId: tokenAccountRow.parse(row).token_id };
  }

  async tokens(userId?: string): Promise<TokenInfo[]> {
    const rows =
      userId === undefined
        ? this.statement("select * from tokens order by created_at, id").all()
        : this.statement("select * from tokens where user_id = ? order by created_at, id").all(userId);
    return rows.map(tokenFromRow);
  }

  async revokeToken(id: string): Promise<boolean> {
    return this.statement("delete from tokens where id = ?").run(id).changes > 0;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
