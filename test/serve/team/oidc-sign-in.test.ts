/**
 * Single sign-on against a real OpenID provider on loopback (`oidc-provider`, test/fixtures/oidc): the
 * whole code flow over HTTP with a cookie jar, agente's app in process with the API key on (so only the
 * public routes let the browser through). The session store and the audit trail are recording doubles.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveAccessPolicy } from "../../../src/serve/team/access-policy.js";
import { openIdClient } from "../../../src/serve/team/oidc-client.js";
import type { OidcSignIn } from "../../../src/serve/team/oidc-routes.js";
import type { OidcSettings } from "../../../src/serve/team/oidc-settings.js";
import { CookieBrowser } from "../../fixtures/oidc/cookie-browser.js";
import {
  type IdentityProvider,
  startIdentityProvider,
  type TestPerson,
} from "../../fixtures/oidc/identity-provider.js";
import { MemoryAudit, RecordingSessions, settingsFor } from "../../fixtures/oidc/sign-in-doubles.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

const CLIENT_SECRET = "oidc-client-secret-Zq81-never-shown";
const API_KEY = "clave-de-la-api-para-oidc-2207";

const PEOPLE: TestPerson[] = [
  {
    sub: "sub-ana",
    preferred_username: "ana",
    name: "Ana Ruiz",
    email: "ana@example.com",
    groups: ["staff", "agente-admins"],
  },
  {
    sub: "sub-luis",
    preferred_username: "luis",
    name: "Luis Gil",
    email: "luis@example.com",
    groups: ["staff"],
  },
  {
    sub: "sub-pedro",
    preferred_username: "pedro",
    name: "Pedro Sanz",
    email: "pedro@example.com",
    groups: ["visitors"],
  },
];

describe("single sign-on through a real OpenID provider", { timeout: 30_000 }, () => {
  let idp: IdentityProvider;
  let app: TestApp;
  let replica: TestApp;
  const sessions = new RecordingSessions();
  const audit = new MemoryAudit();
  const logLines: string[] = [];
  const browsers: CookieBrowser[] = [];
  const newBrowser = () => {
    const browser = new CookieBrowser();
    browsers.push(browser);
    return browser;
  };

  beforeAll(async () => {
    idp = await startIdentityProvider(PEOPLE);
    const signIn = (settings: OidcSettings): OidcSignIn => ({
      settings,
      client: openIdClient(settings),
      sessions,
      audit,
      policy: resolveAccessPolicy(undefined),
      log: (line) => logLines.push(line),
    });
    app = await startTestApp({
      deps: {
        apiKey: API_KEY,
        oidc: signIn(settingsFor(idp.issuer, CLIENT_SECRET)),
        log: (line) => logLines.push(line),
      },
    });
    // A second replica of the same service: people reach both at one public address (here, the first's).
    replica = await startTestApp({
      deps: { apiKey: API_KEY, oidc: signIn(settingsFor(idp.issuer, CLIENT_SECRET, { publicUrl: app.url })) },
    });
    idp.registerClient({
      clientId: "agente",
      clientSecret: CLIENT_SECRET,
      redirectUri: `${app.url}/auth/oidc/callback`,
    });
  });

  afterAll(async () => {
    await app?.close();
    await replica?.close();
    await idp?.close();
  });

  /** Login link → the provider's form → submitted → stops before loading agente's callback. */
  async function toCallback(
    browser: CookieBrowser,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<string> {
    const atForm = await browser.follow(`${app.url}/auth/oidc/login`, { headers });
    expect(atForm.last.url).toMatch(new RegExp(`^${idp.issuer}/interaction/`));
    expect(atForm.last.body).toContain('name="login"');
    const back = await browser.follow(atForm.last.url, {
      form,
      stopAt: (url) => url.startsWith(`${app.url}/auth/oidc/callback`),
    });
    if (back.stoppedAt === undefined)
      throw new Error(`never came back: ${back.last.status} ${back.last.body}`);
    return back.stoppedAt;
  }

  it("the login form links to the provider, in the page's language", async () => {
    const browser = newBrowser();
    const english = await browser.request(`${app.url}/`, { headers: { "accept-language": "en" } });
    expect(english.status).toBe(401);
    const host = new URL(idp.issuer).host;
    expect(english.body).toContain(`<p class="sso"><a href="/auth/oidc/login">Sign in with ${host}</a></p>`);
    const spanish = await browser.request(`${app.url}/?lang=es`);
    expect(spanish.body).toContain(`<a href="/auth/oidc/login">Entrar con ${host}</a>`);
  });

  it("signs a person in with the role of their most powerful group, and redirects to / with the session cookie", async () => {
    const browser = newBrowser();
    const login = await browser.request(`${app.url}/auth/oidc/login`);
    expect(login.status).toBe(302);
    const authorize = new URL(login.headers.location ?? "");
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("scope")).toBe("openid profile email groups");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${app.url}/auth/oidc/callback`);
    expect(login.setCookies[0]).toMatch(
      /^agente_oidc=[\w-]+; Path=\/auth\/oidc; HttpOnly; SameSite=Lax; Max-Age=600$/,
    );

    const before = sessions.started.length;
    const flow = newBrowser();
    const back = await toCallback(flow, { login: "ana", go: "1" });
    const arrived = await flow.request(back);
    expect(arrived.status).toBe(303);
    expect(arrived.headers.location).toBe("/");
    expect(arrived.setCookies).toContain(
      `agente_session=sesion-${sessions.started.length}; Path=/; HttpOnly; SameSite=Lax`,
    );
    expect(arrived.setCookies[0]).toMatch(
      /^agente_oidc=; Path=\/auth\/oidc; HttpOnly; SameSite=Lax; Max-Age=0$/,
    );
    expect(sessions.started.slice(before)).toEqual([
      {
        person: { issuer: `${idp.issuer}`, subject: "sub-ana", name: "ana", role: "admin" },
        context: { secure: false, address: "127.0.0.1" },
      },
    ]);
    // The default client authentication: the secret in the Authorization header (client_secret_basic).
    expect(idp.tokenAuth.at(-1)).toBe("header");
    expect(audit.entries.at(-1)).toMatchObject({
      kind: "sign_in",
      actor: "ana",
      subject: `${idp.issuer} sub-ana`,
      outcome: "ok",
      via: "oidc",
    });
  });

  it("a person in the staff group only becomes a member", async () => {
    const browser = newBrowser();
    const arrived = await browser.request(await toCallback(browser, { login: "luis", go: "1" }));
    expect(arrived.status).toBe(303);
    expect(sessions.started.at(-1)?.person).toEqual({
      issuer: idp.issuer,
      subject: "sub-luis",
      name: "luis",
      role: "member",
    });
  });

  it("refuses a person in no mapped group, with one line in their language", async () => {
    const before = sessions.started.length;
    for (const [language, line] of [
      [
        "en",
        "pedro is in no group that has a role on this agente: ask your administrator to add you to one.",
      ],
      [
        "es",
        "pedro no está en ningún grupo con un rol en este agente: pide a tu administrador que te añada a uno.",
      ],
    ] as const) {
      const browser = newBrowser();
      const headers = { "accept-language": language };
      const back = await toCallback(browser, { login: "pedro", go: "1" }, headers);
      const refused = await browser.request(back, { headers });
      expect(refused.status).toBe(403);
      expect(refused.body).toContain(`<p class="error" role="alert">${line}</p>`);
      expect(refused.body).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    expect(sessions.started.length).toBe(before);
    expect(audit.entries.at(-1)).toMatchObject({
      kind: "sign_in_failed",
      actor: "pedro",
      outcome: "no_mapped_group",
    });
  });

  it("refuses a tampered state, and a callback from a browser that never started the sign-in", async () => {
    const before = sessions.started.length;
    const tokenRequests = idp.tokenRequests;
    const browser = newBrowser();
    const back = new URL(await toCallback(browser, { login: "ana", go: "1" }));
    const tampered = new URL(back);
    tampered.searchParams.set("state", `${back.searchParams.get("state")}x`);
    const refused = await browser.request(tampered.href, { headers: { "accept-language": "en" } });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain(
      '<p class="error" role="alert">This sign-in expired or was altered: start again from the sign-in page.</p>',
    );
    const stranger = await newBrowser().request(back.href, { headers: { "accept-language": "en" } });
    expect(stranger.status).toBe(400);
    expect(stranger.body).toContain("This sign-in expired or was altered");
    expect(sessions.started.length).toBe(before);
    expect(idp.tokenRequests).toBe(tokenRequests);
    expect(audit.entries.at(-1)).toMatchObject({ kind: "sign_in_failed", outcome: "state_mismatch" });
  });

  it("says so when the person cancels at the provider", async () => {
    const browser = newBrowser();
    const back = await toCallback(browser, { cancel: "1" }, { "accept-language": "es" });
    expect(new URL(back).searchParams.get("error")).toBe("access_denied");
    const refused = await browser.request(back, { headers: { "accept-language": "es" } });
    expect(refused.status).toBe(403);
    const host = new URL(idp.issuer).host;
    expect(refused.body).toContain(
      `<p class="error" role="alert">La entrada en ${host} se canceló o fue rechazada: vuelve a empezar o avisa a tu administrador.</p>`,
    );
    expect(audit.entries.at(-1)).toMatchObject({ kind: "sign_in_failed", outcome: "denied" });
  });

  it("another replica with the same config finishes a sign-in this one started", async () => {
    const browser = newBrowser();
    const back = new URL(await toCallback(browser, { login: "luis", go: "1" }));
    const before = sessions.started.length;
    // Behind one address both replicas see the same cookies; here the replica listens on its own port.
    browser.copyCookies(app.url, replica.url);
    const finished = await browser.request(new URL(`${back.pathname}${back.search}`, replica.url).href);
    expect(finished.status).toBe(303);
    expect(finished.headers.location).toBe("/");
    expect(sessions.started.slice(before).map((started) => started.person)).toEqual([
      { issuer: idp.issuer, subject: "sub-luis", name: "luis", role: "member" },
    ]);
  });

  it("the client secret never appears in a response, a cookie, a log line or the audit trail", () => {
    // Every response every browser of this file saw, every log line and audit entry.
    const seen = browsers.flatMap((browser) => browser.seen);
    expect(seen.length).toBeGreaterThan(40);
    const everything = JSON.stringify({ seen, logLines, audit: audit.entries });
    expect(everything).not.toContain(CLIENT_SECRET);
    expect(everything).not.toContain(encodeURIComponent(CLIENT_SECRET));
  });
});
