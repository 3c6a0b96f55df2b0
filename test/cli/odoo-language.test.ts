/**
 * The Odoo server's errors reach the person in the language they chose: agente hands its own servers
 * AGENTE_LANG, the start-up failure (`agente servers`) and a tool's failure (`agente tools call`) come
 * from the catalogue, while the model keeps reading English.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOdoo, startFakeOdoo } from "../../src/testing/fake-odoo/index.js";
import { runCli } from "../support/run-cli.js";

const dist = (path: string) => fileURLToPath(new URL(`../../dist/${path}`, import.meta.url));
const WRONG_KEY = "wrong-key-5d20aa";

describe("Odoo errors in the person's language, through the real CLI", () => {
  let odoo: FakeOdoo;
  beforeAll(async () => {
    odoo = await startFakeOdoo({ version: 17 });
  });
  afterAll(async () => {
    await odoo?.close();
  });

  async function folderWithOdoo(extraEnv: Record<string, string> = {}): Promise<string> {
    const cwd = await mkdtemp(join(tmpdir(), "agente-odoo-lang-"));
    const config = {
      mcpServers: {
        odoo: {
          command: process.execPath,
          args: [dist("servers/odoo/main.js")],
          env: {
            ODOO_URL: odoo.url,
            ODOO_DB: odoo.database,
            ODOO_USER: odoo.login,
            ODOO_API_KEY: WRONG_KEY,
            ...extraEnv,
          },
        },
      },
    };
    await writeFile(join(cwd, "agente.json"), JSON.stringify(config));
    return cwd;
  }

  const baseEnv = { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home" };

  it("a refused login at start-up: Spanish under --lang es", async () => {
    const cwd = await folderWithOdoo();
    const run = await runCli(["servers", "--lang", "es"], { cwd, env: { ...baseEnv, LANG: "C" } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `agente-odoo: Odoo rechazó el usuario "${odoo.login}" en la base de datos "${odoo.database}". | Comprueba ODOO_USER y ODOO_API_KEY (u ODOO_PASSWORD) y ODOO_DB.`,
    );
    expect(run.stdout + run.stderr).not.toContain("refused");
    expect(run.stdout + run.stderr).not.toContain(WRONG_KEY);
  });

  it("the same failure in English under LANG=C, Spanish under LANG=es_ES.UTF-8", async () => {
    const cwd = await folderWithOdoo();
    const english = await runCli(["servers"], { cwd, env: { ...baseEnv, LANG: "C" } });
    expect(english.stdout).toContain(
      `agente-odoo: Odoo refused the login "${odoo.login}" on database "${odoo.database}". | Check ODOO_USER and ODOO_API_KEY (or ODOO_PASSWORD) and ODOO_DB.`,
    );
    const spanish = await runCli(["servers"], { cwd, env: { ...baseEnv, LANG: "es_ES.UTF-8" } });
    expect(spanish.stdout).toContain(`agente-odoo: Odoo rechazó el usuario "${odoo.login}"`);
  });

  it("a tool's failure in `tools call`: Spanish for the person, English for the model (--json)", async () => {
    const cwd = await folderWithOdoo({ ODOO_CHECK_LOGIN: "0" });
    const args = ["tools", "call", "obtener_cliente", "--args", '{"nombre":"Azure"}'];
    const spanish = await runCli([...args, "--lang", "es"], { cwd, env: { ...baseEnv, LANG: "C" } });
    expect(spanish.code).toBe(1);
    expect(spanish.stderr).toContain(
      `error de la herramienta:\nOdoo rechazó el usuario "${odoo.login}" en la base de datos "${odoo.database}".`,
    );
    const json = await runCli([...args, "--lang", "es", "--json"], { cwd, env: { ...baseEnv, LANG: "C" } });
    const result = JSON.parse(json.stdout) as { content: Array<{ text: string }> };
    expect(result.content[0]?.text).toBe(
      `Odoo refused the login "${odoo.login}" on database "${odoo.database}". Check ODOO_USER and ODOO_API_KEY (or ODOO_PASSWORD) and ODOO_DB.`,
    );
    const english = await runCli(args, { cwd, env: { ...baseEnv, LANG: "C" } });
    expect(english.stderr).toContain(`tool error:\nOdoo refused the login "${odoo.login}"`);
  });
});
