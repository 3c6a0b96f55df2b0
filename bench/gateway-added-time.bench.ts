/**
 * The gateway's added time per tool call (issue 17; goal: p50 added ≤ 0.3 ms against calling the server
 * directly). One bench client calls `echo` on the same server (bench/fixtures/echo-tool.mjs) by every path
 * below, one call per path in turn, so all paths see the same machine load:
 * - floors: one loopback HTTP round trip without MCP (node:http keep-alive, and Node's fetch), and the
 *   bare SDK v2 client → server call (the direct call), and the smallest gateway the SDK allows
 *   (bench/fixtures/bare-sdk-proxy.mjs: an SDK server passing calls to an SDK client, no agente);
 * - (a) through the real `agente serve`'s `/mcp` (built `bin/agente` as a child) to the server on HTTP;
 * - (b) through the same `/mcp` to the same server as a stdio child of `agente serve`;
 * - the hub's own call to each upstream, alone (agente's `McpHub.forward`, as the gateway calls it, in
 *   this process), so (c), the gateway's own share, is (a or b) − direct − that upstream call.
 * `GATEWAY_BENCH_PROFILE=DIR` makes `agente serve` write a CPU profile there (node --cpu-prof).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { Agent, request } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { parseServerEntry, type ServerConfig } from "../src/config/server-config.js";
import { McpHub } from "../src/mcp/hub.js";
import { FileOAuthStore } from "../src/mcp/oauth/file-oauth-store.js";
import { ownSignalFetch } from "../src/mcp/own-signal-fetch.js";
import {
  firstLine,
  freeLoopbackPort,
  type HealthServer,
  stopChild,
  throwawayUserEnv,
  waitForServerUp,
} from "../src/testing/child-processes.js";
import { answer, startScriptedOllama } from "../src/testing/scripted-ollama.js";
import { type Bench, percentile, sized } from "./table.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const AGENTE = fileURLToPath(new URL("../bin/agente", import.meta.url));
const CALLS = sized(2000, 20);
const WARM = sized(200, 5);
const GOAL_MS = 0.3;

/** `auto`: 2026-07-28 with a server that speaks it, else the 2025 handshake (as agente's hub). */
async function connect(url: string, negotiation: "legacy" | "auto" = "legacy"): Promise<Client> {
  const client = new Client({ name: "bench", version: "0" }, { versionNegotiation: { mode: negotiation } });
  // One signal per request (own-signal-fetch.ts), so no MaxListenersExceededWarning from this client.
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { fetch: ownSignalFetch() }));
  return client;
}

function entry(name: string, raw: Record<string, unknown>): ServerConfig {
  const parsed = parseServerEntry(name, raw);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.config;
}

/** One POST and its whole answer, over one kept-alive node:http connection. */
function httpRoundTrip(url: string, agent: Agent): Promise<void> {
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo" } });
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: "POST", agent, headers: { "content-type": "application/json" } });
    outgoing.once("error", reject);
    outgoing.once("response", (response) => {
      response.resume();
      response.once("end", resolve);
    });
    outgoing.end(body);
  });
}

/** CPU time (user + system) a process has used, in ms; undefined where /proc is not there. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

const bench: Bench = async () => {
  const children: ChildProcess[] = [];
  const started = async (file: string, args: string[] = []) => {
    const child = spawn(process.execPath, [fixture(file), ...args], { stdio: ["ignore", "pipe", "inherit"] });
    children.push(child);
    return { child, url: (await firstLine(child, file)).replace(/^listening /, "") };
  };
  const folder = await mkdtemp(join(tmpdir(), "agente-bench-gateway-"));
  const model = await startScriptedOllama(answer("(unused)"));
  const clients: Client[] = [];
  let hub: McpHub | undefined;
  const agent = new Agent({ keepAlive: true });
  try {
    const loadBefore = load();
    const echo = await started("http-echo-server.mjs");
    const floor = await started("http-floor-server.mjs");
    const proxy = await started("bare-sdk-proxy.mjs", [echo.url]);
    const servers = {
      "echo-http": { url: echo.url },
      "echo-stdio": { command: process.execPath, args: [fixture("echo-server.mjs")] },
    };
    const config = join(folder, "agente.json");
    await writeFile(config, JSON.stringify({ mcpServers: servers }));
    const port = await freeLoopbackPort();
    const profile = process.env.GATEWAY_BENCH_PROFILE;
    const flags = profile === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${profile}`];
    const serve = spawn(
      process.execPath,
      [...flags, AGENTE, "--config", config, "serve", "--port", String(port)],
      {
        cwd: folder,
        stdio: ["ignore", "ignore", "inherit"],
        env: { ...throwawayUserEnv(folder), AGENTE_EMBEDDER: "none", OLLAMA_HOST: model.url },
      },
    );
    children.push(serve);
    for (const name of Object.keys(servers)) {
      const up = (server: HealthServer) => server.name === name && server.state === "up";
      if (!(await waitForServerUp(`http://127.0.0.1:${port}`, serve, up)))
        throw new Error(`agente serve did not come up with ${name}`);
    }
    // The hub alone, as the gateway uses it (McpHub.forward), with a token store of its own.
    hub = await McpHub.start(
      [entry("echo-http", servers["echo-http"]), entry("echo-stdio", servers["echo-stdio"])],
      {
        oauth: { store: new FileOAuthStore(join(folder, "oauth")) },
      },
    );
    const direct = await connect(echo.url);
    const viaProxy = await connect(proxy.url);
    const gateway = await connect(`http://127.0.0.1:${port}/mcp`);
    const stateless = await connect(`http://127.0.0.1:${port}/mcp`, "auto");
    const stdio = new Client({ name: "bench", version: "0" }, { versionNegotiation: { mode: "auto" } });
    await stdio.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [fixture("echo-server.mjs")],
        stderr: "ignore",
      }),
    );
    clients.push(direct, viaProxy, gateway, stateless, stdio);
    const call = (client: Client, name = "echo") => client.callTool({ name, arguments: { text: "x" } });
    const alone = hub;
    const upstream = (server: string) =>
      alone.forward(server, "tools/call", { name: "echo", arguments: { text: "x" } });
    const paths: Array<[string, () => Promise<unknown>]> = [
      [
        "floor: one loopback HTTP round trip, node:http keep-alive (no MCP)",
        () => httpRoundTrip(floor.url, agent),
      ],
      [
        "floor: the same round trip with Node's fetch (undici)",
        async () => (await fetch(floor.url, { method: "POST", body: "{}" })).arrayBuffer(),
      ],
      ["direct: client → server over HTTP (the baseline; the bare SDK v2 call)", () => call(direct)],
      ["floor: client → bare SDK v2 proxy → server (HTTP both hops, no agente)", () => call(viaProxy)],
      ["(a) client → agente serve /mcp → hub → server over HTTP", () => call(gateway, "echo-http__echo")],
      ["hub → server over HTTP alone (agente's McpHub.forward)", () => upstream("echo-http")],
      [
        "(b) client → agente serve /mcp → hub → same server as a stdio child",
        () => call(gateway, "echo-stdio__echo"),
      ],
      ["hub → stdio server alone (agente's McpHub.forward)", () => upstream("echo-stdio")],
      ["floor: bare SDK v2 client → the stdio server (no agente)", () => call(stdio)],
      [
        `(a) with a ${stateless.getNegotiatedProtocolVersion()} client (no session: a server per request)`,
        () => call(stateless, "echo-http__echo"),
      ],
    ];
    for (let index = 0; index < WARM; index++) for (const [, work] of paths) await work();
    const times = paths.map((): number[] => []);
    const cpuBefore = [cpuMs(serve.pid), cpuMs(proxy.child.pid)];
    for (let index = 0; index < CALLS; index++) {
      for (const [slot, [, work]] of paths.entries()) {
        const begun = performance.now();
        await work();
        times[slot]?.push(performance.now() - begun);
      }
    }
    const cpuAfter = [cpuMs(serve.pid), cpuMs(proxy.child.pid)];
    const p50 = (slot: number) => percentile(times[slot] ?? [], 50);
    const pairwise = (slot: number, base: number) =>
      (times[slot] ?? []).map((value, index) => value - (times[base]?.[index] ?? Number.NaN));
    const row = (label: string, values: number[]) => [
      label,
      values.length,
      percentile(values, 50),
      percentile(values, 90),
      percentile(values, 99),
    ];
    const perCall = (slot: number, calls: number) => {
      const before = cpuBefore[slot];
      const after = cpuAfter[slot];
      return before === undefined || after === undefined ? "?" : ((after - before) / calls).toFixed(2);
    };
    const [directSlot, proxySlot, httpSlot, hubHttp, stdioSlot, hubStdio] = [2, 3, 4, 5, 6, 7];
    const added = [
      ["(a) added, HTTP upstream: (a) − direct", p50(httpSlot) - p50(directSlot)],
      ["(b) added, stdio upstream: (b) − direct", p50(stdioSlot) - p50(directSlot)],
      [
        "(c) gateway's own share, HTTP: (a) − direct − hub → server over HTTP",
        p50(httpSlot) - p50(directSlot) - p50(hubHttp),
      ],
      [
        "(c) gateway's own share, stdio: (b) − direct − hub → stdio server",
        p50(stdioSlot) - p50(directSlot) - p50(hubStdio),
      ],
      ["floor of (a): bare SDK proxy − direct", p50(proxySlot) - p50(directSlot)],
      [
        "floor of (c): bare SDK proxy − direct − direct (its upstream is the bare SDK call)",
        p50(proxySlot) - 2 * p50(directSlot),
      ],
    ] as const;
    const revisions = hub.statuses().map((status) => `${status.name} ${status.protocolVersion ?? "?"}`);
    return [
      {
        title: "one tools/call of `echo` by each path, alternating call by call (ms)",
        columns: ["path", "calls", "p50", "p90", "p99"],
        rows: [
          ...paths.map(([label], slot) => row(label, times[slot] ?? [])),
          row("(a) − direct, call by call", pairwise(httpSlot, directSlot)),
          row("(b) − direct, call by call", pairwise(stdioSlot, directSlot)),
        ],
        notes: [
          `load average before ${loadBefore}, after ${load()} (2 cores)`,
          `the bench client and the bare proxy speak 2025-11-25 (HTTP sessions); agente's hub: ${revisions.join(", ")}`,
          `CPU per call: agente serve ${perCall(0, 3 * CALLS)} ms (mean of its a, b and 2026-07-28 calls), bare SDK proxy ${perCall(1, CALLS)} ms (user + system, /proc)`,
        ],
      },
      {
        title: "the gateway's added time at p50 (ms), from the p50s above",
        columns: ["definition", "p50"],
        rows: added.map(([label, value]) => [label, value]),
        notes: [
          `goal: (a) or (b) ≤ ${GOAL_MS} ms: (a) ${added[0][1] <= GOAL_MS ? "met" : "NOT met"}, (b) ${added[1][1] <= GOAL_MS ? "met" : "NOT met"}`,
          "(a) and (b) are the issue's definition: through the gateway minus calling the server directly",
        ],
      },
    ];
  } finally {
    for (const client of clients) await client.close();
    await hub?.close();
    agent.destroy();
    for (const child of children.reverse()) await stopChild(child);
    await model.close();
    await rm(folder, { recursive: true, force: true });
  }
};

export default bench;
