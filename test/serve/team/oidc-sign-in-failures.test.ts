/**
 * Single sign-on when something on the way fails: the provider down before the sign-in starts, the
 * provider gone between the login and the callback, and a session store that refuses. Each time one line
 * in the person's language, a `sign_in_failed` entry, a log line for the administrator, and the client
 * secret nowhere.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createTranslator } from "../../../src/i18n/translator.js";
import { resolveAccessPolicy } from "../../../src/serve/team/access-policy.js";
import { openIdClient } from "../../../src/serve/team/oidc-client.js";
import { checkIssuer } from "../../../src/serve/team/oidc-issuer-check.js";
import type { OidcSettings } from "../../../src/serve/team/oidc-settings.js";
import { CookieBrowser } from "../../fixtures/oidc/cookie-browser.js";
import { startIdentityProvider } from "../../fixtures/oidc/identity-provider.js";
import {
  closedLoopbackPort,
  MemoryAudit,
  RecordingSessions,
  settingsFor,
} from "../../fixtures/oidc/sign-in-doubles.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

const CLIENT_SECRET = "failures-oidc-secret-31d9-never-shown";
const EN = { "accept-language": "en" };

let cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function appWith(settings: OidcSettings, sessions = new RecordingSessions()) {
  const audit = new MemoryAudit();
  const logLines: string[] = [];
  const app: TestApp = await startTestApp({
    deps: {
      oidc: {
        settings,
        client: openIdClient(settings),
        sessions,
        audit,
        policy: resolveAccessPolicy(undefined),
        log: (line) => logLines.push(line),
      },
    },
  });
  cleanups.push(() => app.close());
  return { app, audit, logLines, sessions };
}

/** A provider with ana (staff), the app registered at it, and a browser stopped before the callback. */
async function signedInAtProvider(sessions?: RecordingSessions) {
  const idp = await startIdentityProvider([
    { sub: "s-ana", preferred_username: "ana", name: "Ana", email: "a@example.com", groups: ["staff"] },
  ]);
  cleanups.push(() => idp.close());
  const parts = await appWith(settingsFor(idp.issuer, CLIENT_SECRET), sessions);
  idp.registerClient({
    clientId: "agente",
    clientSecret: CLIENT_SECRET,
    redirectUri: `${parts.app.url}/auth/oidc/callback`,
  });
  const browser = new CookieBrowser();
  const atForm = await browser.follow(`${parts.app.url}/auth/oidc/login`);
  const back = await browser.follow(atForm.last.url, {
    form: { login: "ana", go: "1" },
    stopAt: (url) => url.startsWith(`${parts.app.url}/auth/oidc/callback`),
  });
  if (back.stoppedAt === undefined) throw new Error("never came back");
  return { ...parts, idp, browser, callback: back.stoppedAt };
}

describe("single sign-on when something fails", { timeout: 30_000 }, () => {
  it("a provider down before the sign-in: the login route says so, and the start-up check names the issuer", async () => {
    const port = await closedLoopbackPort();
    const settings = settingsFor(`http://127.0.0.1:${port}`, CLIENT_SECRET);
    const { app, audit, logLines } = await appWith(settings);
    const browser = new CookieBrowser();
    const answer = await browser.request(`${app.url}/auth/oidc/login`, { headers: EN });
    expect(answer.status).toBe(502);
    expect(answer.body).toContain(
      `<p class="error" role="alert">The sign-in provider 127.0.0.1:${port} cannot be reached: try again in a minute, or tell your administrator.</p>`,
    );
    expect(logLines).toHaveLength(1);
    expect(logLines[0]).toMatch(
      /^! single sign-on: discovery of http:\/\/127\.0\.0\.1:\d+\/ failed: fetch failed/,
    );
    expect(audit.entries).toMatchObject([{ kind: "sign_in_failed", outcome: "provider_unreachable" }]);
    const check = await checkIssuer(openIdClient(settings), settings, createTranslator("en"));
    expect(check.ok).toBe(false);
    expect(check.line).toMatch(
      new RegExp(
        `^single sign-on: the issuer http://127\\.0\\.0\\.1:${port}/ cannot be reached \\(.*ECONNREFUSED.*\\): check oidc\\.issuer in agente\\.json and the network$`,
      ),
    );
    expect(JSON.stringify([browser.seen, logLines, check])).not.toContain(CLIENT_SECRET);
  });

  it("the provider gone between the login and the callback: the code exchange fails as unreachable", async () => {
    const { idp, browser, callback, audit, logLines, sessions } = await signedInAtProvider();
    await idp.close();
    const answer = await browser.request(callback, { headers: EN });
    expect(answer.status).toBe(502);
    expect(answer.body).toContain("cannot be reached: try again in a minute, or tell your administrator.");
    expect(sessions.started).toEqual([]);
    expect(audit.entries.at(-1)).toMatchObject({ kind: "sign_in_failed", outcome: "provider_unreachable" });
    expect(logLines.at(-1)).toMatch(/^! single sign-on: sign-in failed: fetch failed/);
    expect(JSON.stringify([browser.seen, logLines])).not.toContain(CLIENT_SECRET);
  });

  it("a session store that refuses: the person is told, the administrator gets the reason without the secret", async () => {
    const sessions = new RecordingSessions();
    sessions.failure = new Error(`the store is read-only (config had ${CLIENT_SECRET})`);
    const { browser, callback, audit, logLines } = await signedInAtProvider(sessions);
    const answer = await browser.request(callback, { headers: { "accept-language": "es" } });
    expect(answer.status).toBe(500);
    expect(answer.body).toContain(
      '<p class="error" role="alert">Tu entrada fue aceptada pero no se pudo abrir la sesión: inténtalo de nuevo o avisa a tu administrador.</p>',
    );
    expect(audit.entries.at(-1)).toMatchObject({
      kind: "sign_in_failed",
      actor: "ana",
      outcome: "session_failed",
    });
    expect(logLines).toEqual([
      "! single sign-on: the session for ana could not start: the store is read-only (config had [redacted])",
    ]);
    expect(JSON.stringify([browser.seen, audit.entries])).not.toContain(CLIENT_SECRET);
  });
});
