/**
 * What can be done with accounts, for the CLI (`agente users`, `agente tokens`) and for `agente serve`'s
 * sign-in: each change is checked (names, roles against the access policy, password length), stored, and
 * written to the audit trail. Secrets never leave this file but as the one-time token for its creator.
 */
import { randomBytes } from "node:crypto";
import { localised } from "../../i18n/localised.js";
import { closestWord } from "../../util/closest-word.js";
import { UserError } from "../../util/errors.js";
import { type AccessPolicy, roleNamed } from "./access-policy.js";
import { type Account, type AccountStore, DuplicateNameError, type TokenInfo } from "./account-store.js";
import type { AuditLog } from "./audit-log.js";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./passwords.js";
import { newPersonalToken, newSessionId, newTokenId, secretHash } from "./secret-tokens.js";

export interface AccountsDeps {
  store: AccountStore;
  policy: AccessPolicy;
  audit: AuditLog;
  /**
   * Removes what a removed person owned besides their account (private memory, conversations): the lead
   * wires data-audit's function here. Runs before the account row goes, so a failure leaves the account.
   */
  removePersonData?: (account: Account) => Promise<void>;
  now?: () => Date;
}

/** A sign-in session lasts this long (the cookie's Max-Age too). */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60_000;

const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;

export interface TokenListing extends TokenInfo {
  userName: string;
}

export class Accounts {
  readonly store: AccountStore;
  private readonly deps: AccountsDeps;
  private readonly now: () => Date;
  /** Checked against when the name is unknown, so a wrong name costs as long as a wrong password. */
  private decoy: Promise<string> | undefined;

  constructor(deps: AccountsDeps) {
    this.deps = deps;
    this.store = deps.store;
    this.now = deps.now ?? (() => new Date());
  }

  /** The checks of `addUser` that need no password: the name's form, the role, a name not yet taken. */
  async checkNewUser(name: string, role: string): Promise<void> {
    if (!NAME.test(name)) throw new UserError(localised("team.badName", { name }));
    this.checkRole(role);
    if ((await this.store.userNamed(name)) !== undefined)
      throw new UserError(localised("team.duplicateUser", { name }));
  }

  async addUser(actor: string, input: { name: string; role: string; password: string }): Promise<Account> {
    if (!NAME.test(input.name)) throw new UserError(localised("team.badName", { name: input.name }));
    this.checkRole(input.role);
    checkPassword(input.password);
    let account: Account;
    try {
      account = await this.store.addUser({
        name: input.name,
        role: input.role,
        passwordHash: await hashPassword(input.password),
      });
    } catch (error) {
      if (error instanceof DuplicateNameError)
        throw new UserError(localised("team.duplicateUser", { name: input.name }), { cause: error });
      throw error;
    }
    await this.deps.audit.record({ kind: "user_added", actor, subject: account.name });
    return account;
  }

  users(): Promise<Account[]> {
    return this.store.users();
  }

  /** The account of that name, or a one-line error that names the closest one. */
  async userNamed(name: string): Promise<Account> {
    const account = await this.store.userNamed(name);
    if (account !== undefined) return account;
    const closest = closestWord(
      name,
      (await this.store.users()).map((user) => user.name),
    );
    const suggestion = closest === undefined ? "" : localised("team.didYouMean", { name: closest });
    throw new UserError(localised("team.unknownUser", { name, suggestion }));
  }

  async removeUser(actor: string, name: string): Promise<Account> {
    const account = await this.userNamed(name);
    await this.deps.removePersonData?.(account);
    await this.store.removeUser(account.id);
    await this.deps.audit.record({ kind: "user_removed", actor, subject: account.name });
    return account;
  }

  async changePassword(actor: string, name: string, password: string): Promise<Account> {
    const account = await this.userNamed(name);
    checkPassword(password);
    await this.store.setPassword(account.id, await hashPassword(password));
    // Whoever signed in with the old password (a stolen one, maybe) is signed out.
    await this.store.endSessionsOf(account.id);
    await this.deps.audit.record({ kind: "user_changed", actor, subject: account.name, outcome: "password" });
    return account;
  }

  async changeRole(actor: string, name: string, role: string): Promise<Account> {
    const account = await this.userNamed(name);
    this.checkRole(role);
    await this.store.setRole(account.id, role);
    await this.deps.audit.record({
      kind: "user_changed",
      actor,
      subject: account.name,
      outcome: `role ${role}`,
    });
    return { ...account, role };
  }

  /** A new personal token for the user: returned once, only its hash is kept. */
  async createToken(
    actor: string,
    userName: string,
    label?: string,
  ): Promise<{ token: string; info: TokenInfo; account: Account }> {
    const account = await this.userNamed(userName);
    const token = newPersonalToken();
    const info = await this.store.addToken({
      id: newTokenId(),
      userId: account.id,
      label: label?.trim() || "",
      hash: secretHash(token),
    });
    await this.deps.audit.record({
      kind: "token_created",
      actor,
      subject: account.name,
      outcome: info.id,
      ...(info.label === "" ? {} : { via: info.label }),
    });
    return { token, info, account };
  }

  async tokens(userName?: string): Promise<TokenListing[]> {
    const users = await this.store.users();
    const names = new Map(users.map((user) => [user.id, user.name]));
    const owner = userName === undefined ? undefined : await this.userNamed(userName);
    const tokens = await this.store.tokens(owner?.id);
    return tokens.map((token) => ({ ...token, userName: names.get(token.userId) ?? token.userId }));
  }

  async revokeToken(actor: string, id: string): Promise<TokenListing> {
    const token = (await this.tokens()).find((entry) => entry.id === id);
    if (token === undefined || !(await this.store.revokeToken(id)))
      throw new UserError(localised("team.unknownToken", { id }));
    await this.deps.audit.record({ kind: "token_revoked", actor, subject: token.userName, outcome: id });
    return token;
  }

  /** The account whose password this is, or undefined; sign-ins are written to the audit trail. */
  async checkPassword(name: string, password: string, address: string): Promise<Account | undefined> {
    const account = await this.store.userNamed(name);
    this.decoy ??= hashPassword(randomBytes(16).toString("hex"));
    const matches = await verifyPassword(password, account?.passwordHash ?? (await this.decoy));
    if (account === undefined || !matches) {
      await this.deps.audit.record({
        kind: "sign_in_failed",
        actor: name,
        address,
        via: "password",
        outcome: account === undefined ? "unknown user" : "wrong password",
      });
      return undefined;
    }
    await this.deps.audit.record({
      kind: "sign_in",
      actor: account.name,
      address,
      via: "password",
      outcome: "ok",
    });
    return { id: account.id, name: account.name, role: account.role, createdAt: account.createdAt };
  }

  /**
   * The account of a person a single sign-on provider vouched for (issuer + subject): created at the first
   * sign-in (under their name, or `name@provider` when a local account has it), its role following the
   * provider's groups at every sign-in. Such an account has no password anyone knows.
   */
  async externalAccount(person: {
    issuer: string;
    subject: string;
    name: string;
    role: string;
  }): Promise<Account> {
    this.checkRole(person.role);
    const known = await this.store.externalAccount(person.issuer, person.subject);
    if (known !== undefined) {
      if (known.role === person.role) return known;
      await this.store.setRole(known.id, person.role);
      await this.deps.audit.record({
        kind: "user_changed",
        actor: "oidc",
        subject: known.name,
        outcome: person.role,
      });
      return { ...known, role: person.role };
    }
    const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
    const host = new URL(person.issuer).host;
    const base = NAME.test(person.name) ? person.name : person.subject.replace(/[^\p{L}\p{N}._@-]/gu, "-");
    for (const name of [base, `${base}@${host}`, `${base}@${host}-${person.subject.slice(0, 8)}`]) {
      if ((await this.store.userNamed(name)) !== undefined) continue;
      const account = await this.store.addUser({ name, role: person.role, passwordHash });
      await this.store.linkExternal(account.id, person.issuer, person.subject);
      await this.deps.audit.record({
        kind: "user_added",
        actor: "oidc",
        subject: name,
        outcome: person.role,
      });
      return account;
    }
    throw new UserError(localised("team.duplicateUser", { name: base }));
  }

  /** Starts a sign-in session: the cookie's value (only its hash is stored). */
  async startSession(account: Account): Promise<{ cookieValue: string; maxAgeSeconds: number }> {
    const cookieValue = newSessionId();
    await this.store.addSession({
      idHash: secretHash(cookieValue),
      userId: account.id,
      expiresAt: new Date(this.now().getTime() + SESSION_LIFETIME_MS),
    });
    return { cookieValue, maxAgeSeconds: SESSION_LIFETIME_MS / 1000 };
  }

  async endSession(cookieValue: string, actor: string): Promise<void> {
    await this.store.endSession(secretHash(cookieValue));
    await this.deps.audit.record({ kind: "sign_out", actor });
  }

  sessionAccount(cookieValue: string): Promise<Account | undefined> {
    return this.store.sessionAccount(secretHash(cookieValue), this.now());
  }

  async tokenAccount(token: string): Promise<Account | undefined> {
    return (await this.store.tokenAccount(secretHash(token)))?.account;
  }

  private checkRole(role: string): void {
    try {
      roleNamed(this.deps.policy, role);
    } catch (error) {
      const roles = [...this.deps.policy.roles.keys()].join(", ");
      throw new UserError(localised("team.unknownRole", { role, roles }), { cause: error });
    }
  }
}

function checkPassword(password: string): void {
  if (password === "") throw new UserError(localised("team.emptyPassword", { min: MIN_PASSWORD_LENGTH }));
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    throw new UserError(localised("team.shortPassword", { length, min: MIN_PASSWORD_LENGTH }));
}
