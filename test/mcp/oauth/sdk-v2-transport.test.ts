/**
 * agente's provider on the SDK v2 Streamable HTTP transport (`@modelcontextprotocol/client`), which the
 * hub moves to: first sign-in, step-up to a wider scope on `403 insufficient_scope` (v2 re-authorizes when
 * the new scope exceeds the granted one), and the retry limit. Real authorization server, real MCP server.
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterEach, describe, expect, it } from "vitest";
import { oauthSettings } from "../../../src/config/oauth-entry.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createOAuthSession, withSignIn } from "../../../src/mcp/oauth/oauth-session.js";
import { MemoryOAuthStore } from "../../../src/mcp/oauth/oauth-store.js";
import { type OAuthFixture, startOAuthFixture } from "../../fixtures/oauth/authorization-server.js";
// @ts-expect-error: a plain .mjs script (it is the $BROWSER program), without type declarations.
import { followRedirects } from "../../fixtures/oauth/browser.mjs";

let fixture: OAuthFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe("the provider on the SDK v2 transport", { timeout: 30_000 }, () => {
  it("signs in, then steps up to mcp:write when a call needs it", async () => {
    fixture = await startOAuthFixture();
    const store = new MemoryOAuthStore();
    const opened: string[] = [];
    const said: string[] = [];
    const provider = await createOAuthSession(
      { name: "crm", url: fixture.mcpUrl, oauth: oauthSettings(undefined) },
      {
        store,
        signIn: {
          opener: {
            open: async (url) => {
              opened.push(url);
              await followRedirects(url);
              return true;
            },
          },
          translate: createTranslator("en"),
          say: (line) => said.push(line),
        },
      },
    );
    const url = new URL(fixture.mcpUrl);
    const client = await withSignIn(provider, fixture.mcpUrl, async () => {
      const attempt = new Client({ name: "agente-test", version: "1.0.0" });
      await attempt.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }));
      return attempt;
    });
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual([
        "saludar",
        "borrar",
        "cabecera",
      ]);
      expect(opened).toHaveLength(1);
      expect(new URL(opened[0] ?? "").searchParams.get("scope")?.split(" ")).toContain("mcp:read");
      expect(provider.tokens()?.scope?.split(" ")).not.toContain("mcp:write");

      const result = await withSignIn(provider, fixture.mcpUrl, () =>
        client.callTool({ name: "borrar", arguments: {} }),
      );
      expect(result.content).toEqual([{ type: "text", text: "borrado" }]);
      expect(opened).toHaveLength(2);
      expect(new URL(opened[1] ?? "").searchParams.get("scope")?.split(" ")).toEqual(
        expect.arrayContaining(["mcp:read", "mcp:write"]),
      );
      expect(provider.tokens()?.scope?.split(" ")).toContain("mcp:write");
      expect(fixture.grants).toEqual(["authorization_code", "authorization_code"]);
      expect(said).toEqual([
        "Opening the sign-in page of crm in the browser…",
        "Opening the sign-in page of crm in the browser…",
      ]);
    } finally {
      await client.close();
    }
  });

  it("reports a needed login without a browser, and stops after the retry limit", async () => {
    fixture = await startOAuthFixture();
    const provider = await createOAuthSession(
      { name: "crm", url: fixture.mcpUrl, oauth: oauthSettings(undefined) },
      { store: new MemoryOAuthStore() },
    );
    const url = new URL(fixture.mcpUrl);
    const connect = () =>
      withSignIn(provider, fixture?.mcpUrl ?? "", async () => {
        const attempt = new Client({ name: "agente-test", version: "1.0.0" });
        await attempt.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }));
        return attempt;
      });
    await expect(connect()).rejects.toMatchObject({ name: "LoginRequiredError", server: "crm" });
  });
});
