/**
 * The Odoo server checks its login at start: with a wrong API key or Odoo down it does not start, and
 * the hub reports it `down` with the reason (never the key); with the right key it is `up`.
 */
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parseServerEntry } from "../../../src/config/server-config.js";
import { McpHub } from "../../../src/mcp/hub.js";
import { type FakeOdoo, startFakeOdoo } from "../../../src/testing/fake-odoo/index.js";
import { envFor } from "./stdio-harness.js";

const entry = fileURLToPath(new URL("../../../src/servers/odoo/main.ts", import.meta.url));
const WRONG_KEY = "wrong-key-5e1d7a";

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

async function hubFor(env: Record<string, string>): Promise<McpHub> {
  const parsed = parseServerEntry("odoo", {
    command: process.execPath,
    args: ["--import", "tsx", entry],
    env,
  });
  if (!parsed.ok) throw new Error(parsed.problem);
  const hub = await McpHub.start([parsed.config]);
  running.push(hub);
  return hub;
}

async function fakeOdoo(version: 17 | 19): Promise<FakeOdoo> {
  const odoo = await startFakeOdoo({ version });
  running.push(odoo);
  return odoo;
}

describe.each([17, 19] as const)("the Odoo server's start-up check, Odoo %i", (version) => {
  it("a wrong API key: down, with the refusal as the reason and no key", async () => {
    const odoo = await fakeOdoo(version);
    const hub = await hubFor(envFor(odoo, { ODOO_API_KEY: WRONG_KEY }));
    const [status] = hub.statuses();
    expect(status?.state).toBe("down");
    expect(status?.reason).toMatch(/refused the (credentials|login|API key)/);
    expect(status?.reason).toMatch(/ODOO_API_KEY/);
    expect(JSON.stringify(hub.statuses())).not.toContain(WRONG_KEY);
  });

  it("the right key: up, and the first tool call answers on the checked connection", async () => {
    const odoo = await fakeOdoo(version);
    const hub = await hubFor(envFor(odoo));
    expect(hub.statuses()[0]?.state).toBe("up");
    const result = await hub.callTool("obtener_cliente", { nombre: "Acme" });
    expect(result.isError).toBeFalsy();
  });
});

describe("Odoo unreachable at start", () => {
  it("down, with the address and ECONNREFUSED as the reason", async () => {
    const odoo = await startFakeOdoo({ version: 19 });
    const { url } = odoo;
    await odoo.close();
    const hub = await hubFor(envFor(odoo, { ODOO_URL: url }));
    const [status] = hub.statuses();
    expect(status?.state).toBe("down");
    expect(status?.reason).toContain(`Odoo at ${url} is unreachable (ECONNREFUSED)`);
  });
});
