/**
 * Which tool, if any, automatic context retrieval may call before every turn. It receives every user
 * message and its answer goes into the system prompt, with no approval step: so only agente's own memory
 * server (the CLI names it in `trustedServers`), or a tool the config names explicitly
 * (`agent.context.tool`) that says it is read-only, qualifies; never a tool that needs approval (a
 * `requireApproval` server, a destructive tool), whatever its name.
 */
import type { ExposedTool } from "../mcp/tool-hub.js";
import { recallContextTool } from "../servers/memory/contract.js";
import { needsApproval } from "./approval.js";

export const CONTEXT_TOOL_NAME = recallContextTool.name;

export interface ContextSourceSettings {
  /** The exposed name of a read-only tool to use instead of the memory server's. */
  tool?: string | undefined;
  /** Servers trusted to provide context: agente's own memory server(s). */
  trustedServers?: readonly string[] | undefined;
}

export function contextSource(
  tools: readonly ExposedTool[],
  settings: ContextSourceSettings,
): ExposedTool | undefined {
  const allowed = tools.filter((tool) => !needsApproval(tool));
  if (settings.tool !== undefined)
    return allowed.find((tool) => tool.name === settings.tool && tool.annotations.readOnlyHint === true);
  const trusted = new Set(settings.trustedServers ?? []);
  return allowed.find((tool) => tool.originalName === CONTEXT_TOOL_NAME && trusted.has(tool.server));
}
