/**
 * The hub's figures (issue 2): P1 call latency through a persistent stdio session against the prototype's
 * spawn-per-call pattern; P2 parallel connect of 5 servers against the slowest alone; host RSS.
 */
import { execFile } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { parseServerEntry, type ServerConfig } from "../src/config/server-config.js";
import { McpHub } from "../src/mcp/hub.js";
import { type Bench, type BenchTable, percentile, sized } from "./table.js";

const SERVER = fileURLToPath(new URL("./fixtures/echo-server.mjs", import.meta.url));
const RSS_HOST = fileURLToPath(new URL("./fixtures/rss-host.mjs", import.meta.url));

function serverConfig(name: string, startDelayMs = 0): ServerConfig {
  const parsed = parseServerEntry(name, {
    command: process.execPath,
    args: [SERVER],
    env: { START_DELAY_MS: String(startDelayMs) },
  });
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.config;
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function p1(): Promise<BenchTable> {
  const hub = await McpHub.start([serverConfig("echo")]);
  for (let index = 0; index < sized(200, 5); index++) await hub.callTool("echo", { text: "warm" });
  const persistent: number[] = [];
  for (let index = 0; index < sized(2000, 20); index++)
    persistent.push(await timed(() => hub.callTool("echo", { text: "x" })));
  const revision = hub.statuses()[0]?.protocolVersion ?? "?";
  await hub.close();

  // The floor: the bare SDK client on one persistent session, negotiating as the hub does.
  const bare = new Client({ name: "bare", version: "0" }, { versionNegotiation: { mode: "auto" } });
  await bare.connect(
    new StdioClientTransport({ command: process.execPath, args: [SERVER], stderr: "ignore" }),
  );
  const bareCall = () => bare.callTool({ name: "echo", arguments: { text: "x" } });
  for (let index = 0; index < 200; index++) await bareCall();
  const sdk: number[] = [];
  for (let index = 0; index < 2000; index++) sdk.push(await timed(bareCall));
  const bareRevision = bare.getNegotiatedProtocolVersion() ?? "?";
  await bare.close();

  // The prototype: spawn, initialise, list tools, call, close, for every call.
  const perCall: number[] = [];
  for (let index = 0; index < sized(20, 3); index++) {
    perCall.push(
      await timed(async () => {
        const client = new Client({ name: "prototype", version: "0" });
        await client.connect(
          new StdioClientTransport({ command: process.execPath, args: [SERVER], stderr: "ignore" }),
        );
        await client.listTools();
        await client.callTool({ name: "echo", arguments: { text: "x" } });
        await client.close();
      }),
    );
  }
  const ratio = percentile(perCall, 50) / percentile(persistent, 50);
  return {
    title: "P1: one tool call over stdio (ms)",
    columns: ["pattern", "calls", "p50", "p99"],
    rows: [
      [
        `persistent session (agente hub, ${revision})`,
        persistent.length,
        percentile(persistent, 50),
        percentile(persistent, 99),
      ],
      [
        `bare SDK v2 client, persistent session (${bareRevision})`,
        sdk.length,
        percentile(sdk, 50),
        percentile(sdk, 99),
      ],
      [
        "spawn+init+list+call+close (prototype)",
        perCall.length,
        percentile(perCall, 50),
        percentile(perCall, 99),
      ],
    ],
    notes: [
      `ratio of p50s: ${ratio.toFixed(0)}x faster (goal: p50 <= 1 ms and >= 100x)`,
      `hub / bare SDK client, p50: ${(percentile(persistent, 50) / percentile(sdk, 50)).toFixed(2)}x (goal: <= 1.1x)`,
    ],
  };
}

async function p2(): Promise<BenchTable> {
  const rows: BenchTable["rows"] = [];
  // Two cases: servers whose start-up is all CPU (Node + SDK), and servers that wait on I/O while starting
  // (a database, a remote API), which is what parallel connect is for.
  for (const delays of [
    [0, 0, 0, 0, 0],
    [100, 200, 300, 400, 500],
  ]) {
    const singles: number[] = [];
    for (const [index, delay] of delays.entries()) {
      let hub: McpHub | undefined;
      singles.push(await timed(async () => (hub = await McpHub.start([serverConfig(`s${index}`, delay)]))));
      await hub?.close();
    }
    let all: McpHub | undefined;
    const parallel = await timed(async () => {
      all = await McpHub.start(delays.map((delay, index) => serverConfig(`s${index}`, delay)));
    });
    const up = all?.statuses().filter((status) => status.state === "up").length ?? 0;
    await all?.close();
    const slowest = Math.max(...singles);
    // No schedule can beat this: the slowest server alone, or all the start-up CPU spread over every core.
    const cpu = singles.reduce((sum, time, index) => sum + Math.max(0, time - (delays[index] ?? 0)), 0);
    const bound = Math.max(slowest, cpu / cpus().length);
    rows.push([
      delays.every((delay) => delay === 0) ? "CPU-bound start-up" : "start-up waits 100–500 ms on I/O",
      up,
      singles.reduce((sum, time) => sum + time, 0),
      slowest,
      bound,
      parallel,
      (parallel / slowest).toFixed(2),
    ]);
  }
  return {
    title: "P2: connecting 5 stdio servers in parallel (ms)",
    columns: [
      "servers",
      "up",
      "one after another",
      "slowest alone",
      `best possible on ${cpus().length} cores`,
      "all 5 in parallel",
      "ratio to slowest",
    ],
    rows,
    notes: [
      "goal: ratio <= 1.3. Best possible = max(slowest alone, start-up CPU of all 5 / cores): on 2 cores,",
      "5 CPU-bound Node start-ups cannot overlap fully, whatever the host does.",
    ],
  };
}

async function rss(): Promise<BenchTable> {
  const { stdout } = await promisify(execFile)(process.execPath, [RSS_HOST, "5"]);
  const { rss: bytes, up } = JSON.parse(stdout) as { rss: number; up: number };
  return {
    title: "Host memory with 5 stdio servers connected",
    columns: ["servers up", "host RSS (MB)"],
    rows: [[up, bytes / 1024 / 1024]],
    notes: ["goal: <= 150 MB (the servers' own processes are not counted)"],
  };
}

export default (async () => [await p1(), await p2(), await rss()]) satisfies Bench;
