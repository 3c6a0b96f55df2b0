/**
 * Issue 20, first contact through the real CLI: what a newcomer meets in the first minutes when no model can
 * be had, a command is mistyped, or a server is down. Only what needs the process boundary is here; the rest
 * is tested in process (command-suggestion.test.ts, runtime/settle-model.test.ts).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPortUrl } from "../llm/replay-server.js";
import { runCli } from "../support/run-cli.js";

const ODOO_ENTRY = fileURLToPath(new URL("../../dist/servers/odoo/main.js", import.meta.url));

let home: string;
let closed: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "agente-first-contact-"));
  closed = await closedPortUrl();
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

/** A folder with this agente.json, and an environment with no Ollama and no way to download a model. */
async function offline(config: unknown, lang = "C") {
  const cwd = await mkdtemp(join(home, "run-"));
  await writeFile(join(cwd, "agente.json"), JSON.stringify(config));
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: cwd,
    XDG_CACHE_HOME: join(cwd, "cache"),
    OLLAMA_HOST: closed,
    AGENTE_GGUF_URL: `${closed}/models/model.gguf`,
    LANG: lang,
  };
  return { cwd, env };
}

describe("first contact through the CLI", () => {
  it("doctor offline: the model is not downloaded and cannot be fetched, exit 1, the label said once", async () => {
    const { cwd, env } = await offline({ mcpServers: {} });
    const run = await runCli(["doctor"], { cwd, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^FIX {2}model: llama-cpp model at \S+model\.gguf: not downloaded, and it cannot be fetched: cannot download model\.gguf: .* is not reachable \(ECONNREFUSED\)/m,
    );
    expect(run.stdout).toContain(`ok   model: embedded model (no Ollama at ${closed})\n`);
    expect(run.stdout).not.toMatch(/model: model:|: ready/);
  });

  it("--lang en under LANG=es_ES: the missing-model error is all English", async () => {
    const { cwd, env } = await offline({ mcpServers: {} }, "es_ES.UTF-8");
    const run = await runCli(["--lang", "en", "ask", "hola"], { cwd, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: no model to run: no Ollama with llama3.2:1b at ${closed}, and cannot download model.gguf: ${closed}/models/model.gguf is not reachable (ECONNREFUSED)\n` +
        "  connect to the network and run again (or `agente models pull`), set AGENTE_GGUF to a GGUF file you have, or start Ollama\n",
    );
  });

  it("`agente server` suggests `agente servers` (exit 2)", async () => {
    const { cwd, env } = await offline({ mcpServers: {} });
    const run = await runCli(["server"], { cwd, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error: there is no command 'server': did you mean `agente servers`?\n  `agente --help` lists the commands\n",
    );
  });

  it('`"provider": "olama"` fails `servers` at config load, suggesting "ollama"', async () => {
    const { cwd, env } = await offline({ mcpServers: {}, model: { provider: "olama" } });
    const run = await runCli(["servers"], { cwd, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'invalid config key model.provider: did you mean "ollama"? "olama" is not one of "auto"|"ollama"|"openai"|"llama-cpp"\n',
    );
  });

  describe("with the Odoo server down", () => {
    const config = () => ({
      mcpServers: {
        odoo: {
          command: process.execPath,
          args: [ODOO_ENTRY],
          env: { ODOO_URL: closed, ODOO_DB: "db", ODOO_USER: "admin", ODOO_API_KEY: "not-a-real-key" },
        },
      },
    });

    it("tools call names the server that is down and why", async () => {
      const { cwd, env } = await offline(config());
      const run = await runCli(["tools", "call", "obtener_cliente", "--args", '{"nombre":"Ana"}'], {
        cwd,
        env,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^error: no connected server offers "obtener_cliente", and server odoo is down: exited during start-up \(exit code 1; .*unreachable/m,
      );
      expect(run.stderr).toContain("  fix what stops the server (`agente servers` shows it)");
    });

    it("servers exits 1 when every server is down", async () => {
      const { cwd, env } = await offline(config());
      const run = await runCli(["servers"], { cwd, env });
      expect(run.stdout).toMatch(/^○ odoo {2}down {2}stdio {2}exited during start-up/m);
      expect(run.code).toBe(1);
    });
  });
});
