/**
 * The `oidc` section of agente.json: single sign-on with an OpenID Connect provider (Keycloak, Entra ID,
 * Google, Authentik…). `${VAR}` is already expanded when the section arrives here (config/load-config),
 * so `clientSecret: "${OIDC_CLIENT_SECRET}"` keeps the secret out of the file; `agente serve` adds the
 * secret to the values its replies and logs never show.
 *
 * The redirect URI to register at the provider is `<public URL>/auth/oidc/callback`: `publicUrl` when set,
 * else the scheme and host the request came with (behind a trusted proxy, what the proxy forwarded).
 */
import { z } from "zod";
import { localised } from "../../i18n/localised.js";
import { readConfigSection } from "../../llm/setting-layers.js";
import { UserError } from "../../util/errors.js";
import { isLoopback } from "../serve-settings.js";
import type { AccessPolicy } from "./access-policy.js";
import type { OidcSettings } from "./oidc-settings.js";

const oidcSection = z
  .object({
    issuer: z.url({ protocol: /^https?$/ }),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    /** How the secret is sent to the token endpoint; default `client_secret_basic` (the spec's default). */
    clientAuth: z.enum(["client_secret_basic", "client_secret_post"]).optional(),
    /** Default `openid profile email`, plus `groups` when the provider lists that scope. */
    scopes: z.array(z.string().min(1)).min(1).optional(),
    /** The claim holding the person's groups; a dotted path reaches into an object (`realm_access.roles`). */
    groupsClaim: z.string().min(1).optional(),
    /** IdP group → role of the `access` section. */
    roles: z.record(z.string().min(1), z.string().min(1)).optional(),
    /** The role of a person in no mapped group; absent: such a person is refused. */
    defaultRole: z.string().min(1).optional(),
    /** The login page's link text; default "Sign in with <issuer host>". */
    label: z.string().min(1).optional(),
    /** The address people reach agente at (`https://agente.example.com`); default from each request. */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();

/**
 * `section` is `config.settings.oidc`; undefined when the section is absent (no single sign-on). Every
 * role named must be a role of `policy`.
 */
export function resolveOidcSettings(
  section: unknown,
  policy: AccessPolicy,
  file?: string,
): OidcSettings | undefined {
  if (section === undefined) return undefined;
  const config = readConfigSection(oidcSection.optional(), section, "oidc", file);
  if (config === undefined) return undefined;
  const issuer = new URL(config.issuer);
  if (issuer.protocol === "http:" && !isLoopback(issuer.hostname))
    throw new UserError(localised("oidc.insecureIssuer", { issuer: config.issuer }));
  if (config.scopes !== undefined && !config.scopes.includes("openid"))
    throw new UserError(localised("oidc.scopesWithoutOpenid"));
  const roles = new Map(Object.entries(config.roles ?? {}));
  const known = [...policy.roles.keys()];
  const checkRole = (where: string, role: string) => {
    if (!policy.roles.has(role))
      throw new UserError(localised("oidc.unknownRole", { where, role, roles: known.join(", ") }));
  };
  for (const [group, role] of roles) checkRole(`roles.${group}`, role);
  if (config.defaultRole !== undefined) checkRole("defaultRole", config.defaultRole);
  return {
    issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    clientAuth: config.clientAuth ?? "client_secret_basic",
    scopes: config.scopes,
    groupsClaim: config.groupsClaim ?? "groups",
    roles,
    defaultRole: config.defaultRole,
    label: config.label,
    publicUrl: config.publicUrl === undefined ? undefined : new URL(config.publicUrl),
  };
}
