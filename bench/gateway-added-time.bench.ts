/**
 * The gateway's added time per tool call (issue 17): the same MCP client calls `echo` on the same
 * Streamable HTTP server directly, and through the real `agente serve`'s `/mcp` (the built `bin/agente`
 * as a child, that server as its only MCP server, a scripted model on Ollama's wire). The calls
 * alternate, one direct and one through the gateway, so both see the same machine load. Goal: p50 added
 * time ≤ 0.3 ms.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { ownSignalFetch } from "../src/mcp/own-signal-fetch.js";
import {
  firstLine,
  freeLoopbackPort,
  stopChild,
  throwawayUserEnv,
  waitForServerUp,
} from "../src/testing/child-processes.js";
import { answer, startScriptedOllama } from "../src/testing/scripted-ollama.js";
import { type Bench, percentile } from "./table.js";

const SERVER = fileURLToPath(new URL("./fixtures/http-echo-server.mjs", import.meta.url));
const AGENTE = fileURLToPath(new URL("../bin/agente", import.meta.url));
const CALLS = 2000;
const WARM = 200;
const GOAL_MS = 0.3;

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: "bench", version: "0" });
  // The hub's fetch (one signal per request): any MaxListenersExceededWarning left comes from agente serve.
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { fetch: ownSignalFetch() }));
  return client;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const bench: Bench = async () => {
  const echo = spawn(process.execPath, [SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const children: ChildProcess[] = [echo];
  const folder = await mkdtemp(join(tmpdir(), "agente-bench-gateway-"));
  const model = await startScriptedOllama(answer("(unused)"));
  const clients: Client[] = [];
  try {
    const line = await firstLine(echo, "the echo server");
    const serverUrl = line.replace(/^listening /, "");
    const config = join(folder, "agente.json");
    await writeFile(config, JSON.stringify({ mcpServers: { echo: { url: serverUrl } } }));
    const port = await freeLoopbackPort();
    // GATEWAY_BENCH_PROFILE=DIR: `agente serve` writes a CPU profile there when it stops (node --cpu-prof).
    const profile = process.env.GATEWAY_BENCH_PROFILE;
    const flags = profile === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${profile}`];
    const serveArgs = [...flags, AGENTE, "--config", config, "serve", "--port", String(port)];
    const serve = spawn(process.execPath, serveArgs, {
      cwd: folder,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...throwawayUserEnv(folder), AGENTE_EMBEDDER: "none", OLLAMA_HOST: model.url },
    });
    children.push(serve);
    if (!(await waitForServerUp(`http://127.0.0.1:${port}`, serve, (server) => server.state === "up")))
      throw new Error("agente serve did not come up with the echo server");
    const direct = await connect(serverUrl);
    const gateway = await connect(`http://127.0.0.1:${port}/mcp`);
    clients.push(direct, gateway);
    const call = (client: Client) => client.callTool({ name: "echo", arguments: { text: "x" } });
    for (let index = 0; index < WARM; index++) {
      await call(direct);
      await call(gateway);
    }
    const directTimes: number[] = [];
    const gatewayTimes: number[] = [];
    const added: number[] = [];
    for (let index = 0; index < CALLS; index++) {
      const straight = await timed(() => call(direct));
      const through = await timed(() => call(gateway));
      directTimes.push(straight);
      gatewayTimes.push(through);
      added.push(through - straight);
    }
    const addedP50 = percentile(gatewayTimes, 50) - percentile(directTimes, 50);
    return [
      {
        title: "one tools/call over Streamable HTTP: directly vs through agente serve's /mcp (ms)",
        columns: ["path", "calls", "p50", "p90", "p99"],
        rows: [
          [
            "client → server (baseline, same run)",
            CALLS,
            percentile(directTimes, 50),
            percentile(directTimes, 90),
            percentile(directTimes, 99),
          ],
          [
            "client → agente serve /mcp → hub → server",
            CALLS,
            percentile(gatewayTimes, 50),
            percentile(gatewayTimes, 90),
            percentile(gatewayTimes, 99),
          ],
          [
            "added by the gateway, call by call",
            CALLS,
            percentile(added, 50),
            percentile(added, 90),
            percentile(added, 99),
          ],
        ],
        notes: [
          `added time at p50 (gateway p50 - direct p50): ${addedP50.toFixed(3)} ms; goal ≤ ${GOAL_MS} ms: ${addedP50 <= GOAL_MS ? "met" : "NOT met"}`,
          `through /mcp at p50: ${(percentile(gatewayTimes, 50) / percentile(directTimes, 50)).toFixed(2)}× the direct call`,
          "the gateway's path has one more HTTP hop (hub → server) by construction; both ends are loopback",
        ],
      },
    ];
  } finally {
    for (const client of clients) await client.close();
    for (const child of children.reverse()) await stopChild(child);
    await model.close();
    await rm(folder, { recursive: true, force: true });
  }
};

export default bench;
