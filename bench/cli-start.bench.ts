/**
 * The CLI's start-up (issue 11): `--help`, `--version`, `servers` with the built-in defaults, and the time
 * until the chat's prompt appears, each as a ratio to `node -e 0` measured in the same run.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Bench, percentile, sized } from "./table.js";

const BIN = fileURLToPath(new URL("../bin/agente", import.meta.url));

/** A clean place to run: no agente.json, a fresh memory file, English messages, no Ollama. */
function cleanEnv(): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = mkdtempSync(join(tmpdir(), "agente-bench-start-"));
  return {
    cwd,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: cwd,
      LANG: "C",
      AGENTE_MEMORY_PATH: join(cwd, "memory.db"),
      OLLAMA_HOST: "http://127.0.0.1:9",
    },
  };
}

/** Milliseconds from spawn until exit, or until `until` appears on stdout (then the process is killed). */
function timeRun(args: string[], until?: string): Promise<number> {
  const { cwd, env } = cleanEnv();
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["pipe", "pipe", "ignore"] });
    let stdout = "";
    let elapsed: number | undefined;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until !== undefined && elapsed === undefined && stdout.includes(until)) {
        elapsed = performance.now() - started;
        child.stdin.end();
      }
    });
    child.on("error", reject);
    child.on("close", () => resolve(elapsed ?? performance.now() - started));
    if (until === undefined) child.stdin.end();
  });
}

/** The fastest and the median of `runs` runs (after one to warm the file cache). */
async function measure(runs: number, work: () => Promise<number>): Promise<{ min: number; median: number }> {
  const times: number[] = [];
  await work();
  for (let index = 0; index < runs; index++) times.push(await work());
  return { min: Math.min(...times), median: percentile(times, 50) };
}

const bench: Bench = async () => {
  const node = await measure(sized(9, 1), () => timeRun(["-e", "0"]));
  const cases: Array<[string, { min: number; median: number }, string]> = [
    ["agente --help", await measure(sized(9, 1), () => timeRun([BIN, "--help"])), "<= 3x"],
    ["agente --version", await measure(sized(9, 1), () => timeRun([BIN, "--version"])), "<= 3x"],
    [
      "chat: time to the prompt (built-in defaults)",
      await measure(sized(5, 1), () => timeRun([BIN], "You: ")),
      "—",
    ],
    ["agente servers (built-in defaults)", await measure(sized(3, 1), () => timeRun([BIN, "servers"])), "—"],
  ];
  const row = (name: string, time: { min: number; median: number }, goal: string) => [
    name,
    time.min,
    time.median,
    (time.min / node.min).toFixed(2),
    (time.median / node.median).toFixed(2),
    goal,
  ];
  return [
    {
      title: "CLI start-up (ms)",
      columns: ["command", "min", "median", "ratio (min)", "ratio (median)", "goal"],
      rows: [
        row("node -e 0 (baseline)", node, ""),
        ...cases.map(([name, time, goal]) => row(name, time, goal)),
      ],
      notes: [
        "Each command runs in a fresh folder without agente.json (the built-in memory server), LANG=C.",
        "The chat prompt appears while the servers connect; `servers` waits for every server.",
        "On a shared machine the fastest run is the fairer figure; the median shows the noise.",
      ],
    },
  ];
};

export default bench;
