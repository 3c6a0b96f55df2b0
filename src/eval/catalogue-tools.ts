/**
 * A catalogue's tools as the hub would expose them, without starting a server: for the benchmark and for
 * tests of ranking and prompt size, where only the tool list matters.
 */
import type { ExposedTool } from "../mcp/tool-hub.js";
import type { Catalogue } from "./servers/catalogue.js";

export function catalogueTools(catalogue: Catalogue): ExposedTool[] {
  return catalogue.tools.map((tool) => ({
    name: tool.name,
    originalName: tool.name,
    server: catalogue.name,
    ...(tool.title === undefined ? {} : { title: tool.title }),
    description: tool.description,
    inputSchema: tool.inputSchema as ExposedTool["inputSchema"],
    annotations: tool.annotations ?? {},
    serverRequiresApproval: false,
  }));
}
