/**
 * A turn's slot under the per-key limit, for both APIs that start turns (the web chat's and OpenAI's):
 * the slot's release, or `undefined` once the caller at its limit has been answered 429.
 */
import type { FastifyReply } from "fastify";
import { sendApiError } from "./api-error.js";
import type { TurnLimiter } from "./turn-limiter.js";

export function acquireTurnSlot(
  limiter: TurnLimiter,
  caller: string,
  reply: FastifyReply,
): (() => void) | undefined {
  const release = limiter.acquire(caller);
  if (release === undefined)
    sendApiError(reply, 429, "too many turns at once for this key: wait for one to end", "rate_limit_error");
  return release;
}
