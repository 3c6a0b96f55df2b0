/**
 * A view of a hub that shows only the tools chosen for a turn, so the agent loop (which reads
 * `hub.tools()` once per turn) builds its prompt and action schema from the selection without knowing
 * about retrieval. Calls go to the underlying hub unchanged.
 */
import type { CallOptions, ExposedTool, ToolHub, ToolResult } from "../mcp/tool-hub.js";

export function narrowToolHub(hub: ToolHub, offered: readonly ExposedTool[]): ToolHub {
  const tools = [...offered];
  return {
    tools: () => tools,
    callTool: (name: string, args: Record<string, unknown>, options?: CallOptions): Promise<ToolResult> =>
      hub.callTool(name, args, options),
  };
}

/** Only the tools of the named servers: how one eval scenario sees a hub that runs every fixture server. */
export function serverSubsetHub(hub: ToolHub, servers: readonly string[]): ToolHub {
  const wanted = new Set(servers);
  let source: ExposedTool[] | undefined;
  let subset: ExposedTool[] = [];
  return {
    tools: () => {
      const all = hub.tools();
      // Same array back while the hub's list is unchanged, so rankers can cache their index by identity.
      if (all !== source) {
        source = all;
        subset = all.filter((tool) => wanted.has(tool.server));
      }
      return subset;
    },
    callTool: (name, args, options) => hub.callTool(name, args, options),
  };
}
