/**
 * The Odoo server's settings, read from the environment (`ODOO_*`). Secrets stay in this object and
 * the transports: nothing here is ever logged.
 */
import { UserError } from "../util/errors.js";
import type { OdooProtocol } from "./transport.js";

export interface OdooConfig {
  /** Odoo root URL, e.g. `https://erp.example.com`. */
  url: string;
  /** Database name (`ODOO_DB`): required by XML-RPC, sent as `X-Odoo-Database` by JSON-2. */
  database: string | undefined;
  /** Login (`ODOO_USER`): required by XML-RPC. */
  login: string | undefined;
  apiKey: string | undefined;
  password: string | undefined;
  /** `auto` picks JSON-2 on Odoo 19+ when an API key is set, XML-RPC otherwise. */
  protocol: OdooProtocol | "auto";
  /** Deadline of one HTTP request. */
  timeoutMs: number;
  /** Lists and allows the write tools (create lead, move stage, log note). */
  writeEnabled: boolean;
  /** Models any tool may touch; `buscar_registros` is limited to these. */
  models: string[];
}

/** The models agente reads by default: partners, CRM, sales, HR, and their stages/lines. */
export const DEFAULT_MODELS: readonly string[] = [
  "res.partner",
  "res.country",
  "res.users",
  "res.company",
  "crm.lead",
  "crm.stage",
  "crm.team",
  "sale.order",
  "sale.order.line",
  "product.product",
  "product.template",
  "hr.employee",
  "hr.department",
  "mail.message",
];

export const DEFAULT_TIMEOUT_MS = 15_000;

const MODEL_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

export function readOdooConfig(env: NodeJS.ProcessEnv): OdooConfig {
  const url = nonEmpty(env.ODOO_URL);
  if (url === undefined) {
    throw new UserError("ODOO_URL is not set.", {
      hint: "Set ODOO_URL to your Odoo address, e.g. http://localhost:8069.",
    });
  }
  if (!/^https?:\/\/[^/]/.test(url) || !URL.canParse(url)) {
    throw new UserError("ODOO_URL is not an http(s) URL.", {
      hint: "Use the Odoo root, e.g. https://erp.example.com.",
    });
  }
  const apiKey = nonEmpty(env.ODOO_API_KEY);
  const password = nonEmpty(env.ODOO_PASSWORD);
  if (apiKey === undefined && password === undefined) {
    throw new UserError("Neither ODOO_API_KEY nor ODOO_PASSWORD is set.", {
      hint: "Create an API key in Odoo (Preferences → Account Security → New API Key) and set ODOO_API_KEY.",
    });
  }
  const protocol = nonEmpty(env.ODOO_PROTOCOL)?.toLowerCase() ?? "auto";
  if (protocol !== "auto" && protocol !== "json2" && protocol !== "xmlrpc") {
    throw new UserError(`ODOO_PROTOCOL must be auto, json2 or xmlrpc, not "${protocol}".`, {
      hint: "Leave it unset to detect the protocol.",
    });
  }
  if (protocol === "json2" && apiKey === undefined) {
    throw new UserError("ODOO_PROTOCOL=json2 needs ODOO_API_KEY (JSON-2 does not accept passwords).", {
      hint: "Set ODOO_API_KEY, or use ODOO_PROTOCOL=xmlrpc with ODOO_PASSWORD.",
    });
  }
  const timeoutText = nonEmpty(env.ODOO_TIMEOUT_MS);
  const timeoutMs = timeoutText === undefined ? DEFAULT_TIMEOUT_MS : Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new UserError(
      `ODOO_TIMEOUT_MS must be a positive whole number of milliseconds, not "${timeoutText}".`,
    );
  }
  const modelsText = nonEmpty(env.ODOO_MODELS);
  const models =
    modelsText === undefined
      ? [...DEFAULT_MODELS]
      : modelsText
          .split(",")
          .map((model) => model.trim())
          .filter((model) => model !== "");
  const badModel = models.find((model) => !MODEL_NAME.test(model));
  if (badModel !== undefined) {
    throw new UserError(`ODOO_MODELS holds "${badModel}", which is not an Odoo model name.`, {
      hint: "List technical names separated by commas, e.g. res.partner,crm.lead.",
    });
  }
  return {
    url,
    database: nonEmpty(env.ODOO_DB),
    login: nonEmpty(env.ODOO_USER),
    apiKey,
    password,
    protocol,
    timeoutMs,
    writeEnabled: isTrue(env.ODOO_WRITE),
    models,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

function isTrue(value: string | undefined): boolean {
  return ["1", "true", "yes", "on"].includes((value ?? "").trim().toLowerCase());
}
