/**
 * Single sign-on on the real accounts: a person the provider (`oidc-provider` on loopback) vouches for
 * becomes an account in the SQLite account store, linked by issuer and subject, and the session cookie the
 * callback sets is the one the sign-in check reads. Their role follows the provider's groups.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveAccessPolicy } from "../../../src/serve/team/access-policy.js";
import { Accounts } from "../../../src/serve/team/accounts.js";
import { accountSignInSessions } from "../../../src/serve/team/oidc-account-sessions.js";
import { openIdClient } from "../../../src/serve/team/oidc-client.js";
import { signInIdentity } from "../../../src/serve/team/sign-in.js";
import { SqliteAccountStore } from "../../../src/serve/team/sqlite-account-store.js";
import { CookieBrowser } from "../../fixtures/oidc/cookie-browser.js";
import { type IdentityProvider, startIdentityProvider } from "../../fixtures/oidc/identity-provider.js";
import { MemoryAudit, settingsFor } from "../../fixtures/oidc/sign-in-doubles.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

const CLIENT_SECRET = "oidc-client-secret-for-accounts-5521";

describe("single sign-on onto agente's accounts", { timeout: 30_000 }, () => {
  let idp: IdentityProvider;
  let app: TestApp;
  let folder: string;
  let store: SqliteAccountStore;
  const audit = new MemoryAudit();
  const groups = { sara: ["staff"] as string[] };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-oidc-accounts-"));
    idp = await startIdentityProvider([
      {
        sub: "sub-sara",
        preferred_username: "sara",
        name: "Sara",
        email: "s@example.com",
        groups: groups.sara,
      },
      {
        sub: "sub-ana-idp",
        preferred_username: "ana",
        name: "Ana",
        email: "a@example.com",
        groups: ["staff"],
      },
    ]);
    store = new SqliteAccountStore({ path: join(folder, "conversations.db") });
    const policy = resolveAccessPolicy(undefined);
    const accounts = new Accounts({ store, policy, audit });
    await accounts.addUser("cli", { name: "ana", role: "viewer", password: "contraseña-larga-1" });
    const settings = settingsFor(idp.issuer, CLIENT_SECRET);
    app = await startTestApp({
      deps: {
        accounts,
        identify: signInIdentity({ accounts, loopbackOwner: false }),
        oidc: {
          settings,
          client: openIdClient(settings),
          sessions: accountSignInSessions(accounts),
          audit,
          policy,
          log: () => {},
        },
      },
    });
    idp.registerClient({
      clientId: "agente",
      clientSecret: CLIENT_SECRET,
      redirectUri: `${app.url}/auth/oidc/callback`,
    });
  });

  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await store?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  async function signIn(login: string): Promise<CookieBrowser> {
    const browser = new CookieBrowser();
    const atForm = await browser.follow(`${app.url}/auth/oidc/login`);
    const back = await browser.follow(atForm.last.url, {
      form: { login, go: "1" },
      stopAt: (url) => url.startsWith(`${app.url}/auth/oidc/callback`),
    });
    if (back.stoppedAt === undefined) throw new Error(`never came back: ${back.last.status}`);
    const arrived = await browser.request(back.stoppedAt);
    expect(arrived.status).toBe(303);
    expect(arrived.setCookies.find((line) => line.startsWith("agente_session="))).toMatch(
      /^agente_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604800$/,
    );
    return browser;
  }

  it("the callback's cookie signs the person in as a linked account with their group's role", async () => {
    const browser = await signIn("sara");
    expect((await browser.request(`${app.url}/api/sessions`)).status).toBe(200);
    expect((await new CookieBrowser().request(`${app.url}/api/sessions`)).status).toBe(401);
    const sara = await store.externalAccount(`${idp.issuer}`, "sub-sara");
    expect(sara).toMatchObject({ name: "sara", role: "member" });
    expect(await store.userNamed("sara")).toMatchObject({ id: sara?.id });
  });

  it("a second sign-in reuses the account, with the role the groups now give", async () => {
    const first = await store.externalAccount(`${idp.issuer}`, "sub-sara");
    groups.sara.splice(0, groups.sara.length, "agente-admins");
    await signIn("sara");
    const again = await store.externalAccount(`${idp.issuer}`, "sub-sara");
    expect(again).toEqual({ ...first, role: "admin" });
    expect((await store.users()).filter((user) => user.name.startsWith("sara"))).toHaveLength(1);
  });

  it("a provider's person named like a local account gets a name of their own, not the local account", async () => {
    await signIn("ana");
    const linked = await store.externalAccount(`${idp.issuer}`, "sub-ana-idp");
    expect(linked?.name).toBe(`ana@${new URL(idp.issuer).host}`);
    expect((await store.userNamed("ana"))?.role).toBe("viewer");
  });
});
