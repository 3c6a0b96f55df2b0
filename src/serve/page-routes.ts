/**
 * `GET /`: the web chat's HTML shell (the bundled script draws the page, with the text the shell embeds
 * from the catalogue's page table in the chosen language), its assets, and signing in and out: the login
 * form asks for the API key once (or, once accounts exist, a name and password: a session row) and leaves
 * an HttpOnly, SameSite cookie, `Secure` when the page came over HTTPS (TLS, or a trusted proxy's
 * X-Forwarded-Proto). Wrong attempts are counted per address and account (login-limiter.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type Language, languageOf } from "../i18n/language.js";
import { createTranslator, type Translator } from "../i18n/translator.js";
import { sendApiError } from "./api-error.js";
import { cookieValue, SESSION_COOKIE, sameSecret, sessionCookie } from "./auth.js";
import { type LoginForm, loginPage } from "./login-page.js";
import type { PageAssets } from "./page-assets.js";
import { embeddedPageStrings } from "./page-strings.js";
import type { Accounts } from "./team/accounts.js";
import type { LoginLimiter } from "./team/login-limiter.js";
import { originAllowed } from "./team/origin-check.js";
import { ACCOUNT_COOKIE } from "./team/sign-in.js";

export const LANGUAGE_COOKIE = "agente_lang";

export interface PageRoutesOptions {
  page: PageAssets;
  apiKey?: string;
  defaultLanguage: Language;
  /** Local accounts: once there are any, the login form asks for a name and a password. */
  accounts?: Accounts;
  /** Wrong sign-ins per address and per account. */
  limiter: LoginLimiter;
  corsOrigin?: string;
  /** The login form's single sign-on link (HTML), when `oidc` is configured (team/oidc-routes.ts). */
  signInLink?: (t: Translator) => string;
}

const keyLoginBody = z.looseObject({ key: z.string() });
const accountLoginBody = z.looseObject({ name: z.string(), password: z.string() });

const CONTENT_SECURITY =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self' data:; frame-ancestors 'none'";

/** `?lang=` (the page's switch), the cookie it leaves, else the browser's first Accept-Language, else the default. */
export function pageLanguage(request: FastifyRequest, fallback: Language): Language {
  const query = new URL(request.url, "http://page").searchParams.get("lang");
  if (query === "es" || query === "en") return query;
  const chosen = cookieValue(request, LANGUAGE_COOKIE);
  if (chosen === "es" || chosen === "en") return chosen;
  const accepted = request.headers["accept-language"]?.split(",")[0];
  return accepted === undefined || accepted.trim() === "" ? fallback : languageOf(accepted);
}

export function registerPageRoutes(app: FastifyInstance, options: PageRoutesOptions): void {
  // The login form, with single sign-on's link when `oidc` is configured.
  const loginPageWithLink = (
    t: Translator,
    form: LoginForm,
    problem?: Parameters<typeof loginPage>[2],
    name?: string,
  ) => loginPage(t, form, problem, name, options.signInLink?.(t));
  app.get("/", async (request, reply) => {
    const t = createTranslator(pageLanguage(request, options.defaultLanguage));
    reply.header("content-security-policy", CONTENT_SECURITY).header("cache-control", "no-store");
    reply.header("set-cookie", `${LANGUAGE_COOKIE}=${t.language}; Path=/; SameSite=Strict; Max-Age=31536000`);
    if (request.person === undefined)
      return reply
        .code(401)
        .type("text/html; charset=utf-8")
        .send(loginPageWithLink(t, (await loginForm(options)) ?? "key"));
    if (options.page.script === undefined)
      return reply.code(503).type("text/plain; charset=utf-8").send(t("serve.pageMissing"));
    return reply.type("text/html; charset=utf-8").send(shell(t.language));
  });

  app.get("/assets/app.js", async (_request, reply) =>
    reply
      .type("text/javascript; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(options.page.script ?? ""),
  );
  app.get("/assets/app.css", async (_request, reply) =>
    reply
      .type("text/css; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(options.page.style ?? ""),
  );

  app.post("/login", async (request, reply) => {
    const t = createTranslator(pageLanguage(request, options.defaultLanguage));
    if (!originAllowed(request, options.corsOrigin, true)) return refuseOrigin(reply, t, request);
    const form = await loginForm(options);
    if (form === undefined) return reply.redirect("/", 303);
    const body = form === "account" ? accountLoginBody.safeParse(request.body) : undefined;
    const name = body?.success === true ? body.data.name.trim() : "";
    const keys = [`address:${request.ip}`, ...(form === "account" ? [`user:${name.toLowerCase()}`] : [])];
    const html = reply.type("text/html; charset=utf-8");
    const retryAfter = options.limiter.refusedFor(keys);
    if (retryAfter !== undefined)
      return html
        .code(429)
        .header("retry-after", String(retryAfter))
        .send(loginPageWithLink(t, form, { kind: "tooMany", retryAfterSeconds: retryAfter }, name));
    const secure = request.protocol === "https";
    if (form === "account" && options.accounts !== undefined) {
      const account =
        body?.success === true
          ? await options.accounts.checkPassword(name, body.data.password, request.ip)
          : undefined;
      if (account === undefined) {
        options.limiter.failed(keys);
        return html.code(401).send(loginPageWithLink(t, form, { kind: "wrong" }, name));
      }
      options.limiter.succeeded(keys);
      const session = await options.accounts.startSession(account);
      return reply
        .header("set-cookie", cookie(ACCOUNT_COOKIE, session.cookieValue, session.maxAgeSeconds, secure))
        .redirect("/", 303);
    }
    const key = keyLoginBody.safeParse(request.body);
    if (options.apiKey === undefined || !key.success || !sameSecret(key.data.key.trim(), options.apiKey)) {
      options.limiter.failed(keys);
      return html.code(401).send(loginPageWithLink(t, "key", { kind: "wrong" }));
    }
    options.limiter.succeeded(keys);
    return reply.header("set-cookie", sessionCookie(options.apiKey, secure)).redirect("/", 303);
  });

  app.post("/logout", async (request, reply) => {
    const t = createTranslator(pageLanguage(request, options.defaultLanguage));
    if (!originAllowed(request, options.corsOrigin, true)) return refuseOrigin(reply, t, request);
    const session = cookieValue(request, ACCOUNT_COOKIE);
    if (session !== undefined && session !== "" && options.accounts !== undefined)
      await options.accounts.endSession(session, request.person?.name ?? "unknown");
    const secure = request.protocol === "https";
    return reply
      .header("set-cookie", [cookie(ACCOUNT_COOKIE, "", 0, secure), cookie(SESSION_COOKIE, "", 0, secure)])
      .redirect("/", 303);
  });
}

/** Which form signs in: names and passwords once accounts exist, the key on a single-person server. */
async function loginForm(options: PageRoutesOptions): Promise<LoginForm | undefined> {
  if (options.accounts !== undefined && (await options.accounts.store.hasUsers())) return "account";
  if (options.accounts !== undefined && options.signInLink !== undefined) return "account";
  return options.apiKey === undefined ? undefined : "key";
}

/** A sign-in cookie: HttpOnly, SameSite=Strict, and Secure when the page came over HTTPS. */
function cookie(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  const attributes = [
    `${name}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (secure) attributes.push("Secure");
  return attributes.join("; ");
}

function shell(language: Language): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>agente</title>
<link rel="stylesheet" href="/assets/app.css">
<script type="application/json" id="page-strings">${embeddedPageStrings(language)}</script>
<script type="module" src="/assets/app.js"></script>
</head>
<body>
<div id="app"></div>
</body>
</html>
`;
}

/** A sign-in or sign-out posted from another site: refused, naming the origin. */
function refuseOrigin(reply: FastifyReply, t: Translator, request: FastifyRequest) {
  return sendApiError(
    reply,
    403,
    t("team.originRefused", { origin: request.headers.origin ?? "" }),
    "permission_error",
    "origin_not_allowed",
  );
}
