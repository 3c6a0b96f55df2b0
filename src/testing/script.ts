/**
 * A script for a test double, as the Vercel AI SDK's mock model takes it: one value for every call, a
 * function of the call, or a list with one entry per call (each entry a value or a function). Running
 * out of a list throws `ScriptExhaustedError`.
 */
import { ScriptExhaustedError } from "./script-exhausted-error.js";

export type ScriptEntry<Input, Reply> = Reply | ((input: Input) => Reply);

export type Script<Input, Reply> = ScriptEntry<Input, Reply> | Array<ScriptEntry<Input, Reply>>;

/** Hands out the replies of a script, one per call. */
export class ScriptPlayer<Input, Reply> {
  readonly #double: string;
  readonly #queue: Array<ScriptEntry<Input, Reply>> | undefined;
  readonly #every: ScriptEntry<Input, Reply> | undefined;
  #calls = 0;

  constructor(double: string, script: Script<Input, Reply>) {
    this.#double = double;
    if (Array.isArray(script)) this.#queue = [...script];
    else this.#every = script;
  }

  /** The reply to the next call. */
  next(input: Input): Reply {
    this.#calls += 1;
    const entry = this.#queue === undefined ? this.#every : this.#queue.shift();
    if (entry === undefined) throw new ScriptExhaustedError(this.#double, this.#calls);
    return typeof entry === "function" ? (entry as (input: Input) => Reply)(input) : entry;
  }

  /** Entries of a list script not used yet (a test that scripted too many left some); 0 for one value. */
  remaining(): number {
    return this.#queue?.length ?? 0;
  }

  /** Whether the script is a list (one reply a call), so leftovers can be counted. */
  isList(): boolean {
    return this.#queue !== undefined;
  }

  /** Calls made so far. */
  calls(): number {
    return this.#calls;
  }
}
