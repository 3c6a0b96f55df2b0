/** The OAuth parts on their own: the browser command line, the token file, and the provider's guards. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { oauthSettings } from "../../../src/config/oauth-entry.js";
import { browserCommand } from "../../../src/mcp/oauth/browser-opener.js";
import { FileOAuthStore, oauthFolder } from "../../../src/mcp/oauth/file-oauth-store.js";
import { AgenteOAuthProvider } from "../../../src/mcp/oauth/oauth-provider.js";
import { oauthSessionFor } from "../../../src/mcp/oauth/oauth-session.js";
import { MemoryOAuthStore } from "../../../src/mcp/oauth/oauth-store.js";

const URL_TO_OPEN = "https://as.example/authorize?state=abc&x=1";

describe("the browser command", () => {
  it("is $BROWSER when set, with %s replaced or the URL appended", () => {
    expect(browserCommand(URL_TO_OPEN, { BROWSER: "firefox" })).toEqual({
      command: "firefox",
      args: [URL_TO_OPEN],
    });
    expect(browserCommand(URL_TO_OPEN, { BROWSER: "node /x/browser.mjs" })).toEqual({
      command: "node",
      args: ["/x/browser.mjs", URL_TO_OPEN],
    });
    expect(browserCommand(URL_TO_OPEN, { BROWSER: "w3m --open=%s:lynx" })).toEqual({
      command: "w3m",
      args: [`--open=${URL_TO_OPEN}`],
    });
  });

  it("is the platform's opener otherwise", () => {
    expect(browserCommand(URL_TO_OPEN, {}, "linux")).toEqual({ command: "xdg-open", args: [URL_TO_OPEN] });
    expect(browserCommand(URL_TO_OPEN, {}, "darwin")).toEqual({ command: "open", args: [URL_TO_OPEN] });
    expect(browserCommand(URL_TO_OPEN, { BROWSER: " " }, "win32")).toEqual({
      command: "cmd",
      args: ["/c", "start", '""', "https://as.example/authorize?state=abc^&x=1"],
    });
    expect(browserCommand(URL_TO_OPEN, {}, "aix")).toBeUndefined();
  });
});

describe("the token file", () => {
  it("lives in the data folder, 0600 in a 0700 folder, one file per server", () => {
    expect(oauthFolder({ XDG_DATA_HOME: "/data" })).toBe("/data/agente/oauth");
    expect(oauthFolder({ XDG_DATA_HOME: "relative", HOME: "/home/ana" })).toBe(
      "/home/ana/.local/share/agente/oauth",
    );
    const store = new FileOAuthStore(join(mkdtempSync(join(tmpdir(), "agente-store-")), "oauth"));
    store.save("crm/eu", { serverUrl: "https://crm.example/mcp", redirectPort: 4321 });
    expect(statSync(store.folder).mode & 0o777).toBe(0o700);
    expect(statSync(store.fileOf("crm/eu")).mode & 0o777).toBe(0o600);
    expect(store.fileOf("crm/eu")).not.toBe(store.fileOf("crm_eu"));
    expect(store.load("crm/eu")).toEqual({ serverUrl: "https://crm.example/mcp", redirectPort: 4321 });
    expect(store.remove("crm/eu")).toBe(true);
    expect(store.remove("crm/eu")).toBe(false);
  });

  it("reads a damaged file as no login", () => {
    const store = new FileOAuthStore(join(mkdtempSync(join(tmpdir(), "agente-store-")), "oauth"));
    store.save("crm", { serverUrl: "https://crm.example/mcp" });
    writeFileSync(store.fileOf("crm"), "{ not json");
    expect(store.load("crm")).toBeUndefined();
    writeFileSync(store.fileOf("crm"), JSON.stringify({ serverUrl: 3 }));
    expect(store.load("crm")).toBeUndefined();
    expect(readFileSync(store.fileOf("crm"), "utf8")).toContain("serverUrl");
  });
});

function provider(store = new MemoryOAuthStore(), secrets: string[] = [], url = "https://crm.example/mcp") {
  return new AgenteOAuthProvider({
    server: "crm",
    serverUrl: url,
    settings: oauthSettings(undefined),
    store,
    redirectPort: 4321,
    signIn: async () => new URLSearchParams({ code: "the-code", state: "forged" }),
    onSecret: (secret) => secrets.push(secret),
    now: () => 1_000_000,
  });
}

describe("the provider's guards", () => {
  it("refuses a redirect whose state is not the one it sent", async () => {
    const subject = provider();
    subject.state();
    await expect(
      subject.redirectToAuthorization(new URL("https://as.example/authorize")),
    ).rejects.toMatchObject({
      name: "SignInError",
      message: "the sign-in answer does not belong to this login (its state differs)",
    });
    expect(subject.takePendingCallback()).toBeUndefined();
  });

  it("tells every token to the redactor, keeps the refresh token a refresh leaves out, and knows expiry", () => {
    const store = new MemoryOAuthStore();
    const secrets: string[] = [];
    const subject = provider(store, secrets);
    subject.saveTokens({
      access_token: "access-1",
      token_type: "Bearer",
      refresh_token: "refresh-1",
      expires_in: 60,
    });
    subject.saveTokens({ access_token: "access-2", token_type: "Bearer", expires_in: 10 });
    expect(secrets).toEqual(["access-1", "refresh-1", "access-2"]);
    expect(subject.tokens()).toMatchObject({ access_token: "access-2", refresh_token: "refresh-1" });
    expect(store.load("crm")).toMatchObject({ expiresAt: 1_010_000, redirectPort: 4321 });
    expect(subject.tokensExpired()).toBe(true);
    expect(subject.tokensExpired(0)).toBe(false);
    // A new process knows the stored tokens as secrets from the start.
    const again: string[] = [];
    provider(store, again);
    expect(again).toEqual(["access-2", "refresh-1"]);
  });

  it("never sends a stored token to a server the entry no longer names", () => {
    const store = new MemoryOAuthStore();
    provider(store).saveTokens({ access_token: "access-1", token_type: "Bearer" });
    expect(provider(store, [], "https://other.example/mcp").tokens()).toBeUndefined();
  });

  it("registers again when the stored registration is for another loopback port", () => {
    const store = new MemoryOAuthStore();
    store.save("crm", {
      serverUrl: "https://crm.example/mcp",
      client: { client_id: "old", redirect_uris: ["http://127.0.0.1:1111/callback"] },
    });
    expect(provider(store).clientInformation()).toBeUndefined();
    store.save("crm", {
      serverUrl: "https://crm.example/mcp",
      client: { client_id: "kept", redirect_uris: ["http://127.0.0.1:4321/callback"] },
    });
    expect(provider(store).clientInformation()).toMatchObject({ client_id: "kept" });
  });
});

describe("which servers get a provider", () => {
  it("every HTTP server, except one that sends its own Authorization header", async () => {
    const host = { store: new MemoryOAuthStore() };
    const entry = { name: "crm", url: "https://crm.example/mcp", oauth: oauthSettings(undefined) };
    expect(await oauthSessionFor({ ...entry, headers: {} }, host)).toBeInstanceOf(AgenteOAuthProvider);
    expect(
      await oauthSessionFor({ ...entry, headers: { authorization: "Bearer team-token" } }, host),
    ).toBeUndefined();
  });
});
