/**
 * `agente serve` under load: 50 concurrent sessions × 3 turns over HTTP (the OpenAI-compatible endpoint,
 * each session a stored conversation named by `X-Agente-Session`) against the server in its own process
 * (`serve-bench-server.ts`: a scripted model taking 20 ms per call, an in-process tool, SQLite).
 * Reports serve's overhead per turn (the round trip minus the time in the agent loop, `Server-Timing: agent`, so
 * the model is excluded), failures, crosstalk (each answer must name its own session's data) and the
 * server's peak RSS. Baselines, same run: the agent loop's own work (`runTurn` directly in this process),
 * and the same load against a bare Fastify echo route (the bench's own HTTP client and the machine).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { approveAll } from "../src/agent/approval.js";
import { ArgumentValidator } from "../src/agent/argument-validator.js";
import { runTurn } from "../src/agent/run-turn.js";
import { completionReply, createdSession, postJson, serverTiming } from "./serve-bench-client.js";
import {
  BENCH_SETTINGS,
  benchHub,
  benchModel,
  expectedAnswer,
  MODEL_MS,
  ModelStopwatch,
} from "./serve-bench-server.js";
import { type Bench, percentile, sized } from "./table.js";

const SESSIONS = sized(50, 3);
const TURNS = 3;
const SERVER = fileURLToPath(new URL("./serve-bench-server.ts", import.meta.url));

interface LoadResult {
  /** Round trip minus the agent loop, as the client sees it. */
  overheads: number[];
  /** The server's own time for the request minus the agent loop (from `Server-Timing`). */
  serverOverheads: number[];
  failures: number;
  crosstalk: number;
}

async function load(url: string, sessions: number, prefix: number): Promise<LoadResult> {
  const overheads: number[] = [];
  const serverOverheads: number[] = [];
  let failures = 0;
  let crosstalk = 0;
  await Promise.all(
    Array.from({ length: sessions }, async (_, index) => {
      const name = `cliente-${prefix + index}`;
      const session = createdSession.parse((await postJson(`${url}/api/sessions`, {})).body);
      for (let turn = 1; turn <= TURNS; turn += 1) {
        const started = performance.now();
        const reply = await postJson(
          `${url}/v1/chat/completions`,
          { model: "agente", messages: [{ role: "user", content: `saldo de ${name}, turno ${turn}` }] },
          { "x-agente-session": session.id },
        );
        const elapsed = performance.now() - started;
        const body = completionReply.safeParse(reply.body);
        const answer = body.success ? (body.data.choices[0]?.message.content ?? "") : "";
        if (reply.status !== 200 || answer === "") {
          failures += 1;
          continue;
        }
        // The agent loop's time from Server-Timing (to 0.01 ms; the body's turnMs is rounded to 0.1).
        const timing = serverTiming(reply.headers["server-timing"]);
        overheads.push(elapsed - timing.agent);
        serverOverheads.push(timing.total - timing.agent);
        if (answer !== expectedAnswer(name)) crosstalk += 1;
      }
    }),
  );
  return { overheads, serverOverheads, failures, crosstalk };
}

/** `VmHWM` (peak RSS) and `VmRSS` of a process, in MB, from /proc. */
function memoryOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) / 1024;
  return { peak: Math.round(field("VmHWM")), now: Math.round(field("VmRSS")) };
}

async function startServer(mode: "agente" | "echo" = "agente"): Promise<{
  url: string;
  pid: number;
  stop: () => Promise<void>;
}> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_PROFILE
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`]
        : []),
      "--import",
      "tsx",
      SERVER,
      ...(mode === "echo" ? ["echo"] : []),
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`the bench server exited (${code})`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function direct(validator: ArgumentValidator): Promise<number[]> {
  const model = new ModelStopwatch(benchModel());
  const own: number[] = [];
  await Promise.all(
    Array.from({ length: SESSIONS }, async (_, index) => {
      const name = `cliente-${index}`;
      for (let turn = 1; turn <= TURNS; turn += 1) {
        const started = performance.now();
        await runTurn({
          model,
          hub: benchHub,
          userMessage: `saldo de ${name}, turno ${turn}`,
          history: [],
          settings: BENCH_SETTINGS,
          approver: approveAll,
          validator,
        });
        own.push(performance.now() - started - model.take(name));
      }
    }),
  );
  return own;
}

const bench: Bench = async () => {
  const validator = new ArgumentValidator();
  await direct(validator); // warm-up: module loading, the token counter, the compiled tool schema
  const baseline = await direct(validator);
  // The same load against a bare Fastify echo route first: what the bench's client and the machine cost.
  const echo = await startServer("echo");
  let echoAlone: LoadResult;
  let echoLoaded: LoadResult;
  try {
    await load(echo.url, 5, 1000);
    echoAlone = await load(echo.url, 1, 2000);
    echoLoaded = await load(echo.url, SESSIONS, 0);
  } finally {
    await echo.stop();
  }
  const server = await startServer();
  let alone: LoadResult;
  let loaded: LoadResult;
  let memory: { peak: number; now: number };
  try {
    await load(server.url, 5, 1000); // warm-up, not measured
    alone = await load(server.url, 1, 2000);
    loaded = await load(server.url, SESSIONS, 0);
    memory = memoryOf(server.pid);
  } finally {
    await server.stop();
  }
  const row = (name: string, values: number[], failures: number | string, crosstalk: number | string) => [
    name,
    values.length,
    percentile(values, 50),
    percentile(values, 99),
    failures,
    crosstalk,
  ];
  return [
    {
      title: `agente serve: ${SESSIONS} concurrent sessions × ${TURNS} turns over HTTP (model ${MODEL_MS} ms per call, excluded)`,
      columns: ["measure", "turns", "p50 ms", "p99 ms", "failures", "crosstalk"],
      rows: [
        row("baseline: the agent loop's own work (runTurn directly)", baseline, "-", "-"),
        row(
          "baseline: a bare Fastify echo route, one session alone",
          echoAlone.overheads,
          echoAlone.failures,
          "-",
        ),
        row("  of which inside the server (Server-Timing)", echoAlone.serverOverheads, "-", "-"),
        row(
          `baseline: a bare Fastify echo route, ${SESSIONS} sessions at once`,
          echoLoaded.overheads,
          echoLoaded.failures,
          "-",
        ),
        row("  of which inside the server (Server-Timing)", echoLoaded.serverOverheads, "-", "-"),
        row("serve's overhead, one session alone", alone.overheads, alone.failures, alone.crosstalk),
        row("  of which inside the server (Server-Timing)", alone.serverOverheads, "-", "-"),
        row(
          `serve's overhead, ${SESSIONS} sessions at once`,
          loaded.overheads,
          loaded.failures,
          loaded.crosstalk,
        ),
        row("  of which inside the server (Server-Timing)", loaded.serverOverheads, "-", "-"),
      ],
      notes: [
        "goals: p50 overhead ≤ 5 ms, no failures, no crosstalk, server RSS ≤ 250 MB",
        "serve's overhead = the HTTP round trip (node:http keep-alive client, serve-bench-client.ts) minus the time inside the agent loop (Server-Timing agent): HTTP, JSON, the stored history, the session lock, writing the turn",
        "the echo baseline waits as long as the model's two calls and answers the same JSON: its overhead is the bench's HTTP client, Fastify and the machine, with nothing of agente",
        "inside the server = the request's time in Fastify (from its first hook) minus the agent loop; the rest of the round trip is the bench's own HTTP client and the network stack, which share the machine's two cores",
        `load average at the end: ${loadavg()
          .map((value) => value.toFixed(1))
          .join(", ")} on ${cpus().length} cores`,
        `the server's peak RSS: ${memory.peak} MB (now ${memory.now} MB; a node process with tsx loaded, the bench's clients run elsewhere)`,
      ],
    },
  ];
};

export default bench;
