/** The user's language: `--lang`, then AGENTE_LANG, then the locale; help in Spanish starts with `Uso:`. */
import { describe, expect, it } from "vitest";
import { targetCommand } from "../../src/cli/command-manifest.js";
import { langFlag } from "../../src/cli/main.js";
import { runCli } from "../support/run-cli.js";

const base = { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home" };

describe("help in the user's language", () => {
  it("LANG=es_ES.UTF-8: --help starts with Uso: and lists Comandos:", async () => {
    const run = await runCli(["--help"], { env: { ...base, LANG: "es_ES.UTF-8" } });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith("Uso: agente [opciones] [comando]\n")).toBe(true);
    expect(run.stdout).toMatch(/^Comandos:$/m);
    expect(run.stdout).toMatch(/^ {2}ask <question\.\.\.> +haz una pregunta/m);
    expect(run.stdout).toContain("Ejemplos:");
  });

  it("LANG=en_US.UTF-8: Usage: and Commands:", async () => {
    const run = await runCli(["--help"], { env: { ...base, LANG: "en_US.UTF-8" } });
    expect(run.stdout.startsWith("Usage: agente [options] [command]\n")).toBe(true);
    expect(run.stdout).toMatch(/^Commands:$/m);
  });

  it("--lang wins over AGENTE_LANG, which wins over LANG; a command's own help follows", async () => {
    const flag = await runCli(["--lang", "en", "ask", "--help"], {
      env: { ...base, AGENTE_LANG: "es", LANG: "es_ES.UTF-8" },
    });
    expect(flag.stdout).toMatch(/^Usage: agente ask \[options\] <question\.\.\.>/);
    expect(flag.stdout).toContain("ask one question");
    const agenteLang = await runCli(["servers", "--help"], {
      env: { ...base, AGENTE_LANG: "es", LANG: "en_US" },
    });
    expect(agenteLang.stdout).toMatch(/^Uso: agente servers \[opciones\]/);
    expect(agenteLang.stdout).toContain("conecta cada servidor MCP");
    const flags = await runCli(["ask", "--help"], { env: { ...base, LANG: "es_ES.UTF-8" } });
    expect(flags.stdout).toMatch(/--max-steps <number> +máximo de pasos en un turno \(por defecto 6\)/);
  });

  it("finds the command to load past global options and their values", () => {
    expect(targetCommand(["--config", "x.json", "-v", "servers", "--json"])?.name).toBe("servers");
    expect(targetCommand(["--lang", "es", "help", "ask"])?.name).toBe("ask");
    expect(targetCommand(["--help"])).toBeUndefined();
    expect(langFlag(["--lang=es", "ask"])).toBe("es");
    expect(langFlag(["ask", "--", "--lang", "es"])).toBeUndefined();
  });
});
