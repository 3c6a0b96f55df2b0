/**
 * Who is asking. Every request `agente serve` answers, past the sign-in check, carries the person it acts
 * for: a local account (password), an OpenID Connect sign-in, a personal API token (acting as its owner),
 * or, on a single-person machine, `AGENTE_API_KEY` or loopback without a key (the owner, an admin).
 * Conversations, private memory, approvals and the audit trail all key on `Person.id`.
 */
import type { FastifyRequest } from "fastify";

export type SignInMethod = "password" | "oidc" | "token" | "key" | "local";

export interface Person {
  /** Stable id: the account's id (`users.id`), never reused; `owner` for the key or loopback. */
  id: string;
  /** The name shown to people and written in the audit trail (`ana`, or the IdP's preferred name). */
  name: string;
  /** A role of the `access` section (access-policy.ts). */
  role: string;
  via: SignInMethod;
}

/** The one person of a single-person `agente serve` (API key or loopback without a key). */
export function ownerPerson(via: "key" | "local"): Person {
  return { id: "owner", name: "owner", role: "admin", via };
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the sign-in check (onRequest) on every route but the public ones. */
    person?: Person;
  }
}

/** The person of an authenticated route; a route reached without one is a bug in the sign-in check. */
export function personOf(request: FastifyRequest): Person {
  const person = request.person;
  if (person === undefined) throw new Error(`no signed-in person on ${request.method} ${request.url}`);
  return person;
}
