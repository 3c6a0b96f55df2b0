/**
 * `consultar_empresa`: a company's card from the ERP, replacing the prototype's mock dictionary:
 * contact data, number of contacts, employees (when the HR app is installed and the company is one of
 * the database's own), open opportunities with their expected revenue, and confirmed sales.
 */
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import type { Domain, OdooClient } from "../../../odoo/odoo-client.js";
import { OdooError } from "../../../odoo/odoo-error.js";
import {
  bestMatch,
  formatAmount,
  guarded,
  joinParts,
  type OdooToolDeps,
  relationName,
  round2,
  success,
  text,
} from "./tool-kit.js";

const COMPANY_FIELDS = [
  "name",
  "email",
  "phone",
  "mobile",
  "website",
  "street",
  "city",
  "zip",
  "country_id",
  "vat",
  "user_id",
];

/** Confirmed sales orders: `done` exists up to 16, `sale` (+ `locked`) from 17. */
const CONFIRMED_STATES = ["sale", "done"];

const companySchema = z.object({
  id: z.number(),
  nombre: z.string(),
  email: z.string().nullable(),
  telefono: z.string().nullable(),
  sitio_web: z.string().nullable(),
  direccion: z.string().nullable(),
  ciudad: z.string().nullable(),
  pais: z.string().nullable(),
  nif: z.string().nullable(),
  comercial: z.string().nullable(),
  contactos: z.number().describe("People recorded as contacts of the company."),
  empleados: z.number().nullable().describe("Employees, when the HR app is installed; null otherwise."),
  oportunidades_abiertas: z.number().nullable().describe("Null when the CRM is not installed or readable."),
  ingreso_esperado: z.number().nullable().describe("Sum of the expected revenue of the open opportunities."),
  pedidos_confirmados: z.number().nullable().describe("Null when Sales is not installed or readable."),
  ventas_total: z.number().nullable().describe("Sum of the confirmed sales orders, taxes included."),
});

export function registerCompanyCard(server: McpServer, deps: OdooToolDeps): void {
  server.registerTool(
    "consultar_empresa",
    {
      title: "Company card",
      description:
        "Looks up a company in the ERP (Odoo) by name and returns its card: contact data, number of contacts and employees, open opportunities with expected revenue, and total confirmed sales.",
      inputSchema: z.object({
        nombre: z.string().min(1).describe("The company's name or part of it, e.g. 'Empresa X'."),
      }),
      outputSchema: z.object({
        encontrada: z.boolean(),
        empresa: companySchema.nullable(),
        otras_coincidencias: z.array(z.string()).describe("Other companies whose name also matches."),
      }),
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    (args, ctx) =>
      guarded(deps, ctx.mcpReq.signal, async (client) => {
        const fields = await client.pickFields("res.partner", COMPANY_FIELDS);
        const candidates = await client.searchRead("res.partner", {
          domain: [
            ["is_company", "=", true],
            ["name", "ilike", args.nombre.trim()],
          ],
          fields,
          limit: 6,
        });
        const company = bestMatch(candidates, args.nombre);
        if (company === undefined) {
          return success(
            { encontrada: false, empresa: null, otras_coincidencias: [] },
            `No company named like "${args.nombre}" in the ERP. Try obtener_cliente for people and contacts.`,
          );
        }
        const others = candidates
          .filter((candidate) => candidate.id !== company.id)
          .map((other) => String(other.name));
        const figures = await companyFigures(client, company.id);
        const card = {
          id: company.id,
          nombre: String(company.name ?? ""),
          email: text(company.email),
          telefono: text(company.phone) ?? text(company.mobile),
          sitio_web: text(company.website),
          direccion: joinParts([text(company.street), text(company.zip)]) || null,
          ciudad: text(company.city),
          pais: relationName(company.country_id),
          nif: text(company.vat),
          comercial: relationName(company.user_id),
          ...figures,
        };
        const lines = [
          `${card.nombre} (id ${card.id})`,
          `Contact: ${joinParts([card.email, card.telefono, card.sitio_web]) || "none recorded"}`,
          `Address: ${joinParts([card.direccion, card.ciudad, card.pais]) || "none recorded"}`,
          `Contacts: ${card.contactos}${card.empleados === null ? "" : `; employees: ${card.empleados}`}`,
          card.oportunidades_abiertas === null
            ? "Open opportunities: not available (CRM not installed or not readable)"
            : `Open opportunities: ${card.oportunidades_abiertas} (expected revenue ${formatAmount(card.ingreso_esperado ?? 0)})`,
          card.pedidos_confirmados === null
            ? "Confirmed sales: not available (Sales not installed or not readable)"
            : `Confirmed sales: ${card.pedidos_confirmados} orders, total ${formatAmount(card.ventas_total ?? 0)}`,
        ];
        if (card.nif !== null) lines.splice(3, 0, `Tax ID: ${card.nif}`);
        if (others.length > 0) lines.push(`Other matches: ${others.join(", ")}`);
        return success({ encontrada: true, empresa: card, otras_coincidencias: others }, lines.join("\n"));
      }),
  );
}

async function companyFigures(client: OdooClient, partnerId: number) {
  // The company itself or one of its contacts: one dotted step, which every Odoo version supports.
  const ofCompany: Domain = ["|", ["partner_id", "=", partnerId], ["partner_id.parent_id", "=", partnerId]];
  const [contactos, empleados, opportunities, orders] = await Promise.all([
    client.searchCount("res.partner", [["parent_id", "=", partnerId]]),
    unlessUnavailable(() => countEmployees(client, partnerId)),
    unlessUnavailable(async () => {
      const openDomain: Domain = [...ofCompany, ["type", "=", "opportunity"]];
      const stageFields = client.isAllowedModel("crm.stage")
        ? await client.pickFields("crm.stage", ["is_won"])
        : [];
      if (stageFields.includes("is_won")) openDomain.push(["stage_id.is_won", "=", false]);
      return totals(client, "crm.lead", openDomain, "type", "expected_revenue");
    }),
    unlessUnavailable(() =>
      totals(
        client,
        "sale.order",
        [...ofCompany, ["state", "in", CONFIRMED_STATES]],
        "state",
        "amount_total",
      ),
    ),
  ]);
  return {
    contactos,
    empleados,
    oportunidades_abiertas: opportunities?.count ?? null,
    ingreso_esperado: opportunities?.sum ?? null,
    pedidos_confirmados: orders?.count ?? null,
    ventas_total: orders?.sum ?? null,
  };
}

/** Count and sum over the whole domain, grouped in Odoo (no record limit), then added up. */
async function totals(
  client: OdooClient,
  model: string,
  domain: Domain,
  groupBy: string,
  sum: string,
): Promise<{ count: number; sum: number }> {
  const rows = await client.readGroup(model, { domain, groupBy, sum });
  return {
    count: rows.reduce((total, row) => total + row.count, 0),
    sum: round2(rows.reduce((total, row) => total + row.sum, 0)),
  };
}

/**
 * A figure the card can do without: null when its model is not allowed, not installed (no CRM, no
 * Sales, no HR app) or not readable by this user. Other failures (network, credentials) still fail.
 */
async function unlessUnavailable<T>(figure: () => Promise<T>): Promise<T | null> {
  try {
    return await figure();
  } catch (error) {
    if (
      error instanceof OdooError &&
      ["not-allowed", "unknown-model", "access-denied"].includes(error.kind)
    ) {
      return null;
    }
    throw error;
  }
}

/**
 * Employees exist only for the database's own companies (`res.company`, linked to the partner by
 * `partner_id`) and only with the HR app. Null when the app is missing; 0 for a customer company.
 */
async function countEmployees(client: OdooClient, partnerId: number): Promise<number | null> {
  if (!(await client.hasModel("hr.employee"))) return null;
  const fields = await client.pickFields("hr.employee", ["company_id"]);
  if (!fields.includes("company_id")) return null;
  return client.searchCount("hr.employee", [["company_id.partner_id", "=", partnerId]]);
}
