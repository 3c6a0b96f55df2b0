/**
 * A scripted test double was left with replies no call used: the test scripted more than the code asked
 * for, so it does not test what it says (as openai-agents-js's `UnconsumedModelStepsError`).
 */
export class UnconsumedRepliesError extends Error {
  override readonly name = "UnconsumedRepliesError";
  /** Which double: `ScriptedModel`. */
  readonly double: string;
  /** How many scripted replies were never handed out. */
  readonly remaining: number;

  constructor(double: string, remaining: number, calls: number) {
    super(
      `${double}: ${remaining} scripted ${remaining === 1 ? "reply was" : "replies were"} never used (${calls} calls made)`,
    );
    this.double = double;
    this.remaining = remaining;
  }
}
