/**
 * The MCP gateway's cost (issue 12): one `tools/call` from the official client over Streamable HTTP,
 * through `/mcp` on a loopback server, to the hub and its stdio server, against the hub's own call in the
 * same run and against the SDK's own server on the same transport; then 20 sessions calling at once.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { McpServer, WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/server";
import { z } from "zod";
import { DEFAULT_AGENT_SETTINGS } from "../src/agent/agent-settings.js";
import { parseServerEntry } from "../src/config/server-config.js";
import { createTranslator } from "../src/i18n/translator.js";
import { McpHub } from "../src/mcp/hub.js";
import { DEFAULT_GATEWAY_SETTINGS } from "../src/serve/mcp-gateway/gateway-settings.js";
import { createMcpGateway } from "../src/serve/mcp-gateway/http-gateway.js";
import { webRequest, writeWebResponse } from "../src/serve/mcp-gateway/web-exchange.js";
import { ScriptedModel } from "../src/testing/scripted-model.js";
import { type Bench, type BenchTable, percentile, sized } from "./table.js";

const SERVER = fileURLToPath(new URL("./fixtures/echo-server.mjs", import.meta.url));
const CALLS = sized(1000, 20);
const SESSIONS = sized(20, 2);
const CALLS_PER_SESSION = sized(50, 5);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  if (request.method !== "POST") return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/** The SDK's own floor: a plain `McpServer` with an in-process `echo` behind the same transport. */
async function sdkFloor(): Promise<number[]> {
  const mcp = new McpServer({ name: "floor", version: "0" });
  mcp.registerTool("echo", { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
    content: [{ type: "text", text }],
  }));
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
  await mcp.connect(transport);
  const server = createServer((request, response) => {
    void readJson(request).then(async (body) =>
      writeWebResponse(
        await transport.handleRequest(webRequest(request, body, response), { parsedBody: body }),
        response,
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const client = new Client({ name: "bench", version: "0" });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`),
    ),
  );
  const call = () => client.callTool({ name: "echo", arguments: { text: "x" } });
  for (let index = 0; index < 100; index++) await call();
  const times: number[] = [];
  for (let index = 0; index < CALLS; index++) times.push(await timed(call));
  await client.close();
  await mcp.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return times;
}

const bench: Bench = async () => {
  const parsed = parseServerEntry("echo", { command: process.execPath, args: [SERVER] });
  if (!parsed.ok) throw new Error(parsed.problem);
  const hub = await McpHub.start([parsed.config]);
  const gateway = createMcpGateway({
    hub,
    agent: {
      // The bench calls tools only: a model that is never asked (the unsettled `auto` provider cannot be built).
      model: new ScriptedModel(() => "", { provider: "bench", model: "unused", recordRequests: false }),
      settings: DEFAULT_AGENT_SETTINGS,
    },
    settings: DEFAULT_GATEWAY_SETTINGS,
    secrets: ["a-secret-value"],
    translate: createTranslator("en"),
    version: "bench",
  });
  const server = createServer((request, response) => {
    void readJson(request).then((body) => gateway.handle(request, response, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`);
  const connect = async () => {
    const client = new Client({ name: "bench", version: "0" });
    await client.connect(new StreamableHTTPClientTransport(url));
    return client;
  };
  const call = (client: Client) => client.callTool({ name: "echo", arguments: { text: "x" } });

  try {
    for (let index = 0; index < 100; index++) await hub.callTool("echo", { text: "warm" });
    const direct: number[] = [];
    for (let index = 0; index < CALLS; index++)
      direct.push(await timed(() => hub.callTool("echo", { text: "x" })));

    const floor = await sdkFloor();
    const client = await connect();
    for (let index = 0; index < 100; index++) await call(client);
    const viaGateway: number[] = [];
    for (let index = 0; index < CALLS; index++) viaGateway.push(await timed(() => call(client)));
    await client.close();

    const clients = await Promise.all(Array.from({ length: SESSIONS }, connect));
    const concurrent: number[] = [];
    let failures = 0;
    const wall = await timed(() =>
      Promise.all(
        clients.map(async (sessionClient) => {
          for (let index = 0; index < CALLS_PER_SESSION; index++) {
            const took = await timed(() =>
              call(sessionClient).catch(() => {
                failures += 1;
              }),
            );
            concurrent.push(took);
          }
        }),
      ),
    );
    await Promise.all(clients.map((sessionClient) => sessionClient.close()));

    const overhead = percentile(viaGateway, 50) - percentile(floor, 50) - percentile(direct, 50);
    const table: BenchTable = {
      title: "G1: one tools/call (ms)",
      columns: ["path", "calls", "p50", "p99"],
      rows: [
        ["hub.callTool (baseline, same run)", direct.length, percentile(direct, 50), percentile(direct, 99)],
        [
          "SDK McpServer, same transport, no hub (floor)",
          floor.length,
          percentile(floor, 50),
          percentile(floor, 99),
        ],
        [
          "client → /mcp → hub (1 session)",
          viaGateway.length,
          percentile(viaGateway, 50),
          percentile(viaGateway, 99),
        ],
        [
          `client → /mcp → hub (${SESSIONS} sessions at once)`,
          concurrent.length,
          percentile(concurrent, 50),
          percentile(concurrent, 99),
        ],
      ],
      notes: [
        `the gateway's own cost at p50 (gateway - floor - hub): ${overhead.toFixed(2)} ms per call (agente's own checks, routing, approval and the secret guard, are about 0.06 ms of it; the rest is HTTP and the SDK: gateway-added-time.bench.ts)`,
        `${SESSIONS} sessions: ${((concurrent.length / wall) * 1000).toFixed(0)} calls/s, ${failures} failures; RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
      ],
    };
    return [table];
  } finally {
    await gateway.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await hub.close();
  }
};

export default bench;
