/** The `oauth` object of a remote server's entry: keys, defaults, `${VAR}`s and typos named with the closest key. */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/config-error.js";
import { loadConfig } from "../../src/config/load-config.js";
import { parseServerEntry } from "../../src/config/server-config.js";

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
});
