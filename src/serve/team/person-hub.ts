/**
 * The hub as one person's turn uses it: every call to agente's own memory server names the person in its
 * `_meta` (servers/memory/contract.ts `PERSON_META_KEY`), so that server searches the shared collections
 * and the person's private one only. Other servers never see it.
 */
import type { CallOptions, ToolHub, ToolResult } from "../../mcp/tool-hub.js";
import { PERSON_META_KEY, type PersonMeta } from "../../servers/memory/contract.js";

export function personalHub(hub: ToolHub, person: PersonMeta, memoryServers: readonly string[]): ToolHub {
  const own = new Set(memoryServers);
  return {
    tools: () => hub.tools(),
    callTool(name: string, args: Record<string, unknown>, options: CallOptions = {}): Promise<ToolResult> {
      const server = hub.tools().find((tool) => tool.name === name)?.server;
      if (server === undefined || !own.has(server)) return hub.callTool(name, args, options);
      return hub.callTool(name, args, { ...options, meta: { ...options.meta, [PERSON_META_KEY]: person } });
    },
  };
}
