/**
 * The seed's server, as a test fixture: `consultar_empresa(nombre)` over a small table, plus a destructive
 * `borrar_empresa` for the approval tests and an optional `recuperar_contexto`.
 */
import { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";

export interface CompanyServerOptions {
  /** Passages `recuperar_contexto` returns; absent: the tool is not offered. */
  passages?: Array<{
    text: string;
    source: string;
    position: number;
    score: number;
    documentId: string;
    collection: string;
  }>;
}

export function createCompanyServer(options: CompanyServerOptions = {}): McpServer {
  const employees: Record<string, number> = { "Empresa X": 100, "Empresa Y": 200 };
  const server = new McpServer({ name: "empresas", version: "1.0.0" });
  server.registerTool(
    "consultar_empresa",
    {
      description: "Consulta los datos de una empresa por su nombre. Devuelve el número de empleados.",
      inputSchema: z.object({ nombre: z.string().min(1) }),
      annotations: { readOnlyHint: true },
    },
    async ({ nombre }) => {
      const count = employees[nombre];
      if (count === undefined)
        return { content: [{ type: "text", text: `No encontré la empresa ${nombre}` }], isError: true };
      return { content: [{ type: "text", text: JSON.stringify({ empleados: count }) }] };
    },
  );
  server.registerTool(
    "borrar_empresa",
    {
      description: "Borra una empresa.",
      inputSchema: z.object({ nombre: z.string() }),
      annotations: { destructiveHint: true, readOnlyHint: false },
    },
    async ({ nombre }) => {
      delete employees[nombre];
      return { content: [{ type: "text", text: `borrada ${nombre}` }] };
    },
  );
  if (options.passages !== undefined) {
    const passages = options.passages;
    server.registerTool(
      "recuperar_contexto",
      {
        description: "Recupera pasajes relevantes de la memoria.",
        inputSchema: z.object({ pregunta: z.string(), k: z.number().int().optional() }),
        annotations: { readOnlyHint: true },
      },
      async ({ k }) => {
        const chosen = passages.slice(0, k ?? 3);
        return {
          content: [{ type: "text", text: JSON.stringify(chosen) }],
          structuredContent: { passages: chosen },
        };
      },
    );
  }
  return server;
}
