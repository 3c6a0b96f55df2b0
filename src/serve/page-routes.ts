/**
 * `GET /`: the web chat's HTML shell (the bundled script draws the page, with the text the shell embeds
 * from the catalogue's page table in the chosen language), its assets, and the login form
 * that asks for the API key once and leaves an HttpOnly, SameSite cookie.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { type Language, languageOf } from "../i18n/language.js";
import { createTranslator, type Translator } from "../i18n/translator.js";
import { callerOf, cookieValue, sameSecret, sessionCookie } from "./auth.js";
import type { PageAssets } from "./page-assets.js";
import { embeddedPageStrings } from "./page-strings.js";

export const LANGUAGE_COOKIE = "agente_lang";

export interface PageRoutesOptions {
  page: PageAssets;
  apiKey?: string;
  defaultLanguage: Language;
  /** The login form's single sign-on link (HTML), when `oidc` is configured (team/oidc-routes.ts). */
  signInLink?: (t: Translator) => string;
}

const loginBody = z.looseObject({ key: z.string() });

const CONTENT_SECURITY =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

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
  app.get("/", async (request, reply) => {
    const t = createTranslator(pageLanguage(request, options.defaultLanguage));
    reply.header("content-security-policy", CONTENT_SECURITY).header("cache-control", "no-store");
    reply.header("set-cookie", `${LANGUAGE_COOKIE}=${t.language}; Path=/; SameSite=Strict; Max-Age=31536000`);
    if (options.apiKey !== undefined && callerOf(request, options.apiKey) === undefined)
      return reply
        .code(401)
        .type("text/html; charset=utf-8")
        .send(loginPage(t, false, options.signInLink?.(t)));
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
    const body = loginBody.safeParse(request.body);
    const key = options.apiKey;
    if (key === undefined) return reply.redirect("/", 303);
    if (!body.success || !sameSecret(body.data.key.trim(), key))
      return reply
        .code(401)
        .type("text/html; charset=utf-8")
        .send(loginPage(t, true, options.signInLink?.(t)));
    const secure = request.protocol === "https";
    return reply.header("set-cookie", sessionCookie(key, secure)).redirect("/", 303);
  });
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

function loginPage(t: Translator, wrong: boolean, signInLink = ""): string {
  return `<!doctype html>
<html lang="${t.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t("serve.loginTitle")}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d2330;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;padding:2rem;border-radius:12px;box-shadow:0 2px 12px #0002;max-width:24rem}
label{display:block;margin:1rem 0 .3rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #767c89;border-radius:6px;font-size:1rem}
button{margin-top:1rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1f4fd1;color:#fff;font-size:1rem}
.error{color:#a4161a}
</style>
</head>
<body>
<main>
<h1>agente</h1>
<p>${t("serve.loginPrompt")}</p>
${wrong ? `<p class="error" role="alert">${t("serve.loginWrong")}</p>` : ""}
<form method="post" action="/login">
<label for="key">${t("serve.loginKey")}</label>
<input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
<button type="submit">${t("serve.loginButton")}</button>
</form>
${signInLink}
</main>
</body>
</html>
`;
}
