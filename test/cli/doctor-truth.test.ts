/**
 * `agente doctor` tells the truth: a wrong Odoo API key is a finding to fix (exit 1) that names the
 * refused login, never the key; the memory server reports its store; all well exits 0.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOdoo, startFakeOdoo } from "../../src/testing/fake-odoo/index.js";
import { type ScriptedOllama, startScriptedOllama } from "../../src/testing/scripted-ollama.js";
import { runCli } from "../support/run-cli.js";

const dist = (path: string) => fileURLToPath(new URL(`../../dist/${path}`, import.meta.url));
const WRONG_KEY = "wrong-key-93b1c7";

describe("agente doctor against a fake Odoo", () => {
  let odoo: FakeOdoo;
  let ollama: ScriptedOllama;
  beforeAll(async () => {
    odoo = await startFakeOdoo({ version: 19 });
    ollama = await startScriptedOllama([]);
  });
  afterAll(async () => {
    await odoo?.close();
    await ollama?.close();
  });

  async function doctor(apiKey: string) {
    const cwd = await mkdtemp(join(tmpdir(), "agente-doctor-"));
    const config = {
      mcpServers: {
        memory: {
          command: process.execPath,
          args: [dist("servers/memory/main.js")],
          env: { AGENTE_MEMORY_PATH: join(cwd, "memory.db"), AGENTE_EMBEDDER: "none" },
        },
        odoo: {
          command: process.execPath,
          args: [dist("servers/odoo/main.js")],
          env: { ODOO_URL: odoo.url, ODOO_DB: odoo.database, ODOO_USER: odoo.login, ODOO_API_KEY: apiKey },
        },
      },
    };
    await writeFile(join(cwd, "agente.json"), JSON.stringify(config));
    return runCli(["doctor"], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", OLLAMA_HOST: ollama.url, LANG: "C" },
    });
  }

  it("a wrong API key: FIX naming the refused login, exit 1, the key nowhere", async () => {
    const run = await doctor(WRONG_KEY);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FIX {2}server odoo: down: .*refused the (credentials|login|API key)/m);
    expect(run.stdout + run.stderr).not.toContain(WRONG_KEY);
  });

  it("the right key: every finding ok, the memory store named, exit 0", async () => {
    const run = await doctor(odoo.apiKey);
    expect(run.stdout).not.toMatch(/^FIX/m);
    expect(run.stdout).toMatch(/^ok {3}server odoo: up/m);
    expect(run.stdout).toMatch(
      /^ok {3}memory \(memory\): store sqlite:.*memory\.db, 0 documents, embedder none$/m,
    );
    expect(run.code).toBe(0);
  });
});
