/**
 * What single sign-on needs from the sign-in sessions (the accounts and session rows live elsewhere):
 * a person the provider vouched for becomes, or updates, an account keyed by issuer and subject, and a
 * session starts for it. `agente serve` wires this to the session store; tests use a recording double.
 */

/** A person as the provider vouched for them, with the role their groups map to. */
export interface OidcPerson {
  /** The issuer's identifier (its URL as the ID token's `iss` says it). */
  issuer: string;
  /** The ID token's `sub`: stable per issuer, never reused. */
  subject: string;
  /** `preferred_username`, else `name`, else `email`, else the subject. */
  name: string;
  role: string;
}

/** How the request that finished the sign-in arrived, for the cookie's attributes and the session row. */
export interface SignInContext {
  /** https (directly, or behind a trusted proxy): the cookie gets `Secure`. */
  secure: boolean;
  /** The client's address. */
  address: string;
}

export interface SignInSessions {
  /**
   * Creates or updates the account for `person` (by issuer + subject: the name and role follow the
   * provider at every sign-in) and starts a session. `cookie` is the whole `Set-Cookie` value.
   */
  start(person: OidcPerson, context: SignInContext): Promise<{ cookie: string }>;
}
