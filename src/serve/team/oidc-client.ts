/**
 * The OpenID provider as agente talks to it, through `openid-client` (v6): discovery, the authorization
 * URL (code flow with PKCE, state and nonce), and the callback (code exchange, ID token checks: issuer,
 * audience, signature, expiry, nonce; the UserInfo response when the ID token lacks the claims we need).
 * Discovery is fetched once and kept; a failed discovery is tried again on the next sign-in.
 */
import * as client from "openid-client";
import { z } from "zod";
import { groupsOf } from "./oidc-role.js";
import { type OidcSettings, scopesToAsk } from "./oidc-settings.js";
import { OidcSignInError } from "./oidc-sign-in-error.js";

export interface AuthorizationRequest {
  redirectUri: string;
  state: string;
  nonce: string;
  codeChallenge: string;
}

export interface CallbackChecks {
  state: string;
  nonce: string;
  verifier: string;
}

export interface VerifiedSignIn {
  /** The ID token's `iss` and `sub`. */
  issuer: string;
  subject: string;
  /** The ID token's claims, completed by UserInfo when it lacked a name or the groups. */
  claims: Readonly<Record<string, unknown>>;
}

export interface OidcClient {
  /** Fetches the discovery document (or returns the kept one); throws `OidcSignInError` "unreachable". */
  discover(): Promise<void>;
  authorizationUrl(request: AuthorizationRequest): Promise<URL>;
  /** `callbackUrl`: the URL the provider sent the browser back to, with its query. */
  finish(callbackUrl: URL, checks: CallbackChecks): Promise<VerifiedSignIn>;
}

const NAME_CLAIMS = ["preferred_username", "name", "email"] as const;
const DISCOVERY_TIMEOUT_SECONDS = 10;
const claimSet = z.record(z.string(), z.unknown());

export function openIdClient(settings: OidcSettings): OidcClient {
  let configuration: Promise<client.Configuration> | undefined;

  const configured = (): Promise<client.Configuration> => {
    configuration ??= client
      .discovery(
        settings.issuer,
        settings.clientId,
        undefined,
        settings.clientAuth === "client_secret_post"
          ? client.ClientSecretPost(settings.clientSecret)
          : client.ClientSecretBasic(settings.clientSecret),
        {
          timeout: DISCOVERY_TIMEOUT_SECONDS,
          // Plain http only for a loopback issuer (oidc-config.ts refuses any other).
          ...(settings.issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : {}),
        },
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw new OidcSignInError(
          "unreachable",
          `discovery of ${settings.issuer.href} failed: ${describe(error)}`,
          error,
        );
      });
    return configuration;
  };

  return {
    async discover() {
      await configured();
    },

    async authorizationUrl(request) {
      const config = await configured();
      return client.buildAuthorizationUrl(config, {
        redirect_uri: request.redirectUri,
        scope: scopesToAsk(settings, config.serverMetadata().scopes_supported),
        response_type: "code",
        code_challenge: request.codeChallenge,
        code_challenge_method: "S256",
        state: request.state,
        nonce: request.nonce,
      });
    },

    async finish(callbackUrl, checks) {
      const config = await configured();
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.verifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims();
        if (idToken === undefined) throw new OidcSignInError("invalid", "the provider sent no ID token");
        let claims: Record<string, unknown> = claimSet.parse({ ...idToken });
        const lacksName = NAME_CLAIMS.every((name) => claims[name] === undefined);
        const lacksGroups = groupsOf(claims, settings.groupsClaim).length === 0;
        if ((lacksName || lacksGroups) && config.serverMetadata().userinfo_endpoint !== undefined) {
          const userInfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
          // The ID token's own claims win; UserInfo fills in the rest.
          claims = { ...claimSet.parse({ ...userInfo }), ...claims };
        }
        return { issuer: idToken.iss, subject: idToken.sub, claims };
      } catch (error) {
        if (error instanceof OidcSignInError) throw error;
        throw new OidcSignInError(failureOf(error), `sign-in failed: ${describe(error)}`, error);
      }
    },
  };
}

function failureOf(error: unknown): "unreachable" | "denied" | "invalid" {
  if (error instanceof client.AuthorizationResponseError) return "denied";
  if (error instanceof TypeError) return "unreachable";
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return "unreachable";
  if (error instanceof client.ClientError && error.code === "OAUTH_RESPONSE_IS_NOT_CONFORM")
    return "unreachable";
  return "invalid";
}

/** One line: the error and its cause (fetch's "fetch failed" says little without `ECONNREFUSED`). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
