/**
 * First run on a machine without Ollama: `agente ask` with the default provider (auto) finds nothing at
 * OLLAMA_HOST, downloads the GGUF named by AGENTE_GGUF_URL (a local file server) once into the user's cache
 * folder, and answers through the embedded provider; the second run downloads nothing.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { TINY_GGUF } from "../../support/fixture-files.js";
import { closedPort, type ModelFileServer, startModelFileServer } from "../../support/model-file-server.js";
import { runCli } from "../../support/run-cli.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const companyServer = join(root, "test/agent/company-server-main.ts");
const TINY_SHA256 = "81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb";

let folder: string | undefined;
let server: ModelFileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

describe("agente ask on a first run without Ollama", () => {
  it("downloads the embedded model once into the cache and answers with valid steps", async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-first-run-"));
    server = await startModelFileServer({ file: TINY_GGUF, path: "/mirror/tiny-random.gguf" });
    const config = join(folder, "agente.json");
    await writeFile(
      config,
      JSON.stringify({
        mcpServers: { empresas: { command: process.execPath, args: ["--import", "tsx", companyServer] } },
      }),
    );
    const cacheHome = join(folder, "cache");
    const port = await closedPort();
    const { AGENTE_PROVIDER: _provider, AGENTE_GGUF: _gguf, ...inherited } = process.env;
    const env = {
      ...inherited,
      HOME: folder,
      XDG_CACHE_HOME: cacheHome,
      OLLAMA_HOST: `http://127.0.0.1:${port}`,
      AGENTE_GGUF_URL: server.url,
      AGENTE_GGUF_SHA256: TINY_SHA256,
      AGENTE_LANG: "en",
    };
    const ask = () =>
      runCli(
        ["--config", config, "ask", "--max-steps", "3", "--max-tokens", "64", "--json", "consulta empresa X"],
        { cwd: folder, env, timeoutMs: 120_000 },
      );

    const first = await ask();
    expect(first.code, first.stderr).toBe(0);
    const output = JSON.parse(first.stdout) as { stopReason: string; steps: Array<{ problem?: string }> };
    expect(["answer", "step_limit"], first.stderr).toContain(output.stopReason);
    expect(output.steps.length).toBeGreaterThan(0);
    expect(output.steps.filter((step) => step.problem !== undefined)).toEqual([]);
    expect(first.stderr).toContain(`model: embedded tiny-random (no Ollama at http://127.0.0.1:${port})`);
    expect(first.stderr).toMatch(/downloaded tiny-random\.gguf \(1\.8 MB\)/);
    const models = join(cacheHome, "agente", "models");
    expect(readdirSync(models)).toEqual(["tiny-random.gguf"]);
    expect(server.downloads()).toBe(1);

    const second = await ask();
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ steps: expect.any(Array) });
    expect(second.stderr).not.toContain("downloaded");
    expect(server.requests).toHaveLength(1);
    expect(existsSync(join(folder, ".cache"))).toBe(false);
  }, 240_000);
});
