/**
 * The token request of each grant that needs no browser, for the provider's `prepareTokenRequest` (the SDK
 * sends it, with the client's authentication and a DPoP proof when bound): client credentials, a
 * workload's JWT (RFC 7523, SEP-1933), and enterprise-managed authorization (SEP-990), whose ID-JAG comes
 * from the SDK's RFC 8693 token exchange at the enterprise IdP. `authorization_code` has none: the SDK
 * builds it from the redirect's code.
 */
import { readFile } from "node:fs/promises";
import { discoverAndRequestJwtAuthGrant, requestJwtAuthorizationGrant } from "@modelcontextprotocol/client";
import type { OAuthSettings } from "../../config/oauth-entry.js";
import { localised } from "../../i18n/localised.js";
import { UserError } from "../../util/errors.js";

export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** What discovery told the provider about the server (RFC 9728) and its authorization server. */
export interface GrantContext {
  authorizationServerUrl: string | undefined;
  resourceUrl: string;
  scope: string | undefined;
  /** Hears the assertions and grants obtained here, so output sinks can hide them. */
  onSecret?: (secret: string) => void;
}

export async function grantRequest(
  settings: OAuthSettings,
  context: GrantContext,
): Promise<URLSearchParams | undefined> {
  const params = new URLSearchParams();
  switch (settings.grant) {
    case "authorization_code":
      return undefined;
    case "client_credentials":
      params.set("grant_type", "client_credentials");
      break;
    case "jwt_bearer":
      params.set("grant_type", JWT_BEARER_GRANT);
      params.set("assertion", await workloadAssertion(settings, context));
      break;
    case "enterprise_managed":
      params.set("grant_type", JWT_BEARER_GRANT);
      params.set("assertion", await idJag(settings, context));
      break;
  }
  if (context.scope !== undefined && context.scope !== "") params.set("scope", context.scope);
  return params;
}

/** The workload's JWT, from the config or read now from its file (platforms rotate the file). */
async function workloadAssertion(settings: OAuthSettings, context: GrantContext): Promise<string> {
  const source = settings.assertion;
  if (source === undefined) throw new Error('grant "jwt_bearer" needs assertion or assertionFile');
  const assertion = "value" in source ? source.value : await assertionFromFile(source.file);
  context.onSecret?.(assertion);
  return assertion;
}

async function assertionFromFile(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UserError(localised("oauth.error.assertionFile", { file }), {
      cause: error,
      hint: localised("oauth.error.assertionFileHint"),
    });
  }
  return text.trim();
}

/** The ID-JAG for this server's authorization server, by token exchange of the user's ID token. */
async function idJag(settings: OAuthSettings, context: GrantContext): Promise<string> {
  const idp = settings.idp;
  if (idp === undefined) throw new Error('grant "enterprise_managed" needs idToken and idpClientId');
  const audience = context.authorizationServerUrl;
  if (audience === undefined) throw new Error("the server's authorization server was not discovered");
  const common = {
    audience,
    resource: context.resourceUrl,
    idToken: idp.idToken,
    clientId: idp.clientId,
    ...(idp.clientSecret === undefined ? {} : { clientSecret: idp.clientSecret }),
    ...(context.scope === undefined ? {} : { scope: context.scope }),
  };
  const result =
    idp.tokenEndpoint !== undefined
      ? await requestJwtAuthorizationGrant({ ...common, tokenEndpoint: idp.tokenEndpoint })
      : await discoverAndRequestJwtAuthGrant({ ...common, idpUrl: idp.url ?? "" });
  context.onSecret?.(result.jwtAuthGrant);
  return result.jwtAuthGrant;
}
