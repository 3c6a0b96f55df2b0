/**
 * Child processes for tests, benchmarks and the conformance run: a free loopback port to start a server
 * on, the environment of a throwaway user (HOME and XDG dirs in one temp folder), the first line a child
 * prints, polling `agente serve`'s `/health` and a stepped stop (SIGTERM, then SIGKILL) by the child's pid.
 */
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";

/** A port nobody listens on right now on 127.0.0.1 (the OS picks it). */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === "object") resolve(address.port);
        else reject(new Error("could not find a free loopback port"));
      });
    });
  });
}

/**
 * Ends `child`: SIGTERM, then SIGKILL when it has not exited after `killAfterMs`. Resolves with its exit
 * code (`null` when a signal ended it).
 */
export async function stopChild(child: ChildProcess, killAfterMs = 5_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/**
 * The environment of a user whose HOME and XDG dirs are all in `folder`, with only `PATH` inherited and
 * agente's text in English: no config, memory or model cache of the developer leaks in.
 */
export function throwawayUserEnv(folder: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: folder,
    XDG_CONFIG_HOME: join(folder, ".config"),
    XDG_DATA_HOME: join(folder, ".local/share"),
    XDG_CACHE_HOME: join(folder, ".cache"),
    AGENTE_LANG: "en",
  };
}

/** The first line `child` prints on stdout (spawned with `stdout: "pipe"`); rejects if it exits first. */
export async function firstLine(child: ChildProcess, what: string): Promise<string> {
  const stdout = child.stdout;
  if (stdout === null) throw new Error(`${what}: spawn it with its stdout piped`);
  return new Promise<string>((resolve, reject) => {
    createInterface({ input: stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`${what} exited (${code}) before printing a line`)));
  });
}

const healthSchema = z.looseObject({
  servers: z.array(z.looseObject({ name: z.string(), state: z.string() })),
});

/** One MCP server as `/health` lists it. */
export type HealthServer = z.infer<typeof healthSchema>["servers"][number];

/**
 * Polls `base`/health every 100 ms until one server in it satisfies `ready`. Resolves `true` then, and
 * `false` when `child` exited or `attempts` polls passed without it.
 */
export async function waitForServerUp(
  base: string,
  child: ChildProcess,
  ready: (server: HealthServer) => boolean,
  attempts = 600,
): Promise<boolean> {
  for (let attempt = 0; attempt < attempts && child.exitCode === null; attempt++) {
    const health = await fetch(`${base}/health`).then(
      async (response) => (response.ok ? healthSchema.parse(await response.json()) : undefined),
      () => undefined,
    );
    if (health?.servers.some(ready)) return true;
    await sleep(100);
  }
  return false;
}
