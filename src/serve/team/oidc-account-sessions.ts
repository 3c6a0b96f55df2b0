/**
 * Single sign-on's sessions on the accounts of `agente serve`: the provider's person becomes (or updates)
 * an account linked by issuer and subject, and gets the same sign-in session and cookie as a password
 * sign-in. The cookie is SameSite=Lax, not Strict: the browser arrives from the provider's site, and a
 * Strict cookie set on that redirect would not be sent with the page it leads to.
 */
import type { Accounts } from "./accounts.js";
import type { SignInSessions } from "./oidc-sign-in-sessions.js";
import { ACCOUNT_COOKIE } from "./sign-in.js";

export function accountSignInSessions(accounts: Accounts): SignInSessions {
  return {
    async start(person, context) {
      const account = await accounts.externalAccount(person);
      const session = await accounts.startSession(account);
      const attributes = [
        `${ACCOUNT_COOKIE}=${session.cookieValue}`,
        "Path=/",
        "HttpOnly",
        "SameSite=Lax",
        `Max-Age=${session.maxAgeSeconds}`,
      ];
      if (context.secure) attributes.push("Secure");
      return { cookie: attributes.join("; ") };
    },
  };
}
