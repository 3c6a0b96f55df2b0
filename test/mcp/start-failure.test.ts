/** Issue 13, lesser defect: a missing `cwd` was reported as "command not found: node". */
import { afterEach, describe, expect, it } from "vitest";
import { McpHub } from "../../src/mcp/hub.js";
import { fixtureConfig } from "../support/fixture-servers.js";

let hub: McpHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe("a stdio server that cannot start", () => {
  it("names a missing working folder, not the command", async () => {
    hub = await McpHub.start([fixtureConfig("sin-carpeta", { cwd: "/no/existe/esta-carpeta" })]);
    expect(hub.statuses()[0]).toMatchObject({
      state: "down",
      reason: "working folder (cwd) not found: /no/existe/esta-carpeta",
    });
  });
});
