/**
 * `agente login`'s flow: forget the server's tokens, connect with the SDK v2 client over Streamable HTTP
 * with agente's provider, let the SDK discover, register and send the user to sign in, redeem the answer
 * and connect again. A server that asks for no login is reported as such.
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import type { HttpServerConfig } from "../../config/server-config.js";
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
  return provider.tokens() === undefined ? "no-login-needed" : "signed-in";
}

/** Deletes the server's stored login; true when there was one. */
export function signOutOfServer(server: string, host: Pick<OAuthHost, "store">): boolean {
  return host.store.remove(server);
}
