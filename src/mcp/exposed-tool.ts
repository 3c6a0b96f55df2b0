/**
 * How one server's tool looks through the hub: the one mapping from a listed tool to an `ExposedTool`, used
 * by the hub itself, by the eval's tool catalogues (bench and ranking tests, with no server started), and by
 * the in-memory test hub, so the three cannot drift apart.
 */
import type { ToolAnnotations } from "@modelcontextprotocol/client";
import type { ExposedTool, JsonSchema } from "./tool-hub.js";

/** A tool as a server lists it (`tools/list`), or as a catalogue describes one. */
export interface ListedTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  annotations?: ToolAnnotations;
}

export interface ExposedPlace {
  /** The config key of the server that offers it. */
  server: string;
  /** The unique name the hub gives it (`exposeNames`); default the tool's own name. */
  name?: string;
  /** The server is marked `requireApproval` in the config. */
  requireApproval: boolean;
}

export function exposeTool(tool: ListedTool, place: ExposedPlace): ExposedTool {
  return {
    name: place.name ?? tool.name,
    originalName: tool.name,
    server: place.server,
    ...(tool.title === undefined ? {} : { title: tool.title }),
    description: tool.description ?? "",
    inputSchema: tool.inputSchema,
    ...(tool.outputSchema === undefined ? {} : { outputSchema: tool.outputSchema }),
    annotations: tool.annotations ?? {},
    serverRequiresApproval: place.requireApproval,
  };
}
