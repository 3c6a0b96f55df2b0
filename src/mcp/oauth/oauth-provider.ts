/**
 * agente's `OAuthClientProvider` for one remote server: the storage and redirect surface that the MCP
 * SDK's auth module drives (discovery, registration, PKCE, token exchange, refresh and step-up are the
 * SDK's). It works with the Streamable HTTP transport of SDK v2 (`@modelcontextprotocol/client`, which
 * this file is typed against) and of v1 (`@modelcontextprotocol/sdk/client/auth.js`), whose provider
 * interface is the same less the optional `ctx` arguments.
 *
 * What the SDK leaves to the host, and this class does: persisting the registration and tokens (via an
 * `OAuthStore`), the `state` check of the redirect, refusing the callback's `error_description`, telling
 * every token to the secret redactor, the DPoP key kept with the tokens (when the authorization server
 * binds tokens to one), the token requests of the grants without a browser, and the retry limit of
 * sign-ins: within one run, a sign-in that would ask only for scopes an earlier one already asked for is
 * refused (the server refuses them anyway; asking again would loop).
 */
import { randomBytes } from "node:crypto";
import {
  type AddClientAuthentication,
  createPrivateKeyJwtAuth,
  type DpopSession,
  type OAuthClientInformationMixed,
  type OAuthClientMetadata,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  type OAuthTokens,
} from "@modelcontextprotocol/client";
import type { OAuthSettings } from "../../config/oauth-entry.js";
import { agenteVersion } from "../../util/version.js";
import { newDpopKey, restoreDpopSession, serverOffersDpop } from "./dpop-key.js";
import { grantRequest, JWT_BEARER_GRANT } from "./grant-requests.js";
import { CALLBACK_PATH } from "./loopback-receiver.js";
import { LoginRequiredError, SignInError } from "./oauth-errors.js";
import type { OAuthRecord, OAuthStore } from "./oauth-store.js";

/** Takes the user through the authorization URL and returns the redirect's query. */
export type SignIn = (authorizationUrl: URL) => Promise<URLSearchParams>;

export interface OAuthProviderOptions {
  /** The server's name in `mcpServers`: the store's key and what messages name. */
  server: string;
  serverUrl: string;
  settings: OAuthSettings;
  store: OAuthStore;
  /** The loopback port of the redirect URI (`http://127.0.0.1:PORT/callback`), kept with the record. */
  redirectPort: number;
  /** How to reach the authorization endpoint; without one, a needed login is a `LoginRequiredError`. */
  signIn?: SignIn;
  /** Hears every token and client secret this provider obtains, so output sinks can hide them. */
  onSecret?: (secret: string) => void;
  now?: () => number;
}

/** The redirect's answer, kept until the flow redeems it (`finishSignIn`). */
export interface PendingCallback {
  code: string;
  iss: string | undefined;
}

export class AgenteOAuthProvider implements OAuthClientProvider {
  readonly clientMetadataUrl: string | undefined;
  readonly addClientAuthentication: AddClientAuthentication | undefined;
  private verifier: string | undefined;
  private discovery: OAuthDiscoveryState | undefined;
  private currentState: string | undefined;
  private pending: PendingCallback | undefined;
  /** The issuer stamp the SDK puts on a configured client (kept in memory: the config is the record). */
  private configuredIssuer: string | undefined;
  private readonly now: () => number;
  private readonly loopbackUrl: string;
  /** Scopes asked for by this run's sign-ins, and whether there was one. */
  private readonly scopesAsked = new Set<string>();
  private signedIn = false;
  private dpopSession: Promise<DpopSession> | undefined;
  /** The workload JWT of the token request in flight, and those the authorization server refused. */
  private assertionInFlight: string | undefined;
  private readonly refusedAssertions = new Set<string>();
  private authorizationServer: string | undefined;
  private resource: string | undefined;

  constructor(private readonly options: OAuthProviderOptions) {
    const { settings } = options;
    this.loopbackUrl = `http://127.0.0.1:${options.redirectPort}${CALLBACK_PATH}`;
    this.now = options.now ?? Date.now;
    this.clientMetadataUrl = settings.clientMetadataUrl;
    if (settings.privateKeyPem !== undefined && settings.clientId !== undefined) {
      this.addClientAuthentication = createPrivateKeyJwtAuth({
        issuer: settings.clientId,
        subject: settings.clientId,
        privateKey: settings.privateKeyPem,
        alg: settings.signingAlgorithm ?? "RS256",
      });
    }
    const record = options.store.load(options.server);
    if (record !== undefined && record.serverUrl === options.serverUrl) {
      for (const secret of secretsOf(record)) options.onSecret?.(secret);
    }
  }

  get server(): string {
    return this.options.server;
  }

  /** Whether this run took the user through a sign-in (the retry limit counts them). */
  get signedInThisRun(): boolean {
    return this.signedIn;
  }

  get interactive(): boolean {
    return this.options.settings.grant === "authorization_code";
  }

  get redirectUrl(): string | undefined {
    return this.interactive ? this.loopbackUrl : undefined;
  }

  get clientMetadata(): OAuthClientMetadata {
    const { settings } = this.options;
    const authMethod =
      this.addClientAuthentication !== undefined
        ? "private_key_jwt"
        : settings.clientSecret !== undefined
          ? "client_secret_basic"
          : "none";
    return {
      client_name: "agente",
      software_id: "agente",
      software_version: agenteVersion(),
      redirect_uris: this.interactive ? [this.loopbackUrl] : [],
      grant_types: this.interactive ? ["authorization_code", "refresh_token"] : [grantType(settings.grant)],
      response_types: this.interactive ? ["code"] : [],
      token_endpoint_auth_method: authMethod,
      ...(settings.scope === undefined ? {} : { scope: settings.scope }),
    };
  }

  state(): string {
    this.currentState = randomBytes(24).toString("base64url");
    return this.currentState;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    const { settings } = this.options;
    if (settings.clientId !== undefined) {
      return {
        client_id: settings.clientId,
        ...(settings.clientSecret === undefined ? {} : { client_secret: settings.clientSecret }),
        ...(this.configuredIssuer === undefined ? {} : { issuer: this.configuredIssuer }),
      };
    }
    const client = this.record()?.client;
    if (client === undefined) return undefined;
    // A registration made for another loopback port would be refused at the authorization endpoint:
    // registering again is cheaper than a failed sign-in.
    if (
      this.interactive &&
      client.redirect_uris !== undefined &&
      client.client_id !== this.clientMetadataUrl
    ) {
      if (!client.redirect_uris.includes(this.loopbackUrl)) return undefined;
    }
    return client;
  }

  saveClientInformation(information: OAuthClientInformationMixed & { issuer?: string }): void {
    if (this.options.settings.clientId !== undefined) {
      this.configuredIssuer = information.issuer;
      return;
    }
    if (information.client_secret !== undefined) this.options.onSecret?.(information.client_secret);
    this.update((record) => ({ ...record, client: { ...information } }));
  }

  tokens(): OAuthTokens | undefined {
    return this.record()?.tokens;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.assertionInFlight = undefined;
    for (const secret of [tokens.access_token, tokens.refresh_token, tokens.id_token]) {
      if (secret !== undefined) this.options.onSecret?.(secret);
    }
    const expiresAt = tokens.expires_in === undefined ? undefined : this.now() + tokens.expires_in * 1000;
    this.update((record) => {
      // A refresh answer may leave out the refresh token: the old one stays valid (RFC 6749 §6).
      const refresh = tokens.refresh_token ?? record.tokens?.refresh_token;
      const { expiresAt: _old, ...rest } = record;
      return {
        ...rest,
        tokens: { ...tokens, ...(refresh === undefined ? {} : { refresh_token: refresh }) },
        ...(expiresAt === undefined ? {} : { expiresAt }),
      };
    });
  }

  /** True when the stored access token has passed its expiry (with a margin for the request's trip). */
  tokensExpired(marginMs = 30_000): boolean {
    const expiresAt = this.record()?.expiresAt;
    return expiresAt !== undefined && this.now() + marginMs >= expiresAt;
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    const signIn = this.options.signIn;
    if (signIn === undefined) throw new LoginRequiredError(this.options.server);
    const asked = (authorizationUrl.searchParams.get("scope") ?? "").split(" ").filter((s) => s !== "");
    if (this.signedIn && asked.every((scope) => this.scopesAsked.has(scope))) {
      throw new SignInError(this.options.server, "scopeRefused");
    }
    this.signedIn = true;
    for (const scope of asked) this.scopesAsked.add(scope);
    const params = await signIn(authorizationUrl);
    // The SDK leaves `state` to the host (CSRF binding of the redirect to this login).
    if (this.currentState === undefined || params.get("state") !== this.currentState) {
      throw new SignInError(this.options.server, "stateMismatch");
    }
    const error = params.get("error");
    // Never show `error_description`: in a mix-up attack it is the attacker's text.
    if (error !== null) throw new SignInError(this.options.server, { deniedWith: error });
    const code = params.get("code");
    if (code === null || code === "") throw new SignInError(this.options.server, "noCode");
    this.options.onSecret?.(code);
    this.pending = { code, iss: params.get("iss") ?? undefined };
  }

  /** The redirect's answer, once: the flow redeems it with the SDK's `auth()`. */
  takePendingCallback(): PendingCallback | undefined {
    const pending = this.pending;
    this.pending = undefined;
    return pending;
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.verifier = codeVerifier;
  }

  codeVerifier(): string {
    if (this.verifier === undefined) throw new SignInError(this.options.server, "noAnswer");
    return this.verifier;
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state;
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.discovery;
  }

  async prepareTokenRequest(scope?: string): Promise<URLSearchParams | undefined> {
    const params = await grantRequest(this.options.settings, {
      authorizationServerUrl: this.authorizationServer,
      resourceUrl: this.resource ?? this.options.serverUrl,
      scope,
      ...(this.options.onSecret === undefined ? {} : { onSecret: this.options.onSecret }),
    });
    // SEP-1933: a refused workload JWT is not sent again (the SDK's auth() retries once on invalid_grant).
    const assertion = this.options.settings.grant === "jwt_bearer" ? params?.get("assertion") : null;
    if (assertion !== null && assertion !== undefined) {
      if (this.refusedAssertions.has(assertion))
        throw new SignInError(this.options.server, "assertionRefused");
      this.assertionInFlight = assertion;
    }
    return params;
  }

  /** Called by the SDK's `auth()` after discovery: the ID-JAG's audience. */
  saveAuthorizationServerUrl(url: string): void {
    this.authorizationServer = url;
  }

  /** Called by the SDK's `auth()` after discovery: the ID-JAG's resource. */
  saveResourceUrl(url: string): void {
    this.resource = url;
  }

  /**
   * DPoP (RFC 9449): a session when the held token is DPoP-bound or the authorization server offers
   * ES256 binding; the same one for the life of this provider, its key the stored one or a new one.
   */
  dpop(): Promise<DpopSession> | undefined {
    if (this.dpopSession !== undefined) return this.dpopSession;
    const record = this.record();
    const bound = record?.tokens?.token_type.toLowerCase() === "dpop";
    if (!bound && !serverOffersDpop(this.discovery?.authorizationServerMetadata)) return undefined;
    const stored = record?.dpopKey;
    this.dpopSession =
      stored !== undefined
        ? restoreDpopSession(stored)
        : newDpopKey().then(({ session, stored: key }) => {
            this.update((current) => ({ ...current, dpopKey: key }));
            return session;
          });
    return this.dpopSession;
  }

  invalidateCredentials(scope: "all" | "client" | "tokens" | "verifier" | "discovery"): void {
    // The SDK forgets credentials after a refused token request: the assertion it carried was refused.
    if (this.assertionInFlight !== undefined && scope !== "verifier" && scope !== "discovery") {
      this.refusedAssertions.add(this.assertionInFlight);
      this.assertionInFlight = undefined;
    }
    if (scope === "all" || scope === "verifier") this.verifier = undefined;
    if (scope === "all" || scope === "discovery") this.discovery = undefined;
    if ((scope === "all" || scope === "tokens" || scope === "client") && this.record() !== undefined) {
      this.update((record) => {
        const { tokens: _tokens, expiresAt: _expiresAt, client, dpopKey, ...rest } = record;
        const keepClient = scope === "tokens" && client !== undefined;
        // A new sign-in may keep the DPoP key; forgetting every credential forgets it too.
        const kept = scope === "all" || dpopKey === undefined ? rest : { ...rest, dpopKey };
        return keepClient ? { ...kept, client } : kept;
      });
    }
  }

  /** The stored record of this server, when it belongs to the configured URL. */
  private record(): OAuthRecord | undefined {
    const record = this.options.store.load(this.options.server);
    return record !== undefined && record.serverUrl === this.options.serverUrl ? record : undefined;
  }

  private update(change: (record: OAuthRecord) => OAuthRecord): void {
    const current = this.record() ?? { serverUrl: this.options.serverUrl };
    this.options.store.save(this.options.server, {
      ...change(current),
      redirectPort: this.options.redirectPort,
    });
  }
}

function grantType(grant: OAuthSettings["grant"]): string {
  return grant === "jwt_bearer" || grant === "enterprise_managed" ? JWT_BEARER_GRANT : grant;
}

/** The secrets a stored record holds: tokens and a registered client's secret. */
export function secretsOf(record: OAuthRecord): string[] {
  const values = [
    record.tokens?.access_token,
    record.tokens?.refresh_token,
    record.tokens?.id_token,
    record.client?.client_secret,
  ];
  return values.filter((value): value is string => value !== undefined && value.length > 0);
}
