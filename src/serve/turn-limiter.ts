/**
 * At most `limit` turns at once per caller (per API key): one client cannot take every model slot.
 * A turn over the limit is refused at once with 429, as OpenAI does, rather than queued without bound.
 * The count is per replica; a load balancer in front of several replicas spreads it.
 */
export class TurnLimiter {
  private readonly running = new Map<string, number>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** A release function, or undefined when `caller` is at its limit. */
  acquire(caller: string): (() => void) | undefined {
    const count = this.running.get(caller) ?? 0;
    if (count >= this.limit) return undefined;
    this.running.set(caller, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(caller) ?? 1) - 1;
      if (left <= 0) this.running.delete(caller);
      else this.running.set(caller, left);
    };
  }
}
