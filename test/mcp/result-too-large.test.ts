/**
 * Issue 13, defect 7: a tool result over the SDK's 10 MiB message limit was reported as the server having
 * stopped ("exit code 0") and the server was restarted. Now the call fails with "result too large" and the
 * same server process answers the next call.
 */
import { afterEach, describe, expect, it } from "vitest";
import { parseServerEntry } from "../../src/config/server-config.js";
import { BoundedReadBuffer } from "../../src/mcp/bounded-read-buffer.js";
import { McpHub } from "../../src/mcp/hub.js";
import { hostileEntry } from "../e2e/support/hostile.js";
import { textOf } from "../support/fixture-servers.js";

let hub: McpHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe("a tool result over the message limit", () => {
  it("fails as 'result too large' and the server keeps running", { timeout: 60_000 }, async () => {
    const parsed = parseServerEntry(
      "grande",
      hostileEntry({ env: { DATABASE_URL: "postgres://a:bcdefg@h/i", ERP_API_KEY: "k" } }),
    );
    if (!parsed.ok) throw new Error(parsed.problem);
    hub = await McpHub.start([parsed.config]);
    const before = hub.statuses()[0];
    expect(before?.state).toBe("up");
    const result = await hub.callTool("resultado_enorme", {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/result too large/);
    const after = hub.statuses()[0];
    expect(after).toMatchObject({ state: "up", restarts: 0, pid: before?.pid });
    const next = await hub.callTool("saludo_con_escapes", {});
    expect(next.isError).not.toBe(true);
  });
});

describe("BoundedReadBuffer", () => {
  it("reads messages split across chunks, and answers an oversized one by its id", () => {
    const buffer = new BoundedReadBuffer(64);
    const small = `${JSON.stringify({ jsonrpc: "2.0", id: 1, result: { ok: true } })}\n`;
    const big = `${JSON.stringify({ result: { text: "x".repeat(500) }, jsonrpc: "2.0", id: 2 })}\n`;
    const stream = Buffer.from(small + big + small);
    for (let index = 0; index < stream.length; index += 7) buffer.append(stream.subarray(index, index + 7));
    expect(buffer.readMessage()).toEqual({ jsonrpc: "2.0", id: 1, result: { ok: true } });
    expect(buffer.readMessage()).toMatchObject({ jsonrpc: "2.0", id: 2, error: { code: -32050 } });
    expect(buffer.readMessage()).toEqual({ jsonrpc: "2.0", id: 1, result: { ok: true } });
    expect(buffer.readMessage()).toBeNull();
  });
});
