/**
 * Why a server is down, and the hub's errors, reach the user in their language (`servers`, printed
 * errors); the model keeps the English text, as `message` holds it.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatError } from "../../src/cli/print-error.js";
import { statusReason } from "../../src/cli/status-reason.js";
import { parseServerEntry } from "../../src/config/server-config.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { ServerUnavailableError, ToolCallTimeoutError, UnknownToolError } from "../../src/mcp/errors.js";
import { McpHub } from "../../src/mcp/hub.js";
import { runCli } from "../support/run-cli.js";

const SERVERS = {
  a: { command: "no-such-command-xyz" },
  b: { command: process.execPath, cwd: "/nonexistent-folder" },
  c: { command: process.execPath, args: ["-e", "console.error('Error: boom'); process.exit(3)"] },
  d: { command: process.execPath, env: { K: "${NOPE_KEY}" } },
  f: { command: process.execPath, disabled: true },
};

async function configFolder(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), "agente-hub-lang-"));
  await writeFile(join(cwd, "agente.json"), JSON.stringify({ mcpServers: SERVERS }));
  return cwd;
}

function environment(lang: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: "/nonexistent-home", LANG: lang };
}

describe("hub failures in the user's language", () => {
  it("`servers` gives each down server's reason in Spanish and in English", async () => {
    const cwd = await configFolder();
    const spanish = await runCli(["servers"], { cwd, env: environment("es_ES.UTF-8") });
    expect(spanish.stdout).toContain("○ a  caído  stdio  orden no encontrada: no-such-command-xyz\n");
    expect(spanish.stdout).toContain(
      "○ b  caído  stdio  no se encuentra la carpeta de trabajo (cwd): /nonexistent-folder\n",
    );
    expect(spanish.stdout).toContain(
      "○ c  caído  stdio  terminó durante el arranque (código de salida 3; Error: boom)\n",
    );
    expect(spanish.stdout).toContain(
      "○ d  caído  stdio  necesita NOPE_KEY: defínela en el entorno o en .env\n",
    );
    expect(spanish.stdout).toContain("○ f  desactivado  stdio  desactivado en la configuración\n");
    const english = await runCli(["servers"], { cwd, env: environment("en_US.UTF-8") });
    expect(english.stdout).toContain("○ a  down  stdio  command not found: no-such-command-xyz\n");
    expect(english.stdout).toContain(
      "○ b  down  stdio  working folder (cwd) not found: /nonexistent-folder\n",
    );
    expect(english.stdout).toContain("○ c  down  stdio  exited during start-up (exit code 3; Error: boom)\n");
    expect(english.stdout).toContain("○ d  down  stdio  needs NOPE_KEY: set it in the environment or .env\n");
    expect(english.stdout).toContain("○ f  disabled  stdio  disabled in the config\n");
  });

  it("`tools call` of an unknown tool prints in Spanish and in English", async () => {
    const cwd = await configFolder();
    const spanish = await runCli(["tools", "call", "nada"], { cwd, env: environment("es_ES.UTF-8") });
    expect(spanish.code).toBe(1);
    // Some servers are down: the tool may be theirs, so each is named with its reason.
    expect(spanish.stderr).toBe(
      'error: ningún servidor conectado ofrece "nada", y estos servidores están caídos: a (orden no encontrada: no-such-command-xyz); b (no se encuentra la carpeta de trabajo (cwd): /nonexistent-folder); c (terminó durante el arranque (código de salida 3; Error: boom)); d (necesita NOPE_KEY: defínela en el entorno o en .env)\n' +
        "  arregla lo que impide arrancar al servidor (`agente servers` lo muestra) y vuelve a llamar a la herramienta\n",
    );
    const english = await runCli(["tools", "call", "nada"], { cwd, env: environment("en_US.UTF-8") });
    expect(english.stderr).toBe(
      'error: no connected server offers "nada", and these servers are down: a (command not found: no-such-command-xyz); b (working folder (cwd) not found: /nonexistent-folder); c (exited during start-up (exit code 3; Error: boom)); d (needs NOPE_KEY: set it in the environment or .env)\n' +
        "  fix what stops the server (`agente servers` shows it), then call the tool again\n",
    );
  });

  it("the errors keep their English message for the model and print in Spanish for the user", () => {
    const spanish = createTranslator("es");
    const unknown = new UnknownToolError("consultar_empresas", ["consultar_empresa"]);
    expect(unknown.message).toBe(
      'no connected server offers a tool named "consultar_empresas"; did you mean "consultar_empresa"?',
    );
    expect(formatError(unknown, false, spanish).split("\n")[0]).toBe(
      'error: ningún servidor conectado ofrece una herramienta llamada "consultar_empresas"; ¿quisiste decir "consultar_empresa"?',
    );
    const timeout = new ToolCallTimeoutError("odoo", "obtener_cliente", 500);
    expect(timeout.message).toBe('tool "obtener_cliente" on server "odoo" did not answer within 500 ms');
    expect(formatError(timeout, false, spanish)).toBe(
      'error: la herramienta "obtener_cliente" del servidor "odoo" no respondió en 500 ms\n' +
        '  sube "timeoutMs" del servidor "odoo" en la configuración si la herramienta solo es lenta',
    );
    const down = new ServerUnavailableError("odoo", "ECONNREFUSED");
    expect(down.message).toBe('server "odoo" is unavailable: ECONNREFUSED');
    expect(formatError(down, false, spanish).split("\n")[0]).toBe(
      'error: el servidor "odoo" no está disponible: ECONNREFUSED',
    );
  });
});

describe("a down server's reason in any language", () => {
  it("hides the server's secrets in the catalogue form as in the English one", async () => {
    const parsed = parseServerEntry("vault", {
      command: "no-such-s3cr3t-t0ken-value",
      env: { API_KEY: "s3cr3t-t0ken-value" },
    });
    if (!parsed.ok) throw new Error(parsed.problem);
    const hub = await McpHub.start([parsed.config]);
    try {
      const [status] = hub.statuses();
      if (status === undefined) throw new Error("no status");
      const spanish = statusReason(status, createTranslator("es")) ?? "";
      expect(spanish).toMatch(/^orden no encontrada: no-such-/);
      expect(status.reason).toMatch(/^command not found: no-such-/);
      for (const text of [spanish, status.reason]) expect(text).not.toContain("s3cr3t-t0ken-value");
    } finally {
      await hub.close();
    }
  });
});
