/**
 * One remote server's OAuth, ready for a transport: the provider with its stored port and the way this
 * run may take the user through the browser, and `withSignIn`, which runs a connection attempt and, when
 * the SDK sent the user to the authorization server, redeems the answer with the SDK's `auth()` and tries
 * once more on a fresh transport (the SDK's documented flow: `UnauthorizedError`, then `finishAuth`, then
 * reconnect).
 */
import { createServer } from "node:net";
import { auth, InsufficientScopeError, SdkErrorCode, SdkHttpError } from "@modelcontextprotocol/client";
import type { HttpServerConfig } from "../../config/server-config.js";
import { resolveLanguage } from "../../i18n/language.js";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { type BrowserOpener, SystemBrowserOpener } from "./browser-opener.js";
import { FileOAuthStore, oauthFolder } from "./file-oauth-store.js";
import { startLoopbackReceiver } from "./loopback-receiver.js";
import { SignInError } from "./oauth-errors.js";
import { AgenteOAuthProvider, type SignIn } from "./oauth-provider.js";
import type { OAuthStore } from "./oauth-store.js";

/** How long a sign-in waits for the browser (or a pasted address) before giving up. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;
/** Sign-ins one operation may run: the first login, then one step-up to a wider scope. */
export const MAX_SIGN_IN_ROUNDS = 2;

export interface SignInUi {
  opener: BrowserOpener;
  translate: Translator;
  /** Shows one line to the user (stderr in every command: stdout may carry a protocol or JSON). */
  say: (text: string) => void;
  /** Reads an address the user pastes; undefined when there is no one to ask. */
  readPastedUrl?: (signal: AbortSignal) => Promise<string | undefined>;
  /** Always show the authorization URL, even when a browser was started (`agente login`). */
  alwaysShowUrl?: boolean;
  timeoutMs?: number;
}

export interface OAuthHost {
  store: OAuthStore;
  /** How this run may take the user through a browser; without it, a login needed is reported. */
  signIn?: SignInUi;
  onSecret?: (secret: string) => void;
}

/**
 * The host a hub gets when its caller says nothing: tokens in the user's data folder, and a browser only
 * when `$BROWSER` names one (a script or a test that asked for it); otherwise "needs login".
 */
export function oauthHostFromEnvironment(env: Record<string, string | undefined>): OAuthHost {
  const store = new FileOAuthStore(oauthFolder(env));
  if (env.BROWSER === undefined || env.BROWSER.trim() === "") return { store };
  return {
    store,
    signIn: {
      opener: new SystemBrowserOpener(env),
      translate: createTranslator(resolveLanguage({ env })),
      say: (text) => process.stderr.write(`${text}\n`),
    },
  };
}

/**
 * The provider of one HTTP server, its redirect port the stored one or a free one picked now; none for an
 * entry that sends its own `Authorization` header (the config's credential is the one to use).
 */
export async function oauthSessionFor(
  config: Pick<HttpServerConfig, "name" | "url" | "oauth" | "headers">,
  host: OAuthHost,
): Promise<AgenteOAuthProvider | undefined> {
  const ownCredential = Object.keys(config.headers).some((name) => name.toLowerCase() === "authorization");
  return ownCredential ? undefined : createOAuthSession(config, host);
}

/** The provider of one HTTP server, its redirect port the stored one or a free one picked now. */
export async function createOAuthSession(
  config: Pick<HttpServerConfig, "name" | "url" | "oauth">,
  host: OAuthHost,
): Promise<AgenteOAuthProvider> {
  const record = host.store.load(config.name);
  const stored = record?.serverUrl === config.url ? record.redirectPort : undefined;
  const redirectPort = stored ?? (await freeLoopbackPort());
  const signInUi = host.signIn;
  return new AgenteOAuthProvider({
    server: config.name,
    serverUrl: config.url,
    settings: config.oauth,
    store: host.store,
    redirectPort,
    ...(signInUi === undefined ? {} : { signIn: browserSignIn(config.name, redirectPort, signInUi) }),
    ...(host.onSecret === undefined ? {} : { onSecret: host.onSecret }),
  });
}

/**
 * Runs `attempt` (which must build a fresh transport each time). A refresh due is done first; when an
 * attempt fails because the SDK sent the user to sign in, the answer is redeemed and the attempt repeated,
 * at most `MAX_SIGN_IN_ROUNDS` times.
 */
export async function withSignIn<T>(
  provider: AgenteOAuthProvider | undefined,
  serverUrl: string,
  attempt: () => Promise<T>,
): Promise<T> {
  if (provider === undefined) return attempt();
  await refreshIfDue(provider, serverUrl);
  for (let round = 0; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      const pending = provider.takePendingCallback();
      if (pending === undefined && refusedAfterSignIn(provider, error))
        throw new SignInError(provider.server, "scopeRefused", { cause: error });
      if (pending === undefined || round >= MAX_SIGN_IN_ROUNDS) throw error;
      // The SDK checks `iss` (RFC 9207) and the authorization server binding before redeeming the code.
      await auth(provider, { serverUrl, authorizationCode: pending.code, iss: pending.iss });
    }
  }
}

/**
 * The server refused (403) even after this run's sign-in: the SDK's own step-up limit (one per transport)
 * was reached, or it refused to step up at all.
 */
function refusedAfterSignIn(provider: AgenteOAuthProvider, error: unknown): boolean {
  if (error instanceof InsufficientScopeError) return true;
  return (
    provider.signedInThisRun &&
    error instanceof SdkHttpError &&
    error.code === SdkErrorCode.ClientHttpForbidden
  );
}

/** An expired access token is refreshed (or a client-credentials token fetched again) before use. */
async function refreshIfDue(provider: AgenteOAuthProvider, serverUrl: string): Promise<void> {
  const tokens = provider.tokens();
  if (tokens === undefined || !provider.tokensExpired()) return;
  if (provider.interactive && tokens.refresh_token === undefined) return;
  const result = await auth(provider, { serverUrl });
  const pending = result === "REDIRECT" ? provider.takePendingCallback() : undefined;
  if (pending !== undefined) {
    await auth(provider, { serverUrl, authorizationCode: pending.code, iss: pending.iss });
  }
}

function browserSignIn(server: string, port: number, ui: SignInUi): SignIn {
  return async (authorizationUrl) => {
    const receiver = await startLoopbackReceiver(port, ui.translate);
    const stop = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      const opened = await ui.opener.open(authorizationUrl.href);
      if (opened) ui.say(ui.translate("oauth.login.opening", { server }));
      if (!opened || ui.alwaysShowUrl === true)
        ui.say(ui.translate("oauth.login.openThis", { server, url: authorizationUrl.href }));
      const answers: Array<Promise<URLSearchParams>> = [receiver.callback];
      if (ui.readPastedUrl !== undefined) {
        ui.say(ui.translate("oauth.login.paste"));
        answers.push(pastedAnswer(server, ui.readPastedUrl(stop.signal)));
      }
      answers.push(
        new Promise((_resolve, reject) => {
          timer = setTimeout(
            () => reject(new SignInError(server, "noAnswer")),
            ui.timeoutMs ?? SIGN_IN_TIMEOUT_MS,
          );
        }),
      );
      return await Promise.race(answers);
    } finally {
      clearTimeout(timer);
      stop.abort();
      await receiver.close();
    }
  };
}

/** The query of the address the browser ended on, pasted by the user (no browser on this machine). */
async function pastedAnswer(server: string, line: Promise<string | undefined>): Promise<URLSearchParams> {
  const text = (await line)?.trim();
  // No answer from the terminal (closed input): only the browser can still finish the sign-in.
  if (text === undefined || text === "") return new Promise<URLSearchParams>(() => {});
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SignInError(server, "noCode");
  }
  if (!url.searchParams.has("code") && !url.searchParams.has("error"))
    throw new SignInError(server, "noCode");
  return url.searchParams;
}

/** A port of 127.0.0.1 that is free now (the OS picks it), for a redirect URI that then stays the same. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
