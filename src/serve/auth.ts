/**
 * The API key check. With `AGENTE_API_KEY` set, every route but `/health` (and the login form) needs it:
 * as `Authorization: Bearer <key>`, or as the cookie the page's login sets. The cookie holds a hash of
 * the key, never the key, and is HttpOnly and SameSite=Strict.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";

export const SESSION_COOKIE = "agente_key";

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** The cookie value for a key. */
export function cookieToken(apiKey: string): string {
  return createHash("sha256").update(`agente-cookie:${apiKey}`).digest("hex");
}

export function sessionCookie(apiKey: string, secure: boolean): string {
  const attributes = ["Path=/", "HttpOnly", "SameSite=Strict", "Max-Age=2592000"];
  if (secure) attributes.push("Secure");
  return `${SESSION_COOKIE}=${cookieToken(apiKey)}; ${attributes.join("; ")}`;
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1]?.trim();
}

export function cookieValue(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Who is asking, for the per-key concurrency limit, or undefined when the key is required and missing or
 * wrong. Without a configured key every request is the same caller.
 */
export function callerOf(request: FastifyRequest, apiKey: string | undefined): string | undefined {
  if (apiKey === undefined) return "local";
  const bearer = bearerToken(request);
  if (bearer !== undefined && sameSecret(bearer, apiKey)) return "key";
  const cookie = cookieValue(request, SESSION_COOKIE);
  if (cookie !== undefined && sameSecret(cookie, cookieToken(apiKey))) return "key";
  return undefined;
}
