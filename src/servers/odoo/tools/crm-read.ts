/** CRM reads: `listar_oportunidades` (filtered, paginated) and `resumen_pipeline` (count and revenue by stage). */
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import type { Domain } from "../../../odoo/odoo-client.js";
import {
  formatAmount,
  guarded,
  joinParts,
  numberOf,
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

const LEAD_FIELDS = [
  "name",
  "type",
  "partner_id",
  "partner_name",
  "contact_name",
  "stage_id",
  "user_id",
  "expected_revenue",
  "probability",
  "date_deadline",
  "email_from",
  "phone",
  "create_date",
];

const ISO_DATE = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD.")
  .describe("A date as YYYY-MM-DD.");

const opportunitySchema = z.object({
  id: z.number(),
  nombre: z.string(),
  tipo: z.string().nullable().describe("lead or opportunity"),
  cliente: z.string().nullable(),
  etapa: z.string().nullable(),
  comercial: z.string().nullable(),
  ingreso_esperado: z.number(),
  probabilidad: z.number(),
  fecha_cierre: z.string().nullable(),
  email: z.string().nullable(),
  telefono: z.string().nullable(),
  creada: z.string().nullable(),
});

export function registerCrmReadTools(server: McpServer, deps: OdooToolDeps): void {
  server.registerTool(
    "listar_oportunidades",
    {
      title: "List CRM leads and opportunities",
      description:
        "Lists CRM leads and opportunities from the ERP (Odoo). All filters are optional: stage name, salesperson name, customer name, creation date range, type.",
      inputSchema: z.object({
        etapa: z.string().optional().describe("Stage name or part of it, e.g. 'Qualified'."),
        comercial: z.string().optional().describe("Salesperson name or part of it."),
        cliente: z.string().optional().describe("Customer name or part of it."),
        desde: ISO_DATE.optional().describe("Created on or after this date (YYYY-MM-DD)."),
        hasta: ISO_DATE.optional().describe("Created on or before this date (YYYY-MM-DD)."),
        tipo: z.enum(["lead", "opportunity"]).optional().describe("Only leads or only opportunities."),
        ...paginationShape,
      }),
      outputSchema: z.object({ oportunidades: z.array(opportunitySchema), ...pageOutputShape }),
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    (args, ctx) =>
      guarded(deps, ctx.mcpReq.signal, async (client) => {
        const page = pageOf(args);
        const domain: Domain = [];
        if (args.etapa) domain.push(["stage_id.name", "ilike", args.etapa.trim()]);
        if (args.comercial) domain.push(["user_id.name", "ilike", args.comercial.trim()]);
        if (args.cliente) {
          const hasPartnerName = (await client.pickFields("crm.lead", ["partner_name"])).length > 0;
          const name = args.cliente.trim();
          if (hasPartnerName)
            domain.push("|", ["partner_id.name", "ilike", name], ["partner_name", "ilike", name]);
          else domain.push(["partner_id.name", "ilike", name]);
        }
        if (args.desde) domain.push(["create_date", ">=", `${args.desde} 00:00:00`]);
        if (args.hasta) domain.push(["create_date", "<=", `${args.hasta} 23:59:59`]);
        if (args.tipo) domain.push(["type", "=", args.tipo]);
        const fields = await client.pickFields("crm.lead", LEAD_FIELDS);
        const [records, total] = await Promise.all([
          client.searchRead("crm.lead", { domain, fields, limit: page.limit, offset: page.offset }),
          client.searchCount("crm.lead", domain),
        ]);
        const opportunities = records.map((lead) => ({
          id: lead.id,
          nombre: String(lead.name ?? ""),
          tipo: text(lead.type),
          cliente: relationName(lead.partner_id) ?? text(lead.partner_name) ?? text(lead.contact_name),
          etapa: relationName(lead.stage_id),
          comercial: relationName(lead.user_id),
          ingreso_esperado: numberOf(lead.expected_revenue),
          probabilidad: numberOf(lead.probability),
          fecha_cierre: text(lead.date_deadline),
          email: text(lead.email_from),
          telefono: text(lead.phone),
          creada: text(lead.create_date),
        }));
        const structured = { oportunidades: opportunities, total, ...pageValues(page) };
        if (opportunities.length === 0) return success(structured, "No leads or opportunities match.");
        const lines = opportunities.map(
          (lead) =>
            `- [${lead.id}] ${lead.nombre}: ${joinParts([
              lead.cliente,
              lead.etapa,
              lead.comercial,
              lead.ingreso_esperado > 0 ? `expected ${formatAmount(lead.ingreso_esperado)}` : null,
              lead.fecha_cierre === null ? null : `closes ${lead.fecha_cierre}`,
            ])}`,
        );
        return success(
          structured,
          `${total} lead${total === 1 ? "" : "s"}/opportunit${total === 1 ? "y" : "ies"}:\n${lines.join("\n")}${pageFooter(page, opportunities.length, total)}`,
        );
      }),
  );

  server.registerTool(
    "resumen_pipeline",
    {
      title: "CRM pipeline summary",
      description:
        "Summarises the CRM pipeline of the ERP (Odoo): for each stage, how many opportunities and their total expected revenue. Optionally for one salesperson.",
      inputSchema: z.object({ comercial: z.string().optional().describe("Salesperson name or part of it.") }),
      outputSchema: z.object({
        etapas: z.array(z.object({ etapa: z.string(), cantidad: z.number(), ingreso_esperado: z.number() })),
        total_oportunidades: z.number(),
        total_ingreso_esperado: z.number(),
      }),
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    (args, ctx) =>
      guarded(deps, ctx.mcpReq.signal, async (client) => {
        const domain: Domain = [["type", "=", "opportunity"]];
        if (args.comercial) domain.push(["user_id.name", "ilike", args.comercial.trim()]);
        const rows = await client.readGroup("crm.lead", {
          domain,
          groupBy: "stage_id",
          sum: "expected_revenue",
        });
        const stages = rows.map((row) => ({
          etapa: relationName(row.value) ?? "(no stage)",
          cantidad: row.count,
          ingreso_esperado: row.sum,
        }));
        const totalCount = stages.reduce((sum, stage) => sum + stage.cantidad, 0);
        const totalRevenue =
          Math.round(stages.reduce((sum, stage) => sum + stage.ingreso_esperado, 0) * 100) / 100;
        const lines = stages.map(
          (stage) => `- ${stage.etapa}: ${stage.cantidad} (expected ${formatAmount(stage.ingreso_esperado)})`,
        );
        const rendered =
          stages.length === 0
            ? "The pipeline is empty."
            : `Pipeline: ${totalCount} opportunities, expected ${formatAmount(totalRevenue)}\n${lines.join("\n")}`;
        return success(
          { etapas: stages, total_oportunidades: totalCount, total_ingreso_esperado: totalRevenue },
          rendered,
        );
      }),
  );
}
