/** A scripted test double was called more times than its script has replies. */
export class ScriptExhaustedError extends Error {
  override readonly name = "ScriptExhaustedError";
  /** Which double ran out: `ScriptedModel`, `scripted Ollama`. */
  readonly double: string;
  /** The 1-based number of the call that found no reply. */
  readonly call: number;

  constructor(double: string, call: number) {
    super(`${double}: no reply scripted for call ${call}`);
    this.double = double;
    this.call = call;
  }
}
