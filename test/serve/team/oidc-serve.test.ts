/**
 * `agente serve` as a real process with an `oidc` section whose client secret is written in agente.json
 * as it is (no secret-looking variable name would reveal it): the secret guard knows it all the same, so a
 * model that repeats it reaches nobody with it, and stderr never holds it. The issuer is checked at start.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { answer, startScriptedOllama } from "../../../src/testing/scripted-ollama.js";
import { createWorkspace, SLOW_TEST_MS } from "../../e2e/support/workspace.js";
import { startServeProcess, waitForHealth } from "../support/serve-process.js";

const CLIENT_SECRET = "plain-written-oidc-value-8c41e7";
const KEY = "clave-de-la-prueba-oidc-0042";

let cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe("agente serve with single sign-on configured", () => {
  it(
    "hides the client secret in every answer, and says in one line that the issuer cannot be reached",
    async () => {
      const model = await startScriptedOllama(() => answer(`the value is ${CLIENT_SECRET}.`));
      cleanups.push(() => model.close());
      const workspace = await createWorkspace({
        AGENTE_EMBEDDER: "none",
        AGENTE_LANG: "en",
        OLLAMA_HOST: model.url,
      });
      cleanups.push(() => workspace.remove());
      await workspace.writeConfig({
        mcpServers: {},
        oidc: {
          issuer: "http://127.0.0.1:9",
          clientId: "agente",
          clientSecret: CLIENT_SECRET,
          roles: { staff: "member" },
        },
      });
      // With single sign-on configured nobody is the owner without signing in: the key is how this test asks.
      const server = await startServeProcess({
        cwd: workspace.folder,
        env: { ...workspace.env, AGENTE_API_KEY: KEY },
      });
      cleanups.push(() => server.stop());
      await waitForHealth(server.url, server.stderr);
      const reply = await fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ model: "agente", messages: [{ role: "user", content: "the value?" }] }),
      });
      // Without it, nobody: loopback without a key is no longer the owner once single sign-on is on.
      const anonymous = await fetch(`${server.url}/v1/models`);
      expect(anonymous.status).toBe(401);
      const body = await reply.text();
      expect(reply.status).toBe(200);
      expect(body).toContain("the value is [redacted].");
      expect(body).not.toContain(CLIENT_SECRET);
      // The issuer (a closed port) is checked at start: one line, and serve goes on.
      await vi.waitFor(() =>
        expect(server.stderr()).toMatch(
          /^! single sign-on: the issuer http:\/\/127\.0\.0\.1:9\/ cannot be reached \(.+\): check oidc\.issuer in agente\.json and the network$/m,
        ),
      );
      expect(server.stderr()).not.toContain(CLIENT_SECRET);
    },
    SLOW_TEST_MS,
  );
});
