/**
 * Slows password guessing: wrong sign-ins are counted per client address and per account name. After
 * `maxFailures` wrong ones in a row on either, further attempts are refused (HTTP 429 with Retry-After)
 * without checking the password, until the window since the first of them has passed; a right password
 * clears both counts.
 *
 * Why not `@fastify/rate-limit`: it counts every request in a window, while this must count only failures
 * in a row and forget them on a success, keyed on two things at once (the address and the name in the body).
 * The counts live in this process: a replica counts its own.
 */

export interface LoginLimiterOptions {
  /** Wrong attempts in a row that are answered; the next is refused. */
  maxFailures: number;
  windowMs: number;
  /** Counters kept at most; the oldest go first. */
  maxKeys?: number;
  now?: () => number;
}

interface Failures {
  count: number;
  since: number;
}

export const DEFAULT_LOGIN_LIMITS = { maxFailures: 19, windowMs: 15 * 60_000 } as const;

export class LoginLimiter {
  private readonly failures = new Map<string, Failures>();
  private readonly options: Required<LoginLimiterOptions>;

  constructor(options: LoginLimiterOptions = DEFAULT_LOGIN_LIMITS) {
    this.options = { maxKeys: 10_000, now: () => Date.now(), ...options };
  }

  /** Seconds to wait when an attempt by these keys must be refused now, else undefined. */
  refusedFor(keys: readonly string[]): number | undefined {
    const now = this.options.now();
    let wait = 0;
    for (const key of keys) {
      const entry = this.current(key, now);
      if (entry !== undefined && entry.count >= this.options.maxFailures)
        wait = Math.max(wait, entry.since + this.options.windowMs - now);
    }
    return wait > 0 ? Math.ceil(wait / 1000) : undefined;
  }

  failed(keys: readonly string[]): void {
    const now = this.options.now();
    for (const key of keys) {
      const entry = this.current(key, now) ?? { count: 0, since: now };
      entry.count += 1;
      this.failures.delete(key);
      this.failures.set(key, entry);
    }
    while (this.failures.size > this.options.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  succeeded(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private current(key: string, now: number): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry !== undefined && now - entry.since >= this.options.windowMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }
}
