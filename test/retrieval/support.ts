/** Tools for the retrieval tests, built like the hub builds them. */
import type { ExposedTool } from "../../src/mcp/tool-hub.js";

export function tool(
  name: string,
  description: string,
  properties: Record<string, unknown> = {},
  server = "test",
): ExposedTool {
  return {
    name,
    originalName: name,
    server,
    description,
    inputSchema: { type: "object", properties, required: Object.keys(properties) },
    annotations: { readOnlyHint: true },
    serverRequiresApproval: false,
  };
}

export const SEED_TOOLS: ExposedTool[] = [
  tool("consultar_empresa", "Consulta los datos de una empresa por su nombre.", {
    nombre: { type: "string" },
  }),
  tool("buscar_documentos", "Busca documentos en la memoria documental por su nombre.", {
    nombre_documento: { type: "string" },
  }),
  tool("obtener_cliente", "Obtiene un cliente del ERP Odoo por su nombre.", { nombre: { type: "string" } }),
  tool("read_file", "Read the complete contents of a file from the file system.", {
    path: { type: "string" },
  }),
  tool("query", "Run a read-only SQL query against the PostgreSQL database.", { sql: { type: "string" } }),
  tool("get_weather", "Get the current weather for a city.", { city: { type: "string" } }),
];
