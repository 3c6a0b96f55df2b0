/**
 * A single sign-on that did not finish, with why, in the terms the person is told: the provider could not
 * be reached, it (or the person) refused, or its answer did not pass the checks. The message is for logs
 * and never holds the client secret; the page says `reason` in the person's language.
 */
import { SystemError } from "../../util/errors.js";

export type OidcFailure = "unreachable" | "denied" | "invalid";

export class OidcSignInError extends SystemError {
  readonly reason: OidcFailure;

  constructor(reason: OidcFailure, message: string, cause?: unknown) {
    super(message, cause === undefined ? {} : { cause });
    this.reason = reason;
  }
}
