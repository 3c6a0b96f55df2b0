/** The small frictions of a first session, each pinned. */

import { spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closedPortUrl } from "../llm/replay-server.js";
import { AGENTE_BIN, runCli } from "../support/run-cli.js";

describe("small frictions", () => {
  it("./bin/agente before npm install (no dist/) prints one line, not a stack trace", async () => {
    const checkout = await mkdtemp(join(tmpdir(), "agente-unbuilt-"));
    await mkdir(join(checkout, "bin"));
    await copyFile(AGENTE_BIN, join(checkout, "bin", "agente"));
    await writeFile(join(checkout, "package.json"), JSON.stringify({ type: "module" }));
    const run = spawnSync(process.execPath, [join(checkout, "bin", "agente"), "--help"], {
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`error: agente is not built yet: run \`npm install\` in ${checkout}/\n`);
  });

  it("Ctrl-D (end of input) at the chat prompt ends the line, so the shell prompt starts on its own", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "agente-eof-"));
    await writeFile(join(cwd, "agente.json"), JSON.stringify({ mcpServers: {} }));
    const run = await runCli(["chat"], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", OLLAMA_HOST: await closedPortUrl() },
    });
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith("Usuario: \n")).toBe(true);
  });
});
