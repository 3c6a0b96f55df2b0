/**
 * The CLI's `run()` inside the test process, with an environment of its own and its output captured: for
 * tests of what the CLI says (help, usage errors, in the user's language) where the process boundary is
 * not the point. A child `agente` costs a Node start-up each; this costs a call. Runs one at a time,
 * since the environment and the standard streams are the process's own.
 */
import { run } from "../../src/cli/main.js";
import type { CliRun } from "./run-cli.js";

let queue: Promise<unknown> = Promise.resolve();

export function runCliInProcess(
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string },
): Promise<CliRun> {
  const next = queue.then(() => runAlone(args, options.env, options.cwd));
  queue = next.catch(() => undefined);
  return next;
}

async function runAlone(args: string[], env: NodeJS.ProcessEnv, cwd: string | undefined): Promise<CliRun> {
  const savedEnv = process.env;
  const savedCwd = process.cwd();
  const savedOut = process.stdout.write;
  const savedErr = process.stderr.write;
  const savedConsole = { log: console.log, error: console.error, warn: console.warn };
  let stdout = "";
  let stderr = "";
  process.env = { ...env };
  // The test pool runs each file in a child process of its own, where changing directory is allowed.
  if (cwd !== undefined) process.chdir(cwd);
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  }) as typeof process.stderr.write;
  // The test runner hands console.* to its reporter, not to the streams: catch those lines too.
  console.log = (...parts: unknown[]) => {
    stdout += `${parts.join(" ")}\n`;
  };
  console.error = (...parts: unknown[]) => {
    stderr += `${parts.join(" ")}\n`;
  };
  console.warn = console.error;
  try {
    const code = await run(["node", "agente", ...args]);
    return { code, signal: null, stdout, stderr };
  } finally {
    process.stdout.write = savedOut;
    process.stderr.write = savedErr;
    Object.assign(console, savedConsole);
    process.env = savedEnv;
    process.chdir(savedCwd);
    process.exitCode = undefined;
  }
}
