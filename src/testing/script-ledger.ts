/**
 * Keeps the scripted models a test made, so the test can end by checking that each used every reply it
 * was given (`settle`). The test setup (test/support/unconsumed-replies.ts) settles after every test, so
 * no test has to remember to; a benchmark or the eval that scripts a list can settle when it is done.
 */
import { UnconsumedRepliesError } from "./unconsumed-replies-error.js";

/** What the ledger asks of a double: how many replies are left, and how many calls were made. */
export interface ScriptedDouble {
  readonly double: string;
  remaining(): number;
  calls(): number;
}

export class ScriptLedger {
  readonly #doubles = new Set<ScriptedDouble>();

  add(double: ScriptedDouble): void {
    this.#doubles.add(double);
  }

  /** Forgets every double kept so far, and throws for the first that left replies unused. */
  settle(): void {
    const doubles = [...this.#doubles];
    this.#doubles.clear();
    for (const double of doubles) {
      const remaining = double.remaining();
      if (remaining > 0) throw new UnconsumedRepliesError(double.double, remaining, double.calls());
    }
  }
}

/** The ledger every `ScriptedModel` with a list script joins. */
export const scriptLedger = new ScriptLedger();
