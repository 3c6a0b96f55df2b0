/**
 * The gateway answers both protocol eras. In 2026-07-28 it keeps no session: one client's requests may land
 * on different `agente serve` replicas (here, two gateway instances over the same hub), so no sticky
 * routing is needed. A 2025-era client still gets its session.
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterEach, describe, expect, it } from "vitest";
import { McpHub } from "../../../src/mcp/hub.js";
import { fixtureConfig, textOf } from "../../support/fixture-servers.js";
import { type MountedGateway, mountGateway } from "./support.js";

let hub: McpHub | undefined;
const mounted: MountedGateway[] = [];
afterEach(async () => {
  for (const gateway of mounted.splice(0)) await gateway.close();
  await hub?.close();
  hub = undefined;
});

describe("the gateway's protocol revisions", () => {
  it("2026-07-28: requests of one client answered by two gateway instances, with no session", async () => {
    hub = await McpHub.start([fixtureConfig("uno")]);
    const first = await mountGateway(hub);
    const second = await mountGateway(hub);
    mounted.push(first, second);
    // Every request goes to the other instance than the one before, as a load balancer without affinity.
    const seen: Array<{ port: string; method: string; session: string | null }> = [];
    let turn = 0;
    const alternate = async (url: string | URL, init?: RequestInit): Promise<Response> => {
      const target = new URL(url);
      target.port = (turn++ % 2 === 0 ? first : second).url.port;
      const body = typeof init?.body === "string" ? (JSON.parse(init.body) as { method?: string }) : {};
      const response = await fetch(target, init);
      seen.push({
        port: target.port,
        method: body.method ?? "",
        session: response.headers.get("mcp-session-id"),
      });
      return response;
    };
    const client = new Client(
      { name: "replicas", version: "1.0.0" },
      { versionNegotiation: { mode: { pin: "2026-07-28" } } },
    );
    await client.connect(new StreamableHTTPClientTransport(first.url, { fetch: alternate }));
    expect(client.getNegotiatedProtocolVersion()).toBe("2026-07-28");
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("echo");
    const result = await client.callTool({ name: "echo", arguments: { text: "hola" } });
    expect(textOf(result as { content: Array<{ type: string; text?: string }> })).toBe("uno: hola");
    await client.close();

    const calls = seen.filter(
      (request) => request.method === "tools/call" || request.method === "tools/list",
    );
    expect(calls.map((request) => request.method)).toEqual(["tools/list", "tools/call"]);
    expect(new Set(calls.map((request) => request.port)).size).toBe(2);
    expect(seen.every((request) => request.session === null)).toBe(true);
  });

  it("2025-11-25: a client without version negotiation gets a session, as before", async () => {
    hub = await McpHub.start([fixtureConfig("uno")]);
    const gateway = await mountGateway(hub);
    mounted.push(gateway);
    const transport = new StreamableHTTPClientTransport(gateway.url);
    const client = new Client({ name: "old", version: "1.0.0" });
    await client.connect(transport);
    expect(client.getNegotiatedProtocolVersion()).toBe("2025-11-25");
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const result = await client.callTool({ name: "echo", arguments: { text: "adiós" } });
    expect(textOf(result as { content: Array<{ type: string; text?: string }> })).toBe("uno: adiós");
    await client.close();
  });
});
