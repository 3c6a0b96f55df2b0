/**
 * The error hierarchy. Every error agente raises on purpose is an `AgenteError`, so the CLI can print
 * its one-line `message` (plus `hint`, what to do) and keep the stack for `--debug`.
 *
 * Three families, after whose fault it is:
 * - `UserError`: bad config, bad flags, bad input. The user fixes it.
 * - `ModelError`: the model produced something unusable (bad action, unknown tool).
 * - `SystemError`: a server, a model provider or the network failed. Retrying or starting it may help.
 *
 * The message and hint may be given as catalogue text (`localised(key, params)`): `message` and `hint`
 * then hold the English rendering (for logs, traces, `--json` and the model), and `text` / `hintText`
 * keep the key so the CLI can print it in the user's language.
 */
import { inEnglish, type LocalisedText } from "../i18n/localised.js";

export interface AgenteErrorOptions {
  cause?: unknown;
  hint?: string | LocalisedText;
}

export class AgenteError extends Error {
  /** One short sentence that says what to do about it, shown after the message. */
  readonly hint: string | undefined;
  /** The message as catalogue text, when it was given so. */
  readonly text: LocalisedText | undefined;
  /** The hint as catalogue text, when it was given so. */
  readonly hintText: LocalisedText | undefined;

  constructor(message: string | LocalisedText, options: AgenteErrorOptions = {}) {
    super(
      typeof message === "string" ? message : inEnglish(message),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = new.target.name;
    this.text = typeof message === "string" ? undefined : message;
    this.hint = typeof options.hint === "object" ? inEnglish(options.hint) : options.hint;
    this.hintText = typeof options.hint === "object" ? options.hint : undefined;
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
