/**
 * The gateway's slots per person over real Streamable HTTP (the official client, a real hub): a person at
 * their cap is refused, and their idle sessions are reclaimed, so the cap frees itself without a DELETE.
 * (Per-person counting across two people is tested through a real serve in sign-in.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { McpHub } from "../../../src/mcp/hub.js";
import {
  type ConnectedClient,
  companyServerConfig,
  connectClient,
  mountGateway,
} from "../mcp-gateway/support.js";

let hub: McpHub;

beforeAll(async () => {
  hub = await McpHub.start([companyServerConfig()]);
});

afterAll(async () => {
  await hub?.close();
});

describe("gateway slots per person", () => {
  it("refuses a session beyond the person's cap, and reclaims idle ones so they may open again", async () => {
    const mounted = await mountGateway(hub, { settings: { maxSessionsPerPerson: 2, sessionIdleMs: 300 } });
    const clients: ConnectedClient[] = [];
    try {
      clients.push(await connectClient(mounted.url), await connectClient(mounted.url));
      await expect(connectClient(mounted.url)).rejects.toThrow(
        "you already have 2 open MCP sessions: close one (DELETE /mcp) or wait until an idle one is closed",
      );
      await vi.waitFor(
        async () => {
          clients.push(await connectClient(mounted.url));
        },
        { timeout: 10_000, interval: 200 },
      );
    } finally {
      for (const client of clients) await client.client.close();
      await mounted.close();
    }
  });
});
