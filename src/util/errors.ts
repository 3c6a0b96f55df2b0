/**
 * The error hierarchy. Every error agente raises on purpose is an `AgenteError`, so the CLI can print
 * its one-line `message` (plus `hint`, what to do) and keep the stack for `--debug`.
 *
 * Three families, after whose fault it is:
 * - `UserError`: bad config, bad flags, bad input. The user fixes it.
 * - `ModelError`: the model produced something unusable (bad action, unknown tool).
 * - `SystemError`: a server, a model provider or the network failed. Retrying or starting it may help.
 */
export class AgenteError extends Error {
  /** One short sentence that says what to do about it, shown after the message. */
  readonly hint: string | undefined;

  constructor(message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

export class UserError extends AgenteError {}

export class ModelError extends AgenteError {}

export class SystemError extends AgenteError {}

/** The message of anything thrown, for one-line reports. Never includes a stack. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
