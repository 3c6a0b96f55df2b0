/**
 * The one error type of the Odoo layer. Every failure, whichever transport it came from, becomes an
 * `OdooError` with a `kind` the tools can act on and a one-line `message` + `hint` that a person (or a
 * 1B model) can act on. Messages never carry the password, the API key or a server traceback.
 */
import type { LocalisedText } from "../i18n/localised.js";
import { AgenteError } from "../util/errors.js";

export type OdooErrorKind =
  /** Login, password or API key refused. */
  | "credentials"
  /** The model does not exist in this database (module not installed). */
  | "unknown-model"
  /** A field does not exist on the model in this Odoo version. */
  | "unknown-field"
  /** The user may not read or write these records. */
  | "access-denied"
  /** Odoo refused the values (a UserError / ValidationError). */
  | "validation"
  /** A record, method or endpoint that is not there. */
  | "not-found"
  /** Odoo could not be reached (connection refused, DNS, reset). */
  | "unreachable"
  /** Odoo did not answer within the configured time. */
  | "timeout"
  /** Odoo answered with an internal error. */
  | "server-error"
  /** Odoo answered something that is neither the expected result nor an error. */
  | "protocol"
  /** agente's own safety rules refused the request (model not allowed, denied field, writes off). */
  | "not-allowed"
  /** A structured filter that does not fit the model's fields or the operator list. */
  | "bad-filter"
  /** The caller cancelled the call (MCP `notifications/cancelled`) before Odoo answered. */
  | "cancelled";

export class OdooError extends AgenteError {
  readonly kind: OdooErrorKind;
  /** True when repeating the same read may succeed (network trouble, 502/503/504). */
  readonly retryable: boolean;

  constructor(
    kind: OdooErrorKind,
    message: string | LocalisedText,
    options: { hint?: string | LocalisedText; cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, { hint: options.hint, cause: options.cause });
    this.kind = kind;
    this.retryable = options.retryable ?? false;
  }
}

/** `message — hint`, the one line a tool result shows. */
export function describeOdooError(error: OdooError): string {
  return error.hint === undefined ? error.message : `${error.message} ${error.hint}`;
}
