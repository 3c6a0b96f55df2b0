/**
 * A catalogue's tools as the hub would expose them, without starting a server: for the benchmark and for
 * tests of ranking and prompt size, where only the tool list matters.
 */
import { exposeTool } from "../mcp/exposed-tool.js";
import type { ExposedTool } from "../mcp/tool-hub.js";
import type { Catalogue } from "./servers/catalogue.js";

export function catalogueTools(catalogue: Catalogue): ExposedTool[] {
  return catalogue.tools.map((tool) =>
    exposeTool(
      { ...tool, inputSchema: tool.inputSchema as ExposedTool["inputSchema"] },
      { server: catalogue.name, requireApproval: false },
    ),
  );
}
