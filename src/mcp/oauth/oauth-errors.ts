/** The sign-in's own failures. None carries a token, a code or a verifier: only what the user must do. */
import { localised } from "../../i18n/localised.js";
import { UserError } from "../../util/errors.js";

/** The server wants a login and this run may not open a browser: `agente login SERVER` does it. */
export class LoginRequiredError extends UserError {
  readonly server: string;

  constructor(server: string) {
    super(localised("oauth.error.loginRequired", { server }), {
      hint: localised("oauth.error.loginRequiredHint", { server }),
    });
    this.server = server;
  }
}

/** The browser's answer could not be used: wrong state, refused, no code, or none came. */
export class SignInError extends UserError {
  readonly server: string;

  constructor(
    server: string,
    problem:
      | "stateMismatch"
      | "noCode"
      | "noAnswer"
      | "scopeRefused"
      | "assertionRefused"
      | { deniedWith: string },
    options: { cause?: unknown } = {},
  ) {
    super(
      typeof problem === "object"
        ? // The error code only: its description comes from the callback and may be an attacker's text.
          localised("oauth.error.denied", { code: problem.deniedWith.replace(/[^a-z_]/g, "").slice(0, 40) })
        : localised(`oauth.error.${problem}`),
      {
        hint: localised(
          problem === "scopeRefused"
            ? "oauth.error.scopeRefusedHint"
            : problem === "assertionRefused"
              ? "oauth.error.assertionRefusedHint"
              : "oauth.error.retryHint",
          {
            server,
          },
        ),
        ...options,
      },
    );
    this.server = server;
  }
}
