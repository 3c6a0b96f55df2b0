/**
 * The role an MCP gateway request acts for. The gateway's sessions are built by the SDK's transports, far
 * from the HTTP request that carries the person; the app runs each `/mcp` request inside
 * `withRequestRole`, and the gateway's handlers read it back for the length of that request. No role
 * (the stdio gateway, `agente mcp`): the machine's owner, who sees everything.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { CallOptions, ToolHub, ToolResult } from "../../mcp/tool-hub.js";
import { type Role, roleSeesTool } from "./access-policy.js";
import { HiddenToolError } from "./role-tools.js";

const scope = new AsyncLocalStorage<Role>();

export function withRequestRole<T>(role: Role, work: () => T): T {
  return scope.run(role, work);
}

export function requestRole(): Role | undefined {
  return scope.getStore();
}

/** Whether the request's person sees the tool (always, outside a request with a role). */
export function requestSees(tool: Parameters<typeof roleSeesTool>[1]): boolean {
  const role = requestRole();
  return role === undefined || roleSeesTool(role, tool);
}

/** The hub as the request's person sees it: hidden tools neither listed nor callable. */
export function requestRoleHub(hub: ToolHub): ToolHub {
  return {
    tools: () => hub.tools().filter(requestSees),
    callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<ToolResult> {
      if (!hub.tools().some((tool) => tool.name === name && requestSees(tool)))
        return Promise.reject(new HiddenToolError(name));
      return hub.callTool(name, args, options);
    },
  };
}
