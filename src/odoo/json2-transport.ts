/**
 * JSON-2 transport (Odoo 19+, doc "External JSON-2 API", developer/reference/external_api).
 * `POST /json/2/<model>/<method>` with `Authorization: bearer <API key>`, `X-Odoo-Database` when a
 * database is named, and a JSON body of named parameters plus `ids` for record methods. Success is
 * 200 with the method's return value as JSON; failure is 4xx/5xx with `{name, message, arguments,
 * context, debug}`.
 */
import { localised } from "../i18n/localised.js";
import { type HttpClient, trimSlash } from "./http.js";
import { OdooError } from "./odoo-error.js";
import { errorFromJson2, errorFromStatus } from "./odoo-faults.js";
import type { OdooCall, OdooTransport } from "./transport.js";

export interface Json2TransportOptions {
  http: HttpClient;
  url: string;
  /** Sent as `X-Odoo-Database`; needed when one server hosts several databases. */
  database?: string;
  apiKey: string;
}

export class Json2Transport implements OdooTransport {
  readonly protocol = "json2" as const;
  readonly #options: Json2TransportOptions;

  constructor(options: Json2TransportOptions) {
    this.#options = options;
  }

  async call(call: OdooCall): Promise<unknown> {
    const { http, url, database, apiKey } = this.#options;
    const headers: Record<string, string> = {
      Authorization: `bearer ${apiKey}`,
      "Content-Type": "application/json; charset=utf-8",
      "User-Agent": "agente-odoo",
    };
    if (database !== undefined && database !== "") headers["X-Odoo-Database"] = database;
    const body = call.ids === undefined ? { ...call.params } : { ids: call.ids, ...call.params };
    const context = { model: call.model, method: call.method };
    const exchange = await http.send({
      url: `${trimSlash(url)}/json/2/${encodeURIComponent(call.model)}/${encodeURIComponent(call.method)}`,
      headers,
      body: JSON.stringify(body),
      signal: call.signal,
    });
    const parsed = parseJson(exchange.body);
    if (exchange.status === 200) {
      if (parsed.ok) return parsed.value;
      throw new OdooError(
        "protocol",
        localised("errorsOdoo.notJson", { call: `${call.model}.${call.method}` }),
        {
          hint: localised("errorsOdoo.notJsonHint"),
        },
      );
    }
    if (parsed.ok && parsed.value !== null && typeof parsed.value === "object") {
      throw errorFromJson2(exchange.status, parsed.value, context);
    }
    throw errorFromStatus(exchange.status, context);
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}
