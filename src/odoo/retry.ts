/**
 * Retries a read when the failure says a retry may work (`OdooError.retryable`: network trouble,
 * HTTP 502/503/504), with exponential backoff. Writes never go through here: a write that reached Odoo
 * before the connection dropped must not run twice.
 */
import { OdooError } from "./odoo-error.js";

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  /** Delay before the second attempt; doubles each time. */
  baseDelayMs: number;
  sleep: (milliseconds: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 250,
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

export async function withRetry<T>(operation: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const retryable = error instanceof OdooError && error.retryable;
      if (!retryable || attempt >= policy.attempts) throw error;
      await policy.sleep(policy.baseDelayMs * 2 ** (attempt - 1));
    }
  }
}
