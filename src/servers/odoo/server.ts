/**
 * agente's Odoo MCP server: the ERP/CRM as tools, read-only unless writes are enabled. Tools whose
 * models are outside the allowlist are not listed; write tools are listed only with `writeEnabled` and
 * carry `destructiveHint`; `unlink` is never offered. Odoo is contacted on the first call, so the server
 * starts (and lists its tools) even when Odoo is down, and each call reports what is wrong.
 */
import { McpServer } from "@modelcontextprotocol/server";
import type { Translator } from "../../i18n/translator.js";
import type { OdooClient } from "../../odoo/odoo-client.js";
import { Redactor } from "../../util/secret-redaction.js";
import { agenteVersion } from "../../util/version.js";
import { registerCompanyCard } from "./tools/company-card.js";
import { registerCrmReadTools } from "./tools/crm-read.js";
import { registerCrmWriteTools } from "./tools/crm-write.js";
import { registerCustomerLookup } from "./tools/customer-lookup.js";
import { registerSalesTools } from "./tools/sales.js";
import { registerSearchRecords } from "./tools/search-records.js";

export interface OdooServerDeps {
  client: OdooClient;
  /** Lists the write tools (ODOO_WRITE=1). */
  writeEnabled: boolean;
  /** Password and API key, scrubbed from every error text. */
  secrets: readonly string[];
  version?: string;
  /** The person's language, for the error text `agente tools call` shows (`_meta`); the model reads English. */
  translate?: Translator;
}

/** Models whose chatter `registrar_nota` may write to, when allowed. */
const NOTE_MODELS = ["crm.lead", "res.partner", "sale.order"];

export function createOdooServer(deps: OdooServerDeps): McpServer {
  const server = new McpServer(
    { name: "agente-odoo", version: deps.version ?? agenteVersion() },
    {
      instructions:
        "Tools over the company's ERP (Odoo): customers, companies, CRM opportunities and sales orders. Read-only unless write tools are listed.",
    },
  );
  const { client } = deps;
  // A password shorter than three characters would hide ordinary words: only longer ones are looked for.
  const redactor = new Redactor(deps.secrets.filter((secret) => secret.length >= 3));
  const toolDeps = {
    client,
    redactor,
    ...(deps.translate === undefined ? {} : { translate: deps.translate }),
  };
  const allowed = (...models: string[]) => models.every((model) => client.isAllowedModel(model));

  if (allowed("res.partner")) {
    registerCustomerLookup(server, toolDeps);
    registerCompanyCard(server, toolDeps);
  }
  if (allowed("crm.lead")) registerCrmReadTools(server, toolDeps);
  if (allowed("sale.order", "sale.order.line", "res.partner")) registerSalesTools(server, toolDeps);
  registerSearchRecords(server, toolDeps, client.allowedModels());
  if (deps.writeEnabled && allowed("crm.lead", "crm.stage", "res.partner")) {
    registerCrmWriteTools(
      server,
      toolDeps,
      NOTE_MODELS.filter((model) => client.isAllowedModel(model)),
    );
  }
  return server;
}
