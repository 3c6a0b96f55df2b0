import type { CallToolResult, Tool } from "@modelcontextprotocol/server";
import { Server } from "@modelcontextprotocol/server";
import { Ajv, type ValidateFunction } from "ajv";
import { agenteVersion } from "../../util/version.js";
import { type Catalogue, fillTemplate } from "./catalogue.js";

export function createCatalogueServer(catalogue: Catalogue): Server {
  const server = new Server(
    { name: `agente-eval-${catalogue.name}`, version: agenteVersion() },
    { capabilities: { tools: {} } },
  );
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  const validators = new Map<string, ValidateFunction>();
  for (const tool of catalogue.tools) validators.set(tool.name, ajv.compile(tool.inputSchema));

  const tools: Tool[] = catalogue.tools.map((tool) => ({
    name: tool.name,
    ...(tool.title === undefined ? {} : { title: tool.title }),
    description: tool.description,
    inputSchema: tool.inputSchema as Tool["inputSchema"],
    ...(tool.annotations === undefined ? {} : { annotations: tool.annotations }),
  }));

  server.setRequestHandler("tools/list", async () => ({ tools }));
  server.setRequestHandler("tools/call", async (request): Promise<CallToolResult> => {
    const tool = catalogue.tools.find((candidate) => candidate.name === request.params.name);
    if (tool === undefined)
      return { isError: true, content: [{ type: "text", text: `unknown tool ${request.params.name}` }] };
    const args = request.params.arguments ?? {};
    const validate = validators.get(tool.name);
    if (validate !== undefined && !validate(args)) {
      const problem = ajv.errorsText(validate.errors, { dataVar: "arguments" });
      return {
        isError: true,
        content: [{ type: "text", text: `invalid arguments for ${tool.name}: ${problem}` }],
      };
    }
    const result = fillTemplate(tool.result, args);
    if (typeof result === "string") return { content: [{ type: "text", text: result }] };
    const structured = result !== null && typeof result === "object" && !Array.isArray(result);
    return {
      content: [{ type: "text", text: JSON.stringify(result) }],
      ...(structured ? { structuredContent: result as Record<string, unknown> } : {}),
    };
  });
  return server;
}
