/**
 * The `oauth` object of a remote server's entry: how agente signs in to that server's authorization
 * server. Every key is optional; with none, agente discovers the authorization server, registers itself
 * (dynamic registration or a client ID metadata document) and runs the authorization-code flow.
 *
 * ```json
 * "oauth": { "clientId": "agente", "clientSecret": "${CRM_SECRET}", "grant": "client_credentials", "scope": "mcp:read" }
 * ```
 */
import { z } from "zod";

export const OAUTH_GRANTS = ["authorization_code", "client_credentials"] as const;

export const oauthEntrySchema = z
  .object({
    /** A client registered beforehand; an https URL here is a client ID metadata document. */
    clientId: z.string().min(1, "must not be empty").optional(),
    clientSecret: z.string().min(1, "must not be empty").optional(),
    /** The client's own metadata document (SEP-991), used when the authorization server supports it. */
    clientMetadataUrl: z.string().url("must be an http(s) URL").optional(),
    /** PEM private key for `private_key_jwt` client authentication (RFC 7523). */
    privateKeyPem: z.string().min(1, "must not be empty").optional(),
    signingAlgorithm: z.string().min(1, "must not be empty").optional(),
    grant: z.enum(OAUTH_GRANTS).optional(),
    /** Space-separated scopes asked for; without it, the server's `WWW-Authenticate` scope is used. */
    scope: z.string().optional(),
  })
  .strict();

export type OAuthGrant = (typeof OAUTH_GRANTS)[number];

/** The `oauth` object of one server, parsed: what `src/mcp/oauth` needs to build its provider. */
export interface OAuthSettings {
  clientId: string | undefined;
  clientSecret: string | undefined;
  clientMetadataUrl: string | undefined;
  privateKeyPem: string | undefined;
  signingAlgorithm: string | undefined;
  grant: OAuthGrant;
  scope: string | undefined;
}

export function oauthSettings(entry: z.infer<typeof oauthEntrySchema> | undefined): OAuthSettings {
  const clientId = entry?.clientId;
  // SEP-991: a client ID that is an https URL with a path names the client's metadata document.
  const idIsDocument = clientId !== undefined && /^https:\/\/[^/]+\/.+/.test(clientId);
  return {
    clientId: idIsDocument ? undefined : clientId,
    clientSecret: entry?.clientSecret,
    clientMetadataUrl: entry?.clientMetadataUrl ?? (idIsDocument ? clientId : undefined),
    privateKeyPem: entry?.privateKeyPem,
    signingAlgorithm: entry?.signingAlgorithm,
    grant: entry?.grant ?? "authorization_code",
    scope: entry?.scope === "" ? undefined : entry?.scope,
  };
}
