/** The token requests of the grants without a browser, the DPoP key's stored form, and the retry limit of sign-ins. */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDpopKeyPair } from "@modelcontextprotocol/client";
import { describe, expect, it } from "vitest";
import { oauthSettings } from "../../../src/config/oauth-entry.js";
import {
  jwkThumbprint,
  newDpopKey,
  restoreDpopSession,
  serverOffersDpop,
} from "../../../src/mcp/oauth/dpop-key.js";
import { grantRequest, JWT_BEARER_GRANT } from "../../../src/mcp/oauth/grant-requests.js";
import { AgenteOAuthProvider } from "../../../src/mcp/oauth/oauth-provider.js";
import { MemoryOAuthStore } from "../../../src/mcp/oauth/oauth-store.js";

const context = { authorizationServerUrl: "https://as.example", resourceUrl: "https://mcp.example/mcp" };

describe("token requests of the grants without a browser", () => {
  it("reads the workload's JWT file again for every request (platforms rotate it), and tells it as a secret", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "agente-wif-")), "token");
    const settings = oauthSettings({ grant: "jwt_bearer", assertionFile: file });
    const heard: string[] = [];
    await writeFile(file, "eyJ.first\n");
    const first = await grantRequest(settings, { ...context, scope: "mcp", onSecret: (s) => heard.push(s) });
    await writeFile(file, "eyJ.second\n");
    const second = await grantRequest(settings, { ...context, scope: undefined });
    expect(Object.fromEntries(first ?? [])).toEqual({
      grant_type: JWT_BEARER_GRANT,
      assertion: "eyJ.first",
      scope: "mcp",
    });
    expect(second?.get("assertion")).toBe("eyJ.second");
    expect(heard).toEqual(["eyJ.first"]);
  });

  it("says which workload token file it could not read", async () => {
    const settings = oauthSettings({ grant: "jwt_bearer", assertionFile: "/nonexistent/agente-token" });
    await expect(grantRequest(settings, { ...context, scope: undefined })).rejects.toThrow(
      "could not read the workload's token file /nonexistent/agente-token",
    );
  });

  it("asks for client credentials with the scope, and nothing for the authorization code", async () => {
    const m2m = await grantRequest(oauthSettings({ grant: "client_credentials" }), {
      ...context,
      scope: "a b",
    });
    expect(m2m?.toString()).toBe("grant_type=client_credentials&scope=a+b");
    expect(await grantRequest(oauthSettings(undefined), { ...context, scope: "a" })).toBeUndefined();
  });
});

describe("the stored DPoP key", () => {
  it("computes the RFC 7638 thumbprint the SDK computes", async () => {
    const pair = await generateDpopKeyPair({ alg: "ES256" });
    const jwk = pair.publicJwk as { kty: string; crv: string; x: string; y: string };
    expect(jwkThumbprint(jwk)).toBe(pair.thumbprint);
  });

  it("restores to the same key, which signs proofs that carry it", async () => {
    const { session, stored } = await newDpopKey();
    const restored = await restoreDpopSession(JSON.parse(JSON.stringify(stored)));
    expect(restored.thumbprint).toBe(session.thumbprint);
    const proof = await restored.buildProof({
      htm: "POST",
      htu: "https://mcp.example/mcp",
      accessToken: "t",
    });
    const header = JSON.parse(Buffer.from(proof.split(".")[0] ?? "", "base64url").toString("utf8"));
    expect(header).toMatchObject({
      typ: "dpop+jwt",
      alg: "ES256",
      jwk: { x: stored.jwk.x, y: stored.jwk.y },
    });
    expect(header.jwk).not.toHaveProperty("d");
  });
});

describe("whether the authorization server offers DPoP (asked before every request to the server)", () => {
  it("binds only where the metadata lists ES256, and says no without metadata or with malformed metadata", () => {
    expect(
      serverOffersDpop({ issuer: "https://as.example", dpop_signing_alg_values_supported: ["ES256"] }),
    ).toBe(true);
    expect(serverOffersDpop({ dpop_signing_alg_values_supported: ["RS256"] })).toBe(false);
    expect(serverOffersDpop({ dpop_signing_alg_values_supported: "ES256" })).toBe(false);
    expect(serverOffersDpop({ issuer: "https://as.example" })).toBe(false);
    expect(serverOffersDpop(undefined)).toBe(false);
  });
});

describe("the retry limit of sign-ins in one run", () => {
  it("signs in for new scopes, and refuses a sign-in asking only for scopes this run already asked for", async () => {
    let browserRuns = 0;
    const subject: AgenteOAuthProvider = new AgenteOAuthProvider({
      server: "crm",
      serverUrl: "https://crm.example/mcp",
      settings: oauthSettings(undefined),
      store: new MemoryOAuthStore(),
      redirectPort: 4321,
      signIn: async () => {
        browserRuns += 1;
        return new URLSearchParams({ code: "c", state: state ?? "" });
      },
    });
    let state: string | undefined;
    const signIn = (scope: string) => {
      state = subject.state();
      return subject.redirectToAuthorization(
        new URL(`https://as.example/authorize?scope=${encodeURIComponent(scope)}`),
      );
    };
    await signIn("mcp:read");
    await signIn("mcp:read mcp:write");
    await expect(signIn("mcp:write")).rejects.toMatchObject({
      name: "SignInError",
      message:
        "the server still refuses access with the scopes just granted to it: signing in again would not help",
    });
    expect(browserRuns).toBe(2);
    expect(subject.signedInThisRun).toBe(true);
  });
});
