/**
 * The `oauth` object of a remote server's entry: how agente signs in to that server's authorization
 * server. Every key is optional; with none, agente discovers the authorization server, registers itself
 * (dynamic registration or a client ID metadata document) and runs the authorization-code flow.
 *
 * ```json
 * "oauth": { "clientId": "agente", "clientSecret": "${CRM_SECRET}", "grant": "client_credentials", "scope": "mcp:read" }
 * ```
 *
 * Grants without a browser besides `client_credentials`:
 * - `jwt_bearer` (workload identity, RFC 7523 / SEP-1933): `assertion` (a JWT, usually `${VAR}`) or
 *   `assertionFile` (read again for every token request, as platforms rotate it) is sent as the grant.
 * - `enterprise_managed` (SEP-990): the enterprise IdP's `idToken` is exchanged (RFC 8693) at the IdP
 *   (`idpTokenEndpoint`, or `idpUrl` to discover it) as `idpClientId` for an ID-JAG, which is then the
 *   JWT bearer grant at the server's authorization server, authenticated as `clientId`/`clientSecret`.
 */
import { z } from "zod";

export const OAUTH_GRANTS = [
  "authorization_code",
  "client_credentials",
  "jwt_bearer",
  "enterprise_managed",
] as const;

const nonEmpty = z.string().min(1, "must not be empty");

export const oauthEntrySchema = z
  .object({
    /** A client registered beforehand; an https URL here is a client ID metadata document. */
    clientId: nonEmpty.optional(),
    clientSecret: nonEmpty.optional(),
    /** The client's own metadata document (SEP-991), used when the authorization server supports it. */
    clientMetadataUrl: z.string().url("must be an http(s) URL").optional(),
    /** PEM private key for `private_key_jwt` client authentication (RFC 7523). */
    privateKeyPem: nonEmpty.optional(),
    signingAlgorithm: nonEmpty.optional(),
    grant: z.enum(OAUTH_GRANTS).optional(),
    /** Space-separated scopes asked for; without it, the server's `WWW-Authenticate` scope is used. */
    scope: z.string().optional(),
    /** `jwt_bearer`: the workload's JWT, or the file that holds it. */
    assertion: nonEmpty.optional(),
    assertionFile: nonEmpty.optional(),
    /** `enterprise_managed`: the IdP (issuer URL or token endpoint), its client and the user's ID token. */
    idpUrl: z.string().url("must be an http(s) URL").optional(),
    idpTokenEndpoint: z.string().url("must be an http(s) URL").optional(),
    idpClientId: nonEmpty.optional(),
    idpClientSecret: nonEmpty.optional(),
    idToken: nonEmpty.optional(),
  })
  .strict()
  .superRefine((entry, context) => {
    if (entry.grant === "jwt_bearer" && entry.assertion === undefined && entry.assertionFile === undefined)
      context.addIssue({
        code: "custom",
        path: ["assertion"],
        message: 'grant "jwt_bearer" needs assertion or assertionFile',
      });
    if (entry.grant !== "enterprise_managed") return;
    for (const key of ["idToken", "idpClientId", "clientId"] as const)
      if (entry[key] === undefined)
        context.addIssue({ code: "custom", path: [key], message: 'needed by grant "enterprise_managed"' });
    if (entry.idpUrl === undefined && entry.idpTokenEndpoint === undefined)
      context.addIssue({
        code: "custom",
        path: ["idpTokenEndpoint"],
        message: 'grant "enterprise_managed" needs idpTokenEndpoint or idpUrl',
      });
  });

export type OAuthGrant = (typeof OAUTH_GRANTS)[number];

/** The enterprise IdP of the `enterprise_managed` grant. */
export interface EnterpriseIdp {
  url: string | undefined;
  tokenEndpoint: string | undefined;
  clientId: string;
  clientSecret: string | undefined;
  idToken: string;
}

/** The `oauth` object of one server, parsed: what `src/mcp/oauth` needs to build its provider. */
export interface OAuthSettings {
  clientId: string | undefined;
  clientSecret: string | undefined;
  clientMetadataUrl: string | undefined;
  privateKeyPem: string | undefined;
  signingAlgorithm: string | undefined;
  grant: OAuthGrant;
  scope: string | undefined;
  /** `jwt_bearer`: where the assertion comes from. */
  assertion?: { value: string } | { file: string };
  /** `enterprise_managed`: the IdP that issues the ID-JAG. */
  idp?: EnterpriseIdp;
}

export function oauthSettings(entry: z.infer<typeof oauthEntrySchema> | undefined): OAuthSettings {
  const clientId = entry?.clientId;
  // SEP-991: a client ID that is an https URL with a path names the client's metadata document.
  const idIsDocument = clientId !== undefined && /^https:\/\/[^/]+\/.+/.test(clientId);
  const settings: OAuthSettings = {
    clientId: idIsDocument ? undefined : clientId,
    clientSecret: entry?.clientSecret,
    clientMetadataUrl: entry?.clientMetadataUrl ?? (idIsDocument ? clientId : undefined),
    privateKeyPem: entry?.privateKeyPem,
    signingAlgorithm: entry?.signingAlgorithm,
    grant: entry?.grant ?? "authorization_code",
    scope: entry?.scope === "" ? undefined : entry?.scope,
  };
  if (entry?.grant === "jwt_bearer") {
    settings.assertion =
      entry.assertion !== undefined ? { value: entry.assertion } : { file: entry.assertionFile ?? "" };
  }
  if (
    entry?.grant === "enterprise_managed" &&
    entry.idToken !== undefined &&
    entry.idpClientId !== undefined
  ) {
    settings.idp = {
      url: entry.idpUrl,
      tokenEndpoint: entry.idpTokenEndpoint,
      clientId: entry.idpClientId,
      clientSecret: entry.idpClientSecret,
      idToken: entry.idToken,
    };
  }
  return settings;
}

/** The secrets an `oauth` object holds, for the secret guard. */
export function oauthSecrets(settings: OAuthSettings): string[] {
  const values = [
    settings.clientSecret,
    settings.privateKeyPem,
    settings.assertion !== undefined && "value" in settings.assertion ? settings.assertion.value : undefined,
    settings.idp?.clientSecret,
    settings.idp?.idToken,
  ];
  return values.filter((value): value is string => value !== undefined);
}
