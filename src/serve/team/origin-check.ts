/**
 * Cross-site request forgery: a browser sends the page's cookie with a request another site makes it send.
 * A state-changing request (POST, PUT, PATCH, DELETE) signed in by a cookie must therefore carry an
 * `Origin` naming this server (the `Host` it was sent to) or the configured CORS origin. Requests signed in
 * by a bearer token are exempt: no browser adds that header on its own.
 *
 * The page is served with `Referrer-Policy: no-referrer`, under which browsers send `Origin: null` even on
 * the page's own form posts and fetches; those are told apart by `Sec-Fetch-Site: same-origin`, a header
 * that browsers set themselves and no script can.
 */
import type { FastifyRequest } from "fastify";
import { sameOrigin } from "../host-check.js";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function changesState(method: string): boolean {
  return STATE_CHANGING.has(method);
}

/** Whether `origin` may send this request: absent origins only when `allowMissing`. */
export function originAllowed(
  request: FastifyRequest,
  corsOrigin: string | undefined,
  allowMissing: boolean,
): boolean {
  const origin = request.headers.origin;
  if ((origin === undefined || origin === "null") && request.headers["sec-fetch-site"] === "same-origin")
    return true;
  if (origin === undefined) return allowMissing;
  if (corsOrigin !== undefined && origin === corsOrigin) return true;
  return sameOrigin(origin, request.host);
}
