/**
 * `agente login`'s flow: forget the server's tokens, connect with the SDK v2 client over Streamable HTTP
 * with agente's provider, let the SDK discover, register and send the user to sign in, redeem the answer
 * and connect again. A server that asks for no login is reported as such.
 */
import {
  AuthorizationServerMismatchError,
  Client,
  IssuerMismatchError,
  StreamableHTTPClientTransport,
} from "@modelcontextprotocol/client";
import type { HttpServerConfig } from "../../config/server-config.js";
import { localised } from "../../i18n/localised.js";
import { AgenteError, errorMessage, SystemError } from "../../util/errors.js";
import { agenteVersion } from "../../util/version.js";
import { createOAuthSession, type OAuthHost, withSignIn } from "./oauth-session.js";

export type SignInOutcome = "signed-in" | "no-login-needed";

export async function signInToServer(
  config: Pick<HttpServerConfig, "name" | "url" | "oauth" | "headers">,
  host: OAuthHost,
): Promise<SignInOutcome> {
  const provider = await createOAuthSession(config, host);
  provider.invalidateCredentials("tokens");
  const url = new URL(config.url);
  try {
    const client = await withSignIn(provider, config.url, async () => {
      const attempt = new Client({ name: "agente", version: agenteVersion() });
      await attempt.connect(
        new StreamableHTTPClientTransport(url, {
          authProvider: provider,
          requestInit: { headers: config.headers },
        }),
      );
      return attempt;
    });
    await client.close();
  } catch (error) {
    throw signInFailure(config.name, error);
  }
  return provider.tokens() === undefined ? "no-login-needed" : "signed-in";
}

/** One line for a failed sign-in. A mix-up's issuer comes from the attacker: it is never shown. */
function signInFailure(server: string, error: unknown): unknown {
  if (error instanceof AgenteError) return error;
  const mixUp = error instanceof IssuerMismatchError || error instanceof AuthorizationServerMismatchError;
  const detail = mixUp ? localised("oauth.error.issuerMismatch") : errorMessage(error);
  return new SystemError(localised("oauth.error.failed", { server, detail }), {
    cause: error,
    hint: localised("oauth.error.retryHint", { server }),
  });
}

/** Deletes the server's stored login; true when there was one. */
export function signOutOfServer(server: string, host: Pick<OAuthHost, "store">): boolean {
  return host.store.remove(server);
}
