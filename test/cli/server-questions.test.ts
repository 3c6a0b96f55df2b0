/**
 * The real CLI answering a server's questions (test/fixtures/servers/questions-server.ts): on a terminal (a
 * pseudo-terminal from util-linux `script`) the form is asked field by field, with defaults, numbered
 * choices and answers checked; without a terminal a form is declined unless `--yes` and every required
 * field has a default, and sampling is refused.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { throwawayUserEnv } from "../../src/testing/child-processes.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
/** The real CLI: `npm test` builds dist/ first. */
const agenteBin = join(root, "bin/agente");
const questionsServer = join(root, "test/fixtures/servers/questions-server.ts");

let folder: string | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child?.exitCode === null) child.kill("SIGKILL");
  child = undefined;
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

async function workspace(): Promise<{ config: string; env: Record<string, string> }> {
  folder = await mkdtemp(join(tmpdir(), "agente-questions-"));
  const config = join(folder, "agente.json");
  await writeFile(
    config,
    JSON.stringify({
      mcpServers: {
        preguntas: { command: process.execPath, args: ["--import", "tsx", questionsServer], cwd: root },
      },
    }),
  );
  return { config, env: throwawayUserEnv(folder) };
}

/** `agente tools call TOOL …` with no terminal: stdout and the exit code. */
async function callWithoutTerminal(
  args: string[],
): Promise<{ stdout: string; stderr: string; code: number }> {
  const { config, env } = await workspace();
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [agenteBin, "--config", config, "tools", "call", ...args],
      {
        cwd: root,
        env,
      },
    );
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

describe("agente answers a server's questions", () => {
  it("asks the form on a terminal: default kept, a choice by number, a wrong answer asked again", async () => {
    const { config, env } = await workspace();
    const command = [process.execPath, agenteBin, "--config", config, "tools", "call", "formulario"]
      .map(shellQuote)
      .join(" ");
    const started = spawn("script", ["-qfec", command, "/dev/null"], {
      cwd: root,
      env: { ...env, TERM: "dumb", AGENTE_LANG: "es" },
    });
    child = started;
    let output = "";
    started.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    const exited = new Promise<number | null>((resolve) => started.on("exit", (code) => resolve(code)));
    let position = 0;
    const waitFor = async (text: string) => {
      await vi.waitFor(
        () => {
          if (output.indexOf(text, position) === -1)
            throw new Error(`timed out waiting for ${JSON.stringify(text)} in:\n${output}`);
        },
        { timeout: 30_000, interval: 50 },
      );
      position = output.indexOf(text, position) + text.length;
    };
    const type = (text: string) => started.stdin?.write(text);

    await waitFor("el servidor preguntas pregunta: Datos del cliente");
    await waitFor("[r] ");
    type("\r");
    await waitFor("[Ana]> ");
    type("\r");
    await waitFor("2) verde");
    type("2\r");
    await waitFor("Edad");
    type("doscientos\r");
    await waitFor("✗");
    type("\r");
    await waitFor("Edad");
    type("40\r");
    await waitFor('accept {"nombre":"Ana","color":"verde","edad":40}');
    expect(await exited).toBe(0);
  }, 90_000);

  it("declines a form without a terminal", async () => {
    const result = await callWithoutTerminal(["formulario"]);
    expect(result.stdout.trim()).toBe("decline {}");
    expect(result.stderr).toContain("server preguntas asked a question; declined: there is no terminal");
  }, 60_000);

  it("with --yes and no terminal accepts a form whose required fields all have defaults, and no other", async () => {
    expect((await callWithoutTerminal(["formulario_con_defectos", "--yes"])).stdout.trim()).toBe(
      'accept {"plan":"basico"}',
    );
    await rm(folder ?? "", { recursive: true, force: true });
    expect((await callWithoutTerminal(["formulario", "--yes"])).stdout.trim()).toBe("decline {}");
  }, 90_000);

  it("refuses sampling when this command has no model to answer with", async () => {
    const result = await callWithoutTerminal(["muestrear", "--args", '{"pregunta":"hola"}', "--yes"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("agente has no model to answer with in this command");
  }, 60_000);
});
