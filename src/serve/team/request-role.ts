/**
 * The role an MCP gateway request acts for. The gateway's sessions are built by the SDK's transports, far
 * from the HTTP request that carries the person; the app runs each `/mcp` request inside
 * `withRequestRole`, and the gateway's handlers read it back for the length of that request. No role
 * (the stdio gateway, `agente mcp`): the machine's owner, who sees everything.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { CallOptions, ToolHub, ToolResult } from "../../mcp/tool-hub.js";
import { PERSON_META_KEY, type PersonMeta } from "../../servers/memory/contract.js";
import { type Role, roleSeesTool } from "./access-policy.js";
import { HiddenToolError } from "./role-tools.js";

/** The request's role, and who it is for agente's memory server (their private collection). */
const scope = new AsyncLocalStorage<{ role: Role; memory: PersonMeta | undefined }>();

export function withRequestRole<T>(role: Role, work: () => T, memory?: PersonMeta): T {
  return scope.run({ role, memory }, work);
}

export function requestRole(): Role | undefined {
  return scope.getStore()?.role;
}

/**
 * The `_meta` a call to one of agente's own memory servers carries for the request's person (so it searches
 * the shared collections and their private one), or undefined: other servers never see the person.
 */
export function requestMemoryMeta(
  server: string,
  memoryServers: readonly string[],
): Record<string, unknown> | undefined {
  const memory = scope.getStore()?.memory;
  return memory === undefined || !memoryServers.includes(server) ? undefined : { [PERSON_META_KEY]: memory };
}

/** Whether the request's person sees the tool (always, outside a request with a role). */
export function requestSees(tool: Parameters<typeof roleSeesTool>[1]): boolean {
  const role = requestRole();
  return role === undefined || roleSeesTool(role, tool);
}

/**
 * The hub as the request's person sees it: hidden tools neither listed nor callable, and calls to agente's
 * memory servers scoped to the person.
 */
export function requestRoleHub(hub: ToolHub, memoryServers: readonly string[] = []): ToolHub {
  return {
    tools: () => hub.tools().filter(requestSees),
    callTool(name: string, args: Record<string, unknown>, options: CallOptions = {}): Promise<ToolResult> {
      const tool = hub.tools().find((candidate) => candidate.name === name && requestSees(candidate));
      if (tool === undefined) return Promise.reject(new HiddenToolError(name));
      const meta = requestMemoryMeta(tool.server, memoryServers);
      return hub.callTool(
        name,
        args,
        meta === undefined ? options : { ...options, meta: { ...options.meta, ...meta } },
      );
    },
  };
}
