/**
 * The accounts of a team on one `agente serve`: people (local accounts with a password), their sign-in
 * sessions (the page's cookie) and their personal API tokens. Stored beside the conversations: in
 * `conversations.db` (SQLite), or in the conversation store's PostgreSQL database.
 *
 * Only hashes of secrets are stored: the password's scrypt hash (passwords.ts), and SHA-256 of a session
 * id or a token (secret-tokens.ts). Removing a user removes their sessions and tokens with them.
 */
import { z } from "zod";

export interface Account {
  /** Stable and never reused (a random UUID): conversations, memory and the audit trail key on it. */
  id: string;
  name: string;
  /** A role of the `access` section (access-policy.ts). */
  role: string;
  /** ISO 8601. */
  createdAt: string;
}

export interface AccountWithPassword extends Account {
  /** `scrypt$N$r$p$salt$hash` (passwords.ts). */
  passwordHash: string;
}

export interface TokenInfo {
  /** Short and public: what `tokens list` shows and `tokens revoke` takes. */
  id: string;
  userId: string;
  label: string;
  createdAt: string;
}

export interface NewToken {
  id: string;
  userId: string;
  label: string;
  /** SHA-256 of the token, hex. */
  hash: string;
}

export interface AccountStore {
  readonly kind: "sqlite" | "postgres";
  /** Throws `DuplicateNameError` when the name is taken. */
  addUser(input: { name: string; role: string; passwordHash: string }): Promise<Account>;
  /** Oldest first. */
  users(): Promise<Account[]>;
  hasUsers(): Promise<boolean>;
  userNamed(name: string): Promise<AccountWithPassword | undefined>;
  userById(id: string): Promise<Account | undefined>;
  /** The account a single sign-on identity (the provider's issuer and subject) was linked to. */
  externalAccount(issuer: string, subject: string): Promise<Account | undefined>;
  linkExternal(userId: string, issuer: string, subject: string): Promise<void>;
  setPassword(userId: string, passwordHash: string): Promise<void>;
  setRole(userId: string, role: string): Promise<void>;
  /** Removes the user with their sessions and tokens; false when there was no such user. */
  removeUser(userId: string): Promise<boolean>;

  /** A sign-in session: `idHash` is SHA-256 of the cookie's value. */
  addSession(input: { idHash: string; userId: string; expiresAt: Date }): Promise<void>;
  /** The account of a session that has not expired. */
  sessionAccount(idHash: string, now: Date): Promise<Account | undefined>;
  endSession(idHash: string): Promise<void>;
  /** Ends every sign-in session of the user (a new password signs out the old ones). */
  endSessionsOf(userId: string): Promise<void>;

  addToken(token: NewToken): Promise<TokenInfo>;
  /** The account a token acts for, by the token's hash. */
  tokenAccount(hash: string): Promise<{ account: Account; tokenId: string } | undefined>;
  /** Every token, or one user's; oldest first. */
  tokens(userId?: string): Promise<TokenInfo[]>;
  /** False when there was no such token. */
  revokeToken(id: string): Promise<boolean>;

  close(): Promise<void>;
}

export class DuplicateNameError extends Error {
  readonly userName: string;
  constructor(userName: string) {
    super(`a user named "${userName}" already exists`);
    this.name = new.target.name;
    this.userName = userName;
  }
}

const time = z.union([z.string(), z.date()]).transform((value) => new Date(value).toISOString());

export const accountRow = z.looseObject({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  created_at: time,
});

export const accountWithPasswordRow = accountRow.extend({ password_hash: z.string() });

export const tokenRow = z.looseObject({
  id: z.string(),
  user_id: z.string(),
  label: z.string(),
  created_at: time,
});

export function accountFromRow(row: unknown): Account {
  const parsed = accountRow.parse(row);
  return { id: parsed.id, name: parsed.name, role: parsed.role, createdAt: parsed.created_at };
}

export function accountWithPasswordFromRow(row: unknown): AccountWithPassword {
  const parsed = accountWithPasswordRow.parse(row);
  return { ...accountFromRow(parsed), passwordHash: parsed.password_hash };
}

export function tokenFromRow(row: unknown): TokenInfo {
  const parsed = tokenRow.parse(row);
  return { id: parsed.id, userId: parsed.user_id, label: parsed.label, createdAt: parsed.created_at };
}
