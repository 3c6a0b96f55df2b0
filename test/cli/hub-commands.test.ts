import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { fixtureEntry, isAlive, waitFor } from "../support/fixture-servers.js";
import { AGENTE_BIN, runCli } from "../support/run-cli.js";

async function configFolder(servers: Record<string, unknown>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "agente-cli-"));
  await writeFile(join(folder, "agente.json"), JSON.stringify({ mcpServers: servers }, null, 2));
  return folder;
}

const env = { ...process.env, HOME: "/nonexistent-home" };

describe("agente servers / tools through the real CLI", () => {
  it("prints each server's status as JSON, exit 0 even with a broken server", async () => {
    const cwd = await configFolder({
      alpha: fixtureEntry("alpha"),
      broken: {
        command: process.execPath,
        args: ["-e", "console.error('Error: no licence'); process.exit(2)"],
      },
      maps: { command: "node", env: { KEY: "${GOOGLE_MAPS_API_KEY}" } },
    });
    const run = await runCli(["servers", "--json"], { cwd, env });
    expect(run.code).toBe(0);
    const statuses = JSON.parse(run.stdout) as Array<{
      name: string;
      state: string;
      reason?: string;
      tools: string[];
    }>;
    expect(statuses.map((status) => [status.name, status.state])).toEqual([
      ["alpha", "up"],
      ["broken", "down"],
      ["maps", "down"],
    ]);
    expect(statuses[0]?.tools).toContain("echo");
    expect(statuses[1]?.reason).toContain("no licence");
    expect(statuses[2]?.reason).toContain("needs GOOGLE_MAPS_API_KEY");
  });

  it("prints a readable status table", async () => {
    const cwd = await configFolder({ alpha: fixtureEntry("alpha") });
    const run = await runCli(["servers"], { cwd, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`config: ${join(cwd, "agente.json")}`);
    expect(run.stdout).toMatch(/● alpha {2}up {2}stdio {2}\d+ tools \(fixture-alpha 1\.0\.0\)/);
  });

  it("fails with one line naming file, server and field for an invalid config, exit 1, no stack", async () => {
    const cwd = await configFolder({ files: { args: ["x"] } });
    const run = await runCli(["servers"], { cwd, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `error: ${join(cwd, "agente.json")}: server "files", field "command": is required`,
    );
    expect(run.stderr).toContain("agente init");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("calls a tool and prints text, JSON, and tool errors with exit 1", async () => {
    const cwd = await configFolder({ alpha: fixtureEntry("alpha") });
    const echo = await runCli(["tools", "call", "echo", "--args", '{"text":"hola"}'], { cwd, env });
    expect(echo).toMatchObject({ code: 0, stdout: "alpha: hola\n" });
    const add = await runCli(["tools", "call", "add", "--args", '{"a":1,"b":2}', "--json"], { cwd, env });
    expect(JSON.parse(add.stdout)).toMatchObject({ structuredContent: { sum: 3 } });
    const fail = await runCli(["tools", "call", "fail", "--args", "{}"], { cwd, env });
    expect(fail.code).toBe(1);
    expect(fail.stderr).toContain("tool error:\nfailed: as asked");
  });

  it("explains bad --args and unknown tools in one line", async () => {
    const cwd = await configFolder({ alpha: fixtureEntry("alpha") });
    const badJson = await runCli(["tools", "call", "echo", "--args", "{text:hola}"], { cwd, env });
    expect(badJson.code).toBe(1);
    expect(badJson.stderr).toContain("error: --args is not valid JSON");
    const unknown = await runCli(["tools", "call", "ecko", "--args", "{}"], { cwd, env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no connected server offers a tool named "ecko"; did you mean "echo"?');
  });

  it("answers a usage error with exit 2 and --help with examples", async () => {
    const usage = await runCli(["tools", "call"], { env });
    expect(usage.code).toBe(2);
    const help = await runCli(["tools", "call", "--help"], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Examples:");
  });

  it("leaves no server process behind after a normal exit", async () => {
    const cwd = await configFolder({ alpha: fixtureEntry("alpha") });
    const run = await runCli(["tools", "call", "pid"], { cwd, env });
    const pid = Number(run.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    await waitFor(() => !isAlive(pid), 5_000);
  });

  it("leaves no server process behind after Ctrl-C during a call", async () => {
    const marks = await mkdtemp(join(tmpdir(), "agente-hang-"));
    const called = (name: string) => join(marks, name);
    const cwd = await configFolder({
      alpha: fixtureEntry("alpha", { env: { FIXTURE_HANG_MARK: called("alpha") } }),
      beta: fixtureEntry("beta"),
    });
    const child = spawn(process.execPath, [AGENTE_BIN, "tools", "call", "alpha__hang"], {
      cwd,
      env,
      stdio: "ignore",
    });
    // The hung call is in flight once both servers are up: find them as children of agente.
    let serverPids: number[] = [];
    await waitFor(async () => {
      serverPids = await childPids(child.pid ?? 0);
      return serverPids.length === 2;
    }, 20_000);
    // The hung call reached alpha: now Ctrl-C lands during the call. (Plain `hang` is ambiguous with two
    // servers: agente would refuse it at once and the signal would never meet a call in flight.)
    await vi.waitFor(() => expect(existsSync(called("alpha"))).toBe(true), {
      timeout: 20_000,
      interval: 50,
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    await waitFor(() => serverPids.every((pid) => !isAlive(pid)), 5_000);
  });
});

async function childPids(parent: number): Promise<number[]> {
  const { readFile, readdir } = await import("node:fs/promises");
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === parent) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
