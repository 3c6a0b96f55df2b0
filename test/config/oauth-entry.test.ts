/** The `oauth` object of a remote server's entry: keys, defaults, `${VAR}`s and typos named with the closest key. */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/config-error.js";
import { loadConfig } from "../../src/config/load-config.js";
import { parseServerEntry } from "../../src/config/server-config.js";
import { serverSecrets } from "../../src/mcp/server-secrets.js";

async function load(servers: Record<string, unknown>, env: Record<string, string> = {}) {
  const cwd = await mkdtemp(join(tmpdir(), "agente-oauth-config-"));
  await writeFile(join(cwd, "agente.json"), JSON.stringify({ mcpServers: servers }));
  return {
    file: join(cwd, "agente.json"),
    result: loadConfig({ cwd, env: { HOME: "/nonexistent-home", ...env } }),
  };
}

describe("the oauth object of a server entry", () => {
  it("defaults to the authorization-code grant with nothing pre-registered", () => {
    const parsed = parseServerEntry("crm", { url: "https://crm.example/mcp" });
    expect(parsed.ok && parsed.config.transport === "http" && parsed.config.oauth).toEqual({
      clientId: undefined,
      clientSecret: undefined,
      clientMetadataUrl: undefined,
      privateKeyPem: undefined,
      signingAlgorithm: undefined,
      grant: "authorization_code",
      scope: undefined,
    });
  });

  it("takes every key, and an https client id as a client ID metadata document", () => {
    const parsed = parseServerEntry("crm", {
      url: "https://crm.example/mcp",
      oauth: {
        clientId: "https://agente.example/client.json",
        grant: "client_credentials",
        scope: "mcp:read",
      },
    });
    expect(parsed.ok && parsed.config.transport === "http" && parsed.config.oauth).toMatchObject({
      clientId: undefined,
      clientMetadataUrl: "https://agente.example/client.json",
      grant: "client_credentials",
      scope: "mcp:read",
    });
  });

  it("fills ${VAR}s from the environment", async () => {
    const { result } = await load(
      {
        crm: { url: "https://crm.example/mcp", oauth: { clientId: "agente", clientSecret: "${CRM_SECRET}" } },
      },
      { CRM_SECRET: "s3cr3t-value" },
    );
    const [server] = (await result).servers;
    expect(server?.transport === "http" && server.oauth.clientSecret).toBe("s3cr3t-value");
  });

  it("names a misspelt key with the closest one", async () => {
    const { file, result } = await load({
      crm: { url: "https://crm.example/mcp", oauth: { clientID: "agente" } },
    });
    const error = await result.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      `${file}: server "crm", field "oauth": unknown key "clientID"; did you mean "clientId"?`,
    );
  });

  it("refuses a grant it does not know", () => {
    const parsed = parseServerEntry("crm", { url: "https://crm.example/mcp", oauth: { grant: "password" } });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.field).toBe("oauth.grant");
  });

  it("takes a workload's JWT for the jwt_bearer grant, from ${VAR} or a file, and hides it", async () => {
    const { result } = await load(
      {
        wif: {
          url: "https://wif.example/mcp",
          oauth: { clientId: "w", grant: "jwt_bearer", assertion: "${WIF_JWT}" },
        },
        k8s: {
          url: "https://k8s.example/mcp",
          oauth: { grant: "jwt_bearer", assertionFile: "/var/run/secrets/tokens/mcp" },
        },
      },
      { WIF_JWT: "eyJ.workload.jwt" },
    );
    const { servers } = await result;
    const [wif, k8s] = servers;
    expect(wif?.transport === "http" && wif.oauth).toMatchObject({
      grant: "jwt_bearer",
      assertion: { value: "eyJ.workload.jwt" },
    });
    expect(k8s?.transport === "http" && k8s.oauth.assertion).toEqual({ file: "/var/run/secrets/tokens/mcp" });
    expect(serverSecrets(servers)).toContain("eyJ.workload.jwt");
  });

  it("refuses jwt_bearer without an assertion", () => {
    const parsed = parseServerEntry("wif", {
      url: "https://wif.example/mcp",
      oauth: { grant: "jwt_bearer" },
    });
    expect(!parsed.ok && parsed.field).toBe("oauth.assertion");
    expect(!parsed.ok && parsed.problem).toBe('grant "jwt_bearer" needs assertion or assertionFile');
  });

  it("takes the enterprise IdP of enterprise_managed, and hides its ID token and secret", () => {
    const parsed = parseServerEntry("crm", {
      url: "https://crm.example/mcp",
      oauth: {
        grant: "enterprise_managed",
        clientId: "mcp-client",
        clientSecret: "mcp-secret",
        idpTokenEndpoint: "https://idp.example/token",
        idpClientId: "idp-client",
        idpClientSecret: "idp-secret",
        idToken: "eyJ.id.token",
      },
    });
    const oauth = parsed.ok && parsed.config.transport === "http" ? parsed.config.oauth : undefined;
    expect(oauth?.idp).toEqual({
      url: undefined,
      tokenEndpoint: "https://idp.example/token",
      clientId: "idp-client",
      clientSecret: "idp-secret",
      idToken: "eyJ.id.token",
    });
    expect(parsed.ok && serverSecrets([parsed.config])).toEqual(
      expect.arrayContaining(["mcp-secret", "idp-secret", "eyJ.id.token"]),
    );
  });

  it("refuses enterprise_managed without its IdP", () => {
    const parsed = parseServerEntry("crm", {
      url: "https://crm.example/mcp",
      oauth: { grant: "enterprise_managed", clientId: "c", idpClientId: "i", idToken: "t" },
    });
    expect(!parsed.ok && parsed.field).toBe("oauth.idpTokenEndpoint");
    expect(!parsed.ok && parsed.problem).toBe('grant "enterprise_managed" needs idpTokenEndpoint or idpUrl');
  });
});
