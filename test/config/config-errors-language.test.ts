/** Config errors reach the user in their language through the real CLI; the English text stays as it was. */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatError } from "../../src/cli/print-error.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { resolveModelSettings } from "../../src/llm/model-settings.js";
import { runCli } from "../support/run-cli.js";

async function configFolder(text: string): Promise<{ cwd: string; file: string }> {
  const cwd = await mkdtemp(join(tmpdir(), "agente-config-lang-"));
  await writeFile(join(cwd, "agente.json"), text);
  return { cwd, file: join(cwd, "agente.json") };
}

function environment(lang: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: "/nonexistent-home", LANG: lang };
}

async function serversError(text: string, lang: string, args: string[] = []) {
  const { cwd, file } = await configFolder(text);
  const run = await runCli([...args, "servers"], { cwd, env: environment(lang) });
  return { ...run, file };
}

describe("config errors in the user's language", () => {
  it("the typo mcpServer names the file, the key and the closest key in Spanish and English", async () => {
    const text = JSON.stringify({ mcpServer: { x: { command: "x" } } });
    const spanish = await serversError(text, "es_ES.UTF-8");
    expect(spanish.code).toBe(1);
    expect(spanish.stderr).toBe(
      `error: ${spanish.file}: clave desconocida "mcpServer"; ¿quisiste decir "mcpServers"?\n` +
        "  corrige el fichero de configuración, o ejecuta `agente init` para escribir uno nuevo\n",
    );
    const english = await serversError(text, "en_US.UTF-8");
    expect(english.code).toBe(1);
    expect(english.stderr).toBe(
      `error: ${english.file}: unknown key "mcpServer"; did you mean "mcpServers"?\n` +
        "  fix the config file, or run `agente init` to write a fresh one\n",
    );
  });

  it("the typo requireAproval names the server and requireApproval in Spanish and English", async () => {
    const text = JSON.stringify({ mcpServers: { odoo: { command: "node", requireAproval: true } } });
    const spanish = await serversError(text, "es_ES.UTF-8");
    expect(spanish.stderr).toContain(
      `error: ${spanish.file}: servidor "odoo": clave desconocida "requireAproval"; ¿quisiste decir "requireApproval"?`,
    );
    const english = await serversError(text, "en_US.UTF-8");
    expect(english.stderr).toContain(
      `error: ${english.file}: server "odoo": unknown key "requireAproval"; did you mean "requireApproval"?`,
    );
  });

  it("--lang es wins over an English locale for a JSON syntax error with line and column", async () => {
    const text = '{\n  "mcpServers": {\n    "a": { "command": "x", }\n  }\n}';
    const spanish = await serversError(text, "en_US.UTF-8", ["--lang", "es"]);
    expect(spanish.stderr).toMatch(
      /: no es JSON válido: .* en la línea 3, columna 26: JSON no la admite, quítala\n/,
    );
    const english = await serversError(text, "en_US.UTF-8");
    expect(english.stderr).toMatch(
      /: is not valid JSON: .* at line 3, column 26: JSON allows none there, remove it\n/,
    );
  });

  it("a bad value names the field in both languages", async () => {
    const text = JSON.stringify({ mcpServers: { files: { command: 42 } } });
    const spanish = await serversError(text, "es_ES.UTF-8");
    expect(spanish.stderr).toContain(
      'servidor "files", campo "command": valor no válido: se esperaba string, llegó number',
    );
    const english = await serversError(text, "en_US.UTF-8");
    expect(english.stderr).toContain(
      'server "files", field "command": invalid input: expected string, received number',
    );
  });

  it("a setting out of range names the flag and the bound in both languages", async () => {
    const { cwd } = await configFolder(JSON.stringify({ mcpServers: {} }));
    const args = ["ask", "--provider", "ollama", "--temperature", "5", "hola"];
    const spanish = await runCli(args, { cwd, env: environment("es_ES.UTF-8") });
    expect(spanish.code).toBe(1);
    expect(spanish.stderr).toBe(
      'error: valor no válido "5" para --temperature: demasiado grande: se esperaba number <=2\n' +
        "  corrige --temperature o quítalo para usar el valor por defecto\n",
    );
    const english = await runCli(args, { cwd, env: environment("en_US.UTF-8") });
    expect(english.stderr).toBe(
      'error: invalid value "5" for --temperature: too big: expected number to be <=2\n' +
        "  fix --temperature or leave it out to use the default\n",
    );
  });

  it("a typo inside the model section prints in Spanish, while the message stays English", () => {
    const error = (() => {
      try {
        resolveModelSettings({ flags: {}, env: {}, config: { nmae: "x" }, configFile: "/cfg/agente.json" });
      } catch (caught) {
        return caught;
      }
    })();
    expect((error as Error).message).toBe(
      '/cfg/agente.json: invalid config key model.nmae: unknown key "nmae"; did you mean "name"?',
    );
    expect(formatError(error, false, createTranslator("es"))).toBe(
      'error: /cfg/agente.json: clave de configuración no válida model.nmae: clave desconocida "nmae"; ¿quisiste decir "name"?\n' +
        '  corrige "model" en /cfg/agente.json',
    );
  });
});
