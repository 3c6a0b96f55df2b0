/**
 * Single sign-on's settings as the routes use them (read from agente.json by oidc-config.ts), its fixed
 * paths, and the scopes asked of the provider.
 */

export const OIDC_LOGIN_PATH = "/auth/oidc/login";
export const OIDC_CALLBACK_PATH = "/auth/oidc/callback";
export const DEFAULT_OIDC_SCOPES = ["openid", "profile", "email"] as const;

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  clientAuth: "client_secret_basic" | "client_secret_post";
  /** Undefined: the default scopes, with `groups` added when the provider supports it. */
  scopes: readonly string[] | undefined;
  groupsClaim: string;
  /** IdP group → role name, in the order written. */
  roles: ReadonlyMap<string, string>;
  defaultRole: string | undefined;
  label: string | undefined;
  publicUrl: URL | undefined;
}

/** The scopes to ask for: the configured ones, or the defaults plus `groups` when the provider offers it. */
export function scopesToAsk(settings: OidcSettings, scopesSupported: readonly string[] | undefined): string {
  if (settings.scopes !== undefined) return settings.scopes.join(" ");
  const scopes: string[] = [...DEFAULT_OIDC_SCOPES];
  if (scopesSupported?.includes("groups")) scopes.push("groups");
  return scopes.join(" ");
}
