/** `obtener_cliente`: customers and contacts by name, the prototype's one tool, with real fields. */
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import {
  guarded,
  joinParts,
  type OdooToolDeps,
  pageFooter,
  pageOf,
  pageOutputShape,
  pageValues,
  paginationShape,
  relationName,
  success,
  text,
} from "./tool-kit.js";

const PARTNER_FIELDS = [
  "name",
  "email",
  "phone",
  "mobile",
  "city",
  "country_id",
  "parent_id",
  "is_company",
  "function",
];

const customerSchema = z.object({
  id: z.number(),
  nombre: z.string(),
  email: z.string().nullable(),
  telefono: z.string().nullable(),
  ciudad: z.string().nullable(),
  pais: z.string().nullable(),
  empresa: z.string().nullable().describe("The company the contact works for."),
  es_empresa: z.boolean(),
  cargo: z.string().nullable(),
});

export function registerCustomerLookup(server: McpServer, deps: OdooToolDeps): void {
  server.registerTool(
    "obtener_cliente",
    {
      title: "Find a customer",
      description:
        "Finds customers and contacts in the ERP (Odoo) whose name contains the given text, with email, phone, city, country and company.",
      inputSchema: z.object({
        nombre: z.string().min(1).describe("Part of the customer's or contact's name, e.g. 'Acme'."),
        ...paginationShape,
      }),
      outputSchema: z.object({ clientes: z.array(customerSchema), ...pageOutputShape }),
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    (args, ctx) =>
      guarded(deps, ctx.mcpReq.signal, async (client) => {
        const page = pageOf(args);
        const domain: Array<[string, string, unknown]> = [["name", "ilike", args.nombre.trim()]];
        const fields = await client.pickFields("res.partner", PARTNER_FIELDS);
        const [records, total] = await Promise.all([
          client.searchRead("res.partner", { domain, fields, limit: page.limit, offset: page.offset }),
          client.searchCount("res.partner", domain),
        ]);
        const customers = records.map((record) => ({
          id: record.id,
          nombre: String(record.name ?? ""),
          email: text(record.email),
          telefono: text(record.phone) ?? text(record.mobile),
          ciudad: text(record.city),
          pais: relationName(record.country_id),
          empresa: relationName(record.parent_id),
          es_empresa: record.is_company === true,
          cargo: text(record.function),
        }));
        if (customers.length === 0) {
          return success(
            { clientes: customers, total, ...pageValues(page) },
            `No customer or contact matches "${args.nombre}".`,
          );
        }
        const lines = customers.map(
          (cliente) =>
            `- ${cliente.nombre} (id ${cliente.id}${cliente.es_empresa ? ", company" : ""}): ${
              joinParts([cliente.email, cliente.telefono, cliente.ciudad, cliente.pais, cliente.empresa]) ||
              "no contact data"
            }`,
        );
        const rendered = `${total} match${total === 1 ? "" : "es"} for "${args.nombre}":\n${lines.join("\n")}${pageFooter(page, customers.length, total)}`;
        return success({ clientes: customers, total, ...pageValues(page) }, rendered);
      }),
  );
}
