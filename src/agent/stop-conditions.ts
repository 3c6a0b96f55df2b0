/**
 * When a turn stops short of an answer, as small predicates over the loop's counters (the shape of the AI
 * SDK's `stepCountIs`): each says whether the turn must stop now.
 */

export interface LoopCounters {
  /** Actions that ran a tool and produced an observation so far. */
  stepsDone: number;
  /** Invalid steps in a row (before the step being judged, until it is counted). */
  invalidInARow: number;
}

export type StopCondition = (counters: LoopCounters) => boolean;

/** True once `maxSteps` tool steps have run: the step limit. */
export function isStepCount(maxSteps: number): StopCondition {
  return (counters) => counters.stepsDone >= maxSteps;
}

/** True once the invalid steps in a row exceed the corrections allowed: the model keeps failing. */
export function hasTooManyCorrections(maxCorrections: number): StopCondition {
  return (counters) => counters.invalidInARow > maxCorrections;
}
