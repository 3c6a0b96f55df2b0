/**
 * Issue 13, defect 6: credentials inside OLLAMA_HOST (`http://user:pass@host`) made every request fail
 * (fetch refuses such URLs) and the error printed the password. They are sent as HTTP basic auth, and the
 * password shows nowhere.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, startScriptedOllama } from "../../src/testing/scripted-ollama.js";
import { createWorkspace, parseAsk, SLOW_TEST_MS, type Workspace } from "./support/workspace.js";

const PASSWORD = "Gp%23u-s3cr3t";

describe("credentials inside OLLAMA_HOST", { timeout: SLOW_TEST_MS }, () => {
  let workspace: Workspace;

  beforeAll(async () => {
    workspace = await createWorkspace({ AGENTE_EMBEDDER: "none" });
    await workspace.writeConfig({ mcpServers: {} });
  });

  afterAll(async () => {
    await workspace?.remove();
  });

  it("are sent as basic auth and never printed", async () => {
    const model = await startScriptedOllama([answer("hola")]);
    try {
      const host = model.url.replace("http://", `http://ana:${PASSWORD}@`);
      const run = await workspace.agente(["ask", "--json", "hola"], { env: { OLLAMA_HOST: host } });
      expect(parseAsk(run).answer).toBe("hola");
      const expected = `Basic ${Buffer.from("ana:Gp#u-s3cr3t").toString("base64")}`;
      expect(model.authorizations().length).toBeGreaterThan(0);
      expect(new Set(model.authorizations())).toEqual(new Set([expected]));
      expect(run.stdout + run.stderr).not.toMatch(/s3cr3t/i);
    } finally {
      await model.close();
    }
  });

  it("a failing request prints no password", async () => {
    const run = await workspace.agente(["ask", "hola"], {
      env: { OLLAMA_HOST: `http://ana:${PASSWORD}@127.0.0.1:9` },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("127.0.0.1:9");
    expect(run.stdout + run.stderr).not.toMatch(/s3cr3t/i);
  });
});
