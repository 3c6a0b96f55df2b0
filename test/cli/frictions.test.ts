/** The small frictions of a first session, each pinned. */
import { spawn, spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { closedPortUrl } from "../llm/replay-server.js";
import { AGENTE_BIN } from "../support/run-cli.js";

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
    const child = spawn(process.execPath, [AGENTE_BIN, "chat"], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", OLLAMA_HOST: await closedPortUrl() },
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    await vi.waitFor(() => expect(stdout).toContain("You: "), { timeout: 20_000 });
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(stdout.endsWith("You: \n")).toBe(true);
  });
});
