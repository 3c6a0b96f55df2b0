/**
 * `agente serve` as a real child process (the built `./bin/agente`) on a free loopback port, in a
 * throwaway workspace; `stop()` sends SIGTERM and waits for the exit.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { freeLoopbackPort, stopChild } from "../../../src/testing/child-processes.js";
import { AGENTE_BIN } from "../../support/run-cli.js";

export interface ServeProcess {
  url: string;
  port: number;
  stderr(): string;
  stop(): Promise<number | null>;
}

export async function startServeProcess(options: {
  cwd: string;
  env: Record<string, string>;
  args?: string[];
  /** A command that runs `node bin/agente serve …` as its last arguments (e.g. in a mount namespace). */
  wrapper?: string[];
}): Promise<ServeProcess> {
  const port = await freeLoopbackPort();
  const command = [process.execPath, AGENTE_BIN, "serve", "--port", String(port), ...(options.args ?? [])];
  const [program = process.execPath, ...args] = [...(options.wrapper ?? []), ...command];
  const child: ChildProcess = spawn(program, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stderr: () => stderr,
    stop: () => stopChild(child, 10_000),
  };
}

/**
 * Polls `/health` until it answers 200 with the model settled (not `starting` nor `downloading`: serve
 * settles it in the background), or the deadline passes.
 */
export async function waitForHealth(url: string, stderr: () => string, timeoutMs = 60_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) {
        const body: unknown = await response.json();
        if (!settling(body)) return body;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`agente serve did not answer /health: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function settling(health: unknown): boolean {
  const model = typeof health === "object" && health !== null && "model" in health ? health.model : undefined;
  const state = typeof model === "object" && model !== null && "state" in model ? model.state : undefined;
  return state === "starting" || state === "downloading";
}
