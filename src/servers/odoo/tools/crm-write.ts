/**
 * CRM writes, registered only when writes are enabled (ODOO_WRITE=1): `crear_oportunidad`,
 * `mover_oportunidad`, `registrar_nota`. Each carries `destructiveHint` so the agent asks first, and
 * none is retried: a write that reached Odoo must not happen twice.
 */
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { localised } from "../../../i18n/localised.js";
import { OdooError } from "../../../odoo/odoo-error.js";
import { bestMatch, guarded, type OdooToolDeps, success } from "./tool-kit.js";

const WRITE_ANNOTATIONS = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
};

export function registerCrmWriteTools(
  server: McpServer,
  deps: OdooToolDeps,
  noteModels: readonly string[],
): void {
  server.registerTool(
    "crear_oportunidad",
    {
      title: "Create a CRM lead or opportunity",
      description:
        "Creates a new lead or opportunity in the ERP (Odoo) CRM. Only the title is required; the customer is linked by name when it exists.",
      inputSchema: z.object({
        nombre: z.string().min(1).describe("Title of the opportunity, e.g. 'Renovación licencias Acme'."),
        cliente: z.string().optional().describe("Customer name; linked when it exists in the ERP."),
        email: z.string().optional().describe("Contact email."),
        telefono: z.string().optional().describe("Contact phone."),
        ingreso_esperado: z.number().min(0).optional().describe("Expected revenue."),
        tipo: z
          .enum(["lead", "opportunity"])
          .optional()
          .describe("lead or opportunity (default opportunity)."),
        descripcion: z.string().optional().describe("Free notes."),
      }),
      outputSchema: z.object({
        id: z.number(),
        nombre: z.string(),
        cliente: z.string().nullable(),
        tipo: z.string(),
      }),
      annotations: WRITE_ANNOTATIONS,
    },
    (args, ctx) =>
      guarded(deps, ctx.mcpReq.signal, async (client) => {
        const kind = args.tipo ?? "opportunity";
        const values: Record<string, unknown> = { name: args.nombre.trim(), type: kind };
        let customer: string | null = null;
        if (args.cliente) {
          const matches = await client.nameSearch("res.partner", args.cliente.trim(), { limit: 5 });
          const match = bestMatch(
            matches.map(([id, name]) => ({ id, name })),
            args.cliente,
          );
          if (match === undefined) {
            values.partner_name = args.cliente.trim();
            customer = args.cliente.trim();
          } else {
            values.partner_id = match.id;
            customer = match.name;
          }
        }
        if (args.email) values.email_from = args.email.trim();
        if (args.telefono) values.phone = args.telefono.trim();
        if (args.ingreso_esperado !== undefined) values.expected_revenue = args.ingreso_esperado;
        if (args.descripcion) values.description = args.descripcion;
        const id = await client.create("crm.lead", values);
        return success(
          { id, nombre: args.nombre.trim(), cliente: customer, tipo: kind },
          `Created ${kind} ${id} "${args.nombre.trim()}"${customer === null ? "" : ` for ${customer}`}.`,
        );
      }),
  );

  server.registerTool(
    "mover_oportunidad",
    {
      title: "Move an opportunity to a stage",
      description:
        "Moves a CRM lead or opportunity of the ERP (Odoo) to another pipeline stage, given its id and the stage name.",
      inputSchema: z.object({
        id: z.number().int().positive().describe("The opportunity's id (see listar_oportunidades)."),
        etapa: z.string().min(1).describe("Name of the target stage, e.g. 'Proposition' or 'Won'."),
      }),
      outputSchema: z.object({ id: z.number(), etapa: z.string() }),
      annotations: WRITE_ANNOTATIONS,
    },
    (args, ctx) =>
      guarded(deps, ctx.mcpReq.signal, async (client) => {
        const stages = await client.searchRead("crm.stage", { domain: [], fields: ["name"], limit: 100 });
        const wanted = args.etapa.trim().toLowerCase();
        const stage =
          stages.find((candidate) => String(candidate.name).toLowerCase() === wanted) ??
          stages.find((candidate) => String(candidate.name).toLowerCase().includes(wanted));
        if (stage === undefined) {
          throw new OdooError("not-found", localised("errorsOdooTools.noStage", { stage: args.etapa }), {
            hint: localised("errorsOdooTools.useOneOf", {
              values: stages.map((candidate) => String(candidate.name)).join(", "),
            }),
          });
        }
        const existing = await client.searchCount("crm.lead", [["id", "=", args.id]]);
        if (existing === 0) {
          throw new OdooError("not-found", localised("errorsOdooTools.noLead", { id: args.id }), {
            hint: localised("errorsOdooTools.noLeadHint"),
          });
        }
        await client.write("crm.lead", [args.id], { stage_id: stage.id });
        return success(
          { id: args.id, etapa: String(stage.name) },
          `Moved opportunity ${args.id} to stage "${String(stage.name)}".`,
        );
      }),
  );

  if (noteModels.length === 0) return;
  const [firstModel, ...otherModels] = noteModels as [string, ...string[]];
  server.registerTool(
    "registrar_nota",
    {
      title: "Log a note on a record",
      description:
        "Logs an internal note in the chatter of an ERP (Odoo) record, e.g. a call summary on an opportunity (modelo crm.lead) or a customer (modelo res.partner).",
      inputSchema: z.object({
        modelo: z
          .enum([firstModel, ...otherModels])
          .optional()
          .describe(
            `The record's model (default ${noteModels.includes("crm.lead") ? "crm.lead" : firstModel}).`,
          ),
        id: z.number().int().positive().describe("The record's id."),
        nota: z.string().min(1).max(5000).describe("The note's text."),
      }),
      outputSchema: z.object({ mensaje_id: z.number(), modelo: z.string(), id: z.number() }),
      annotations: WRITE_ANNOTATIONS,
    },
    (args, ctx) =>
      guarded(deps, ctx.mcpReq.signal, async (client) => {
        const model = args.modelo ?? (noteModels.includes("crm.lead") ? "crm.lead" : firstModel);
        const messageId = await client.postNote(model, args.id, args.nota);
        return success(
          { mensaje_id: messageId, modelo: model, id: args.id },
          `Note logged on ${model} ${args.id}.`,
        );
      }),
  );
}
