/**
 * `buscar_registros`: a bounded generic read. The model names an allowlisted model, structured filters
 * (`[field, operator, value]`, validated against `fields_get` and the operator list), the fields it
 * wants and a page. Nothing the model writes is ever parsed as a domain.
 */
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { localised } from "../../../i18n/localised.js";
import type { FieldMap } from "../../../odoo/field-policy.js";
import { buildDomain, type Filter, MAX_FILTERS, OPERATORS } from "../../../odoo/filters.js";
import { OdooError } from "../../../odoo/odoo-error.js";
import {
  guarded,
  type OdooToolDeps,
  pageFooter,
  pageOf,
  pageOutputShape,
  pageValues,
  paginationShape,
  success,
} from "./tool-kit.js";

/** Fields shown when the model names none, when the model has them. */
const PREFERRED_FIELDS = [
  "name",
  "display_name",
  "email",
  "phone",
  "city",
  "country_id",
  "partner_id",
  "stage_id",
  "user_id",
  "state",
  "date_order",
  "amount_total",
  "expected_revenue",
  "job_title",
  "department_id",
  "company_id",
  "code",
  "list_price",
];
const DEFAULT_FIELD_COUNT = 8;
const MAX_FIELDS = 20;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const filterValue = z.union([scalar, z.array(z.union([z.string(), z.number(), z.boolean()]))]);
const filterSchema = z.union([
  z.tuple([z.string(), z.string(), filterValue]),
  z.object({
    campo: z.string().describe("Field name, or relation.field like partner_id.name."),
    operador: z.string().describe(`One of: ${OPERATORS.join(", ")}.`),
    valor: filterValue,
  }),
]);

export function registerSearchRecords(
  server: McpServer,
  deps: OdooToolDeps,
  models: readonly string[],
): void {
  if (models.length === 0) return;
  const [firstModel, ...otherModels] = models as [string, ...string[]];
  server.registerTool(
    "buscar_registros",
    {
      title: "Search ERP records",
      description:
        'Searches any allowed model of the ERP (Odoo) with simple filters, all of which must match. Example: modelo "res.partner", filtros [["city", "=", "Madrid"], ["is_company", "=", true]], campos ["name", "email"].',
      inputSchema: z.object({
        modelo: z
          .enum([firstModel, ...otherModels])
          .describe("The Odoo model, e.g. res.partner or crm.lead."),
        filtros: z
          .array(filterSchema)
          .max(MAX_FILTERS)
          .optional()
          .describe(
            'Filters as [field, operator, value], e.g. ["name", "ilike", "acme"]. Omit for all records.',
          ),
        campos: z
          .array(z.string())
          .max(MAX_FIELDS)
          .optional()
          .describe('Fields to return, e.g. ["name", "email"]. Omit for the main ones.'),
        orden: z.string().optional().describe('Sort, e.g. "name" or "create_date desc".'),
        ...paginationShape,
      }),
      outputSchema: z.object({
        modelo: z.string(),
        campos: z.array(z.string()),
        registros: z.array(z.record(z.string(), z.unknown())),
        ...pageOutputShape,
      }),
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    (args, ctx) =>
      guarded(deps, ctx.mcpReq.signal, async (client) => {
        const page = pageOf(args);
        const model = args.modelo;
        const fieldMap = await client.fields(model);
        const domain = await buildDomain(model, (args.filtros ?? []) as Filter[], (name) =>
          client.fields(name),
        );
        const fields =
          args.campos === undefined || args.campos.length === 0 ? defaultFields(fieldMap) : args.campos;
        const order = args.orden === undefined ? undefined : checkOrder(model, args.orden, fieldMap);
        const [records, total] = await Promise.all([
          client.searchRead(model, { domain, fields, limit: page.limit, offset: page.offset, order }),
          client.searchCount(model, domain),
        ]);
        const rows = records.map((record) => simplify(record, fields, fieldMap));
        const structured = { modelo: model, campos: fields, registros: rows, total, ...pageValues(page) };
        if (rows.length === 0) return success(structured, `No ${model} records match.`);
        const lines = rows.map(
          (record) =>
            `- [${String(record.id)}] ${fields
              .filter((field) => record[field] !== null && record[field] !== undefined)
              .map((field) => `${field}: ${render(record[field])}`)
              .join("; ")}`,
        );
        return success(
          structured,
          `${total} ${model} record${total === 1 ? "" : "s"}:\n${lines.join("\n")}${pageFooter(page, rows.length, total)}`,
        );
      }),
  );
}

function defaultFields(fields: FieldMap): string[] {
  const preferred = PREFERRED_FIELDS.filter(
    (name) => Object.hasOwn(fields, name) && !(name === "display_name" && Object.hasOwn(fields, "name")),
  );
  if (preferred.length >= 2) return preferred.slice(0, DEFAULT_FIELD_COUNT);
  const simple = Object.entries(fields)
    .filter(
      ([name, info]) =>
        !["id", "create_uid", "write_uid", "write_date"].includes(name) &&
        !/^(message|activity|website_message)_/.test(name) &&
        info.type !== "one2many" &&
        info.type !== "many2many",
    )
    .map(([name]) => name);
  return [...new Set([...preferred, ...simple])].slice(0, DEFAULT_FIELD_COUNT);
}

function checkOrder(model: string, order: string, fields: FieldMap): string {
  const match = /^\s*([a-z_][a-z0-9_]*)(?:\s+(asc|desc))?\s*$/i.exec(order);
  if (match === null || !Object.hasOwn(fields, match[1] ?? "")) {
    throw new OdooError("bad-filter", localised("errorsOdooTools.badOrder", { model, order }), {
      hint: localised("errorsOdooTools.badOrderHint"),
    });
  }
  return `${match[1]} ${(match[2] ?? "asc").toLowerCase()}`;
}

/** `false` → null, many2one `[id, name]` → name; other values as they are. */
function simplify(
  record: Record<string, unknown> & { id: number },
  fields: readonly string[],
  fieldMap: FieldMap,
): Record<string, unknown> {
  const result: Record<string, unknown> = { id: record.id };
  for (const field of fields) {
    const value = record[field];
    const type = fieldMap[field]?.type;
    if (value === false && type !== "boolean") result[field] = null;
    else if (type === "many2one" && Array.isArray(value)) result[field] = value[1] ?? null;
    else result[field] = value ?? null;
  }
  return result;
}

function render(value: unknown): string {
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}
