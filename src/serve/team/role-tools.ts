/**
 * The tools a person's role lets them see: a view of the hub that offers the model only those, and refuses
 * a call of any other (a client that names a hidden tool gets the same answer as for a tool that does not
 * exist), so a hidden tool is neither offered nor callable.
 */
import type { CallOptions, ExposedTool, ToolHub, ToolResult } from "../../mcp/tool-hub.js";
import { UserError } from "../../util/errors.js";
import { type Role, roleSeesTool } from "./access-policy.js";

/** Raised when someone names a tool their role does not see. */
export class HiddenToolError extends UserError {
  readonly toolName: string;
  constructor(toolName: string) {
    super(`no tool ${toolName} for you: your role does not see it (ask an admin)`);
    this.toolName = toolName;
  }
}

export function roleToolHub(hub: ToolHub, role: Role): ToolHub {
  const visible = () => hub.tools().filter((tool) => roleSeesTool(role, tool));
  return {
    tools: visible,
    callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<ToolResult> {
      if (!visible().some((tool: ExposedTool) => tool.name === name))
        return Promise.reject(new HiddenToolError(name));
      return hub.callTool(name, args, options);
    },
  };
}
