/**
 * Single sign-on's two public routes. `GET /auth/oidc/login` sends the browser to the provider (code flow,
 * PKCE, state, nonce; the pending sign-in sealed in a cookie, oidc-pending-login.ts). `GET
 * /auth/oidc/callback` checks the state, exchanges the code, maps the person's groups to a role
 * (oidc-role.ts), starts a session and sends them to `/`. A sign-in that does not finish gets a page with
 * one line in the person's language (never a stack, never the secret) and a `sign_in_failed` entry.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import * as client from "openid-client";
import type { Language } from "../../i18n/language.js";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { errorMessage } from "../../util/errors.js";
import { Redactor } from "../../util/secret-redaction.js";
import { cookieValue } from "../auth.js";
import { pageLanguage } from "../page-routes.js";
import { escapeHtml, smallPage } from "../small-page.js";
import type { AccessPolicy } from "./access-policy.js";
import type { AuditLog } from "./audit-log.js";
import type { OidcClient } from "./oidc-client.js";
import {
  clearedPendingCookie,
  openPending,
  PENDING_COOKIE,
  pendingCookie,
  sealPending,
} from "./oidc-pending-login.js";
import { groupsOf, roleForGroups } from "./oidc-role.js";
import { OIDC_CALLBACK_PATH, OIDC_LOGIN_PATH, type OidcSettings } from "./oidc-settings.js";
import { OidcSignInError } from "./oidc-sign-in-error.js";
import type { SignInSessions } from "./oidc-sign-in-sessions.js";

/** Everything single sign-on needs; `agente serve` builds it when agente.json has an `oidc` section. */
export interface OidcSignIn {
  settings: OidcSettings;
  client: OidcClient;
  sessions: SignInSessions;
  audit: AuditLog;
  policy: AccessPolicy;
  /** Failures worth an administrator's look (the provider down, a session store error); secret hidden. */
  log?: (line: string) => void;
  /** Milliseconds since the epoch (tests: a fixed clock). */
  now?: () => number;
}

/** The routes the sign-in check lets through without a person. */
export const OIDC_PUBLIC_ROUTES = [`GET ${OIDC_LOGIN_PATH}`, `GET ${OIDC_CALLBACK_PATH}`] as const;

/** What the login form shows: the link's text in the page's language, and where it goes. */
export function oidcLoginLink(settings: OidcSettings, t: Translator): { label: string; href: string } {
  return {
    label: settings.label ?? t("oidc.signInWith", { host: settings.issuer.host }),
    href: OIDC_LOGIN_PATH,
  };
}

/** The login form's single sign-on link, as HTML (the label is the config's text, escaped). */
export function oidcLoginLinkHtml(settings: OidcSettings, t: Translator): string {
  const link = oidcLoginLink(settings, t);
  return `<p class="sso"><a href="${link.href}">${escapeHtml(link.label)}</a></p>`;
}

type Failure =
  | { reason: "unreachable" | "denied" | "invalid" | "state" | "session"; status: number }
  | { reason: "noRole"; status: number; name: string };

/** What the audit trail says of each failure. */
const AUDIT_OUTCOME: Record<Failure["reason"], string> = {
  unreachable: "provider_unreachable",
  denied: "denied",
  invalid: "invalid_answer",
  state: "state_mismatch",
  session: "session_failed",
  noRole: "no_mapped_group",
};

export function registerOidcRoutes(
  app: FastifyInstance,
  signIn: OidcSignIn,
  defaultLanguage: Language,
): void {
  const { settings } = signIn;
  const redactor = new Redactor([settings.clientSecret]);
  const log = (line: string) => signIn.log?.(redactor.text(line));
  const nowSeconds = () => Math.floor((signIn.now?.() ?? Date.now()) / 1000);

  const fail = async (request: FastifyRequest, reply: FastifyReply, failure: Failure, actor: string) => {
    await signIn.audit.record({
      kind: "sign_in_failed",
      actor,
      outcome: AUDIT_OUTCOME[failure.reason],
      address: request.ip,
      via: "oidc",
    });
    const t = createTranslator(pageLanguage(request, defaultLanguage));
    return reply
      .code(failure.status)
      .header("set-cookie", clearedPendingCookie(request.protocol === "https"))
      .header("cache-control", "no-store")
      .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'")
      .type("text/html; charset=utf-8")
      .send(failurePage(t, failureLine(failure, t, settings)));
  };

  app.get(OIDC_LOGIN_PATH, async (request, reply) => {
    const secure = request.protocol === "https";
    const pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      issuedAt: nowSeconds(),
    };
    let target: URL;
    try {
      target = await signIn.client.authorizationUrl({
        redirectUri: redirectUri(request, settings),
        state: pending.state,
        nonce: pending.nonce,
        codeChallenge: await client.calculatePKCECodeChallenge(pending.verifier),
      });
    } catch (error) {
      log(`! single sign-on: ${errorMessage(error)}`);
      return fail(request, reply, providerFailure(error), "anonymous");
    }
    return reply
      .header("set-cookie", pendingCookie(sealPending(pending, settings.clientSecret), secure))
      .header("cache-control", "no-store")
      .redirect(target.href, 302);
  });

  app.get(OIDC_CALLBACK_PATH, async (request, reply) => {
    const secure = request.protocol === "https";
    const callbackUrl = new URL(redirectUri(request, settings));
    callbackUrl.search = new URL(request.url, "http://callback").search;
    const pending = openPending(cookieValue(request, PENDING_COOKIE), settings.clientSecret, nowSeconds());
    const state = callbackUrl.searchParams.get("state");
    if (pending === undefined || state === null || !sameText(state, pending.state))
      return fail(request, reply, { reason: "state", status: 400 }, "anonymous");

    let verified: Awaited<ReturnType<OidcClient["finish"]>>;
    try {
      verified = await signIn.client.finish(callbackUrl, pending);
    } catch (error) {
      const failure = providerFailure(error);
      // A person who cancels is no news for the administrator; anything else is.
      if (failure.reason !== "denied") log(`! single sign-on: ${errorMessage(error)}`);
      return fail(request, reply, failure, "anonymous");
    }
    const name = personName(verified.claims, verified.subject);
    const role = roleForGroups(groupsOf(verified.claims, settings.groupsClaim), settings, signIn.policy);
    if (role === undefined) return fail(request, reply, { reason: "noRole", status: 403, name }, name);

    let cookie: string;
    try {
      ({ cookie } = await signIn.sessions.start(
        { issuer: verified.issuer, subject: verified.subject, name, role },
        { secure, address: request.ip },
      ));
    } catch (error) {
      log(`! single sign-on: the session for ${name} could not start: ${errorMessage(error)}`);
      return fail(request, reply, { reason: "session", status: 500 }, name);
    }
    await signIn.audit.record({
      kind: "sign_in",
      actor: name,
      subject: `${verified.issuer} ${verified.subject}`,
      outcome: "ok",
      address: request.ip,
      via: "oidc",
    });
    return reply
      .header("set-cookie", [clearedPendingCookie(secure), cookie])
      .header("cache-control", "no-store")
      .redirect("/", 303);
  });
}

/** What the person is told when the provider's side failed: 502 unreachable, 403 refused, 400 unverifiable. */
function providerFailure(error: unknown): Failure {
  const reason = error instanceof OidcSignInError ? error.reason : "invalid";
  return { reason, status: reason === "unreachable" ? 502 : reason === "denied" ? 403 : 400 };
}

/** `<public URL>/auth/oidc/callback`: `publicUrl`, else the scheme and host the request came with. */
export function redirectUri(request: FastifyRequest, settings: OidcSettings): string {
  if (settings.publicUrl !== undefined) {
    const base = settings.publicUrl.pathname.replace(/\/+$/, "");
    return new URL(`${base}${OIDC_CALLBACK_PATH}`, settings.publicUrl).href;
  }
  return `${request.protocol}://${request.host}${OIDC_CALLBACK_PATH}`;
}

function personName(claims: Readonly<Record<string, unknown>>, subject: string): string {
  for (const claim of ["preferred_username", "name", "email"]) {
    const value = claims[claim];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return subject;
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function failureLine(failure: Failure, t: Translator, settings: OidcSettings): string {
  const host = settings.issuer.host;
  switch (failure.reason) {
    case "unreachable":
      return t("oidc.unreachable", { host });
    case "denied":
      return t("oidc.denied", { host });
    case "invalid":
      return t("oidc.invalidAnswer", { host });
    case "state":
      return t("oidc.stateMismatch");
    case "session":
      return t("oidc.sessionFailed");
    case "noRole":
      return t("oidc.noRole", { name: failure.name });
  }
}

function failurePage(t: Translator, line: string): string {
  // The person's name comes from the provider: it is text, never markup.
  return smallPage({
    language: t.language,
    title: t("oidc.failedTitle"),
    maxWidth: "28rem",
    body: `<p class="error" role="alert">${escapeHtml(line)}</p>
<p><a href="/">${t("oidc.backToSignIn")}</a></p>`,
  });
}
