/**
 * When each request reached the app, for the `Server-Timing` header (the server's own time apart from the
 * agent loop). Fastify's `reply.elapsedTime` only counts with a logger or `onResponse` hooks, which cost
 * more than this one hook.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";

const arrivals = new WeakMap<object, number>();

/** Registers the hook; call it first, so the time counts from before any other hook. */
export function trackRequestTimes(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    arrivals.set(request.raw, performance.now());
  });
}

/** Milliseconds since the request reached the app (0 when it was not tracked). */
export function requestElapsedMs(request: FastifyRequest): number {
  const arrived = arrivals.get(request.raw);
  return arrived === undefined ? 0 : performance.now() - arrived;
}
