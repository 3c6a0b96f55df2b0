/** `agente ask --provider llama-cpp` end to end: the CLI loads the GGUF in-process and every step is valid. */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { TINY_GGUF } from "../../support/fixture-files.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
/** The real CLI: `npm test` builds dist/ first. */
const agenteBin = join(root, "bin/agente");
const companyServer = join(root, "test/agent/company-server-main.ts");

let folder: string | undefined;
afterEach(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

describe("agente ask --provider llama-cpp", () => {
  it("answers or stops at the step limit, with no invalid step, from random weights", async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-gguf-"));
    const config = join(folder, "agente.json");
    await writeFile(
      config,
      JSON.stringify({
        mcpServers: { empresas: { command: process.execPath, args: ["--import", "tsx", companyServer] } },
      }),
    );
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          agenteBin,
          "--config",
          config,
          "ask",
          "--provider",
          "llama-cpp",
          "--gguf",
          TINY_GGUF,
          "--max-steps",
          "3",
          "--max-tokens",
          "64",
          "--json",
          "consulta empresa X",
        ],
        { cwd: root, timeout: 120_000 },
        (_error, out, err) => resolve({ stdout: out, stderr: err }),
      );
    });
    const output = JSON.parse(stdout) as { stopReason: string; steps: Array<{ problem?: string }> };
    expect(["answer", "step_limit"], stderr).toContain(output.stopReason);
    expect(output.steps.filter((step) => step.problem !== undefined)).toEqual([]);
  }, 150_000);
});
