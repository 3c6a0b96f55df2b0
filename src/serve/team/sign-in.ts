/**
 * Who a request of `agente serve` acts for (AppDeps.identify), in this order:
 * 1. `Authorization: Bearer agt_…`: a personal token acts as its owner (a wrong or revoked one: nobody);
 * 2. `Authorization: Bearer <AGENTE_API_KEY>`: the owner, an admin;
 * 3. the page's sign-in cookie (`agente_session`, a row in the account store), then the key's cookie;
 * 4. on loopback without a key, while there are no accounts: the owner, as for one person on one machine.
 * Once accounts exist, everything but the public routes needs one of the first three.
 */
import type { FastifyRequest } from "fastify";
import { bearerToken, callerOf, cookieValue } from "../auth.js";
import type { Account } from "./account-store.js";
import type { Accounts } from "./accounts.js";
import { ownerPerson, type Person } from "./person.js";
import { looksLikePersonalToken } from "./secret-tokens.js";

/** The page's sign-in cookie of a local account (its value's hash is a row of the account store). */
export const ACCOUNT_COOKIE = "agente_session";

export interface SignInIdentityOptions {
  accounts: Accounts;
  apiKey?: string;
  /** Whether a request without any sign-in is the owner while there are no accounts (loopback, no key). */
  loopbackOwner: boolean;
}

export function personOfAccount(account: Account, via: Person["via"]): Person {
  return { id: account.id, name: account.name, role: account.role, via };
}

export function signInIdentity(
  options: SignInIdentityOptions,
): (request: FastifyRequest) => Promise<Person | undefined> {
  const { accounts, apiKey } = options;
  return async (request) => {
    const bearer = bearerToken(request);
    if (bearer !== undefined && looksLikePersonalToken(bearer)) {
      const account = await accounts.tokenAccount(bearer);
      return account === undefined ? undefined : personOfAccount(account, "token");
    }
    const session = cookieValue(request, ACCOUNT_COOKIE);
    if (session !== undefined && session !== "") {
      const account = await accounts.sessionAccount(session);
      if (account !== undefined) return personOfAccount(account, "password");
    }
    if (apiKey !== undefined) return callerOf(request, apiKey) === undefined ? undefined : ownerPerson("key");
    if (options.loopbackOwner && !(await accounts.store.hasUsers())) return ownerPerson("local");
    return undefined;
  };
}

/** Whether the request proved who it is with a bearer token (exempt from the Origin check). */
export function signedInByBearer(request: FastifyRequest): boolean {
  return bearerToken(request) !== undefined;
}
