/**
 * The random secrets of sign-in: personal API tokens (`agt_…`, recognizable in a leaked log or a secret
 * scanner), their short public ids, and the page's session ids. The store keeps only SHA-256 of a token or
 * a session id: 256 random bits need no slow hash, and a lookup by hash leaks nothing by its timing.
 */
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "agt_";

export function newPersonalToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function newTokenId(): string {
  return `tok_${randomBytes(6).toString("hex")}`;
}

export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

export function secretHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function looksLikePersonalToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX);
}
