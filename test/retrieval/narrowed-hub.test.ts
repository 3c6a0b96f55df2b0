import { describe, expect, it } from "vitest";
import type { ToolHub } from "../../src/mcp/tool-hub.js";
import { narrowToolHub, serverSubsetHub } from "../../src/retrieval/narrowed-hub.js";
import { tool } from "./support.js";

function recordingHub(
  tools = [tool("a", "x", {}, "one"), tool("b", "x", {}, "two"), tool("c", "x", {}, "two")],
) {
  const calls: string[] = [];
  const hub: ToolHub & { list: typeof tools } = {
    list: tools,
    tools() {
      return this.list;
    },
    async callTool(name) {
      calls.push(name);
      return { content: [{ type: "text", text: name }] };
    },
  };
  return { hub, calls };
}

describe("narrowToolHub", () => {
  it("shows only the offered tools and forwards calls unchanged", async () => {
    const { hub, calls } = recordingHub();
    const narrowed = narrowToolHub(hub, [hub.list[1]!]);
    expect(narrowed.tools().map((entry) => entry.name)).toEqual(["b"]);
    await narrowed.callTool("b", {});
    expect(calls).toEqual(["b"]);
  });
});

describe("serverSubsetHub", () => {
  it("shows the named servers' tools, the same array while the hub's list is unchanged", () => {
    const { hub } = recordingHub();
    const subset = serverSubsetHub(hub, ["two"]);
    const first = subset.tools();
    expect(first.map((entry) => entry.name)).toEqual(["b", "c"]);
    expect(subset.tools()).toBe(first);
    hub.list = [...hub.list, tool("d", "x", {}, "two")];
    expect(subset.tools().map((entry) => entry.name)).toEqual(["b", "c", "d"]);
  });
});
