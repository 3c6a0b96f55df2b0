/**
 * The Odoo server's settings, read from the environment (`ODOO_*`). Secrets stay in this object and
 * the transports: nothing here is ever logged.
 */
import { localised } from "../i18n/localised.js";
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
    throw new UserError(localised("errorsOdoo.urlUnset"), {
      hint: localised("errorsOdoo.urlUnsetHint"),
    });
  }
  if (!/^https?:\/\/[^/]/.test(url) || !URL.canParse(url)) {
    throw new UserError(localised("errorsOdoo.urlNotHttp"), {
      hint: localised("errorsOdoo.urlRootHint"),
    });
  }
  const apiKey = nonEmpty(env.ODOO_API_KEY);
  const password = nonEmpty(env.ODOO_PASSWORD);
  if (apiKey === undefined && password === undefined) {
    throw new UserError(localised("errorsOdoo.noSecret"), {
      hint: localised("errorsOdoo.noSecretHint"),
    });
  }
  const protocol = nonEmpty(env.ODOO_PROTOCOL)?.toLowerCase() ?? "auto";
  if (protocol !== "auto" && protocol !== "json2" && protocol !== "xmlrpc") {
    throw new UserError(localised("errorsOdoo.badProtocol", { protocol }), {
      hint: localised("errorsOdoo.badProtocolHint"),
    });
  }
  if (protocol === "json2" && apiKey === undefined) {
    throw new UserError(localised("errorsOdoo.json2NeedsKey"), {
      hint: localised("errorsOdoo.json2NeedsKeyHint"),
    });
  }
  const timeoutText = nonEmpty(env.ODOO_TIMEOUT_MS);
  const timeoutMs = timeoutText === undefined ? DEFAULT_TIMEOUT_MS : Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new UserError(localised("errorsOdoo.badTimeout", { value: timeoutText ?? "" }));
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
    throw new UserError(localised("errorsOdoo.badModel", { model: badModel }), {
      hint: localised("errorsOdoo.badModelHint"),
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
