import { afterEach, describe, expect, it } from "vitest";
import { parseServerEntry } from "../../src/config/server-config.js";
import { McpHub } from "../../src/mcp/hub.js";
import { type FixtureHttpServer, startHttpFixture } from "../fixtures/servers/http-server.js";
import { textOf } from "../support/fixture-servers.js";

let hub: McpHub | undefined;
let server: FixtureHttpServer | undefined;
afterEach(async () => {
  await hub?.close();
  await server?.close();
  hub = undefined;
  server = undefined;
});

function httpConfig(name: string, entry: Record<string, unknown>) {
  const parsed = parseServerEntry(name, entry);
  if (!parsed.ok) throw new Error(`${parsed.field} ${parsed.problem}`);
  return parsed.config;
}

describe("HTTP servers", () => {
  it("connects over Streamable HTTP with the configured headers", async () => {
    server = await startHttpFixture("streamable");
    hub = await McpHub.start([
      httpConfig("web", { url: server.url, headers: { Authorization: "Bearer team-token" } }),
    ]);
    expect(hub.statuses()[0]).toMatchObject({ state: "up", transport: "streamable-http" });
    expect(textOf(await hub.callTool("echo", { text: "hola" }))).toBe("http: hola");
    expect(server.requests.every((request) => request.authorization === "Bearer team-token")).toBe(true);
  });

  it("falls back to SSE for a server of the old protocol", async () => {
    server = await startHttpFixture("sse-only");
    hub = await McpHub.start([httpConfig("legacy", { url: server.url })]);
    expect(hub.statuses()[0]).toMatchObject({ state: "up", transport: "sse" });
    expect(textOf(await hub.callTool("echo", { text: "hola" }))).toBe("sse: hola");
    expect(server.requests.map((request) => request.line.split("?")[0])).toContain("GET /mcp");
  });

  it("goes straight to SSE when the entry says type sse", async () => {
    server = await startHttpFixture("sse-only");
    hub = await McpHub.start([httpConfig("legacy", { type: "sse", url: server.url })]);
    expect(hub.statuses()[0]).toMatchObject({ state: "up", transport: "sse" });
    expect(server.requests.some((request) => request.line.startsWith("POST /mcp"))).toBe(false);
  });

  it("reports an unreachable URL as down, with the address", async () => {
    hub = await McpHub.start([
      httpConfig("nowhere", { url: "http://127.0.0.1:9/mcp", connectTimeoutMs: 5_000 }),
    ]);
    const [status] = hub.statuses();
    expect(status?.state).toBe("down");
    expect(status?.reason).toContain("127.0.0.1:9");
  });

  // Issue 20: "Request cannot be constructed from a URL that includes credentials".
  it.each(["streamable", "sse-only"] as const)(
    "sends credentials written in the URL as basic auth (%s), and shows them nowhere",
    async (kind) => {
      server = await startHttpFixture(kind);
      const url = server.url.replace("http://", "http://ana:p%40ss-w0rd@");
      hub = await McpHub.start([httpConfig("web", { url })]);
      expect(hub.statuses()[0]?.state, hub.statuses()[0]?.reason).toBe("up");
      expect(textOf(await hub.callTool("echo", { text: "hola" }))).toMatch(/hola$/);
      const basic = `Basic ${Buffer.from("ana:p@ss-w0rd").toString("base64")}`;
      expect(server.requests.length).toBeGreaterThan(0);
      expect(new Set(server.requests.map((request) => request.authorization))).toEqual(new Set([basic]));
      expect(server.requests.some((request) => request.line.includes("ana"))).toBe(false);
    },
  );

  it("keeps an Authorization header the entry sets over credentials in the URL", async () => {
    server = await startHttpFixture("streamable");
    const url = server.url.replace("http://", "http://ana:p%40ss-w0rd@");
    hub = await McpHub.start([httpConfig("web", { url, headers: { authorization: "Bearer team-token" } })]);
    expect(hub.statuses()[0]?.state).toBe("up");
    expect(server.requests.every((request) => request.authorization === "Bearer team-token")).toBe(true);
  });

  it("never shows the password of an unreachable URL with credentials", async () => {
    hub = await McpHub.start([
      httpConfig("nowhere", { url: "http://ana:p%40ss-w0rd@127.0.0.1:9/mcp", connectTimeoutMs: 5_000 }),
    ]);
    const [status] = hub.statuses();
    expect(status?.state).toBe("down");
    expect(status?.reason).toContain("127.0.0.1:9");
    expect(JSON.stringify(hub.statuses())).not.toMatch(/p%40ss-w0rd|p@ss-w0rd|Basic /i);
  });
});
