/**
 * XML-RPC transport (Odoo 16–19; deprecated in 19, removal planned for 22).
 * `/xmlrpc/2/common`: `version()` (no login) and `authenticate(db, login, secret, {})`, which returns the
 * uid or `false` on bad credentials (no fault). `/xmlrpc/2/object`: `execute_kw(db, uid, secret, model,
 * method, args, kwargs)`. An API key works wherever the password does (Odoo 14+).
 */

import { z } from "zod";
import { localised } from "../i18n/localised.js";
import { describeEndpoint, type HttpClient, trimSlash } from "./http.js";
import { OdooError } from "./odoo-error.js";
import { type CallContext, errorFromFault, errorFromStatus } from "./odoo-faults.js";
import type { OdooCall, OdooServerInfo, OdooTransport } from "./transport.js";
import {
  decodeMethodResponse,
  encodeMethodCall,
  XmlRpcFormatError,
  type XmlRpcValue,
} from "./xmlrpc-codec.js";

export interface XmlRpcTransportOptions {
  http: HttpClient;
  /** The Odoo root URL, e.g. `https://erp.example.com`. */
  url: string;
  database: string;
  login: string;
  /** API key or password. */
  secret: string;
}

export class XmlRpcTransport implements OdooTransport {
  readonly protocol = "xmlrpc" as const;
  readonly #options: XmlRpcTransportOptions;
  #uid: Promise<number> | undefined;

  constructor(options: XmlRpcTransportOptions) {
    this.#options = options;
  }

  async call(call: OdooCall): Promise<unknown> {
    const uid = await this.#authenticated();
    const { database, secret } = this.#options;
    const args = call.ids === undefined ? [] : [call.ids];
    return xmlRpcCall(
      this.#options.http,
      `${trimSlash(this.#options.url)}/xmlrpc/2/object`,
      "execute_kw",
      [database, uid, secret, call.model, call.method, args, call.params ?? {}],
      { model: call.model, method: call.method },
      call.signal,
    );
  }

  /** Logs in once; a failed login is forgotten so that the next call tries again. */
  #authenticated(): Promise<number> {
    if (this.#uid === undefined) {
      this.#uid = this.#authenticate();
      this.#uid.catch(() => {
        this.#uid = undefined;
      });
    }
    return this.#uid;
  }

  async #authenticate(): Promise<number> {
    const { http, url, database, login, secret } = this.#options;
    const uid = await xmlRpcCall(
      http,
      `${trimSlash(url)}/xmlrpc/2/common`,
      "authenticate",
      [database, login, secret, {}],
      {
        method: "authenticate",
      },
    );
    if (typeof uid !== "number" || uid <= 0) {
      throw new OdooError("credentials", localised("errorsOdoo.loginRefused", { login, database }), {
        hint: localised("errorsOdoo.credentialsHint"),
      });
    }
    return uid;
  }
}

/** `common.version()`: needs no login, answers on every Odoo from 8 to 19. */
export async function xmlRpcVersion(http: HttpClient, url: string): Promise<OdooServerInfo> {
  const info = await xmlRpcCall(http, `${trimSlash(url)}/xmlrpc/2/common`, "version", [], {
    method: "version",
  });
  return parseVersionInfo(info);
}

/** The fields of a version answer this file reads; each is checked where it is used. */
const versionInfoSchema = z.looseObject({
  server_version: z.unknown().optional(),
  version: z.unknown().optional(),
  server_version_info: z.unknown().optional(),
  version_info: z.unknown().optional(),
});

/** Reads `{server_version, server_version_info: [17, 0, 0, "final", 0, ""]}` (common.version) or `{version, version_info}` (GET /web/version). */
export function parseVersionInfo(info: unknown): OdooServerInfo {
  // Anything that is not an object reads as one with none of the fields.
  const record = versionInfoSchema.catch({}).parse(info);
  // common.version: server_version/server_version_info; GET /web/version (Odoo 19): version/version_info.
  const versionText = record.server_version ?? record.version;
  const serverVersion = typeof versionText === "string" ? versionText : "";
  const tuple = record.server_version_info ?? record.version_info;
  const versionInfo = Array.isArray(tuple) ? tuple : [];
  let major = typeof versionInfo[0] === "number" ? versionInfo[0] : Number.NaN;
  if (Number.isNaN(major)) {
    // "saas~18.2+e" / "19.0" when the tuple is missing or starts with "saas~18".
    const match = /(\d+)(?:\.\d+)?/.exec(serverVersion) ?? /(\d+)/.exec(String(versionInfo[0] ?? ""));
    major = match === null ? Number.NaN : Number(match[1]);
  }
  if (Number.isNaN(major)) {
    throw new OdooError("protocol", localised("errorsOdoo.noVersion"), {
      hint: localised("errorsOdoo.pointsAtOdooHint"),
    });
  }
  return { major, serverVersion: serverVersion || String(major) };
}

async function xmlRpcCall(
  http: HttpClient,
  endpoint: string,
  method: string,
  params: unknown[],
  context: CallContext,
  signal?: AbortSignal,
): Promise<XmlRpcValue> {
  const exchange = await http.send({
    url: endpoint,
    headers: { "Content-Type": "text/xml; charset=utf-8", "User-Agent": "agente-odoo" },
    body: encodeMethodCall(method, params),
    signal,
  });
  if (exchange.status !== 200) throw errorFromStatus(exchange.status, context);
  let response: ReturnType<typeof decodeMethodResponse>;
  try {
    response = decodeMethodResponse(exchange.body);
  } catch (error) {
    if (!(error instanceof XmlRpcFormatError)) throw error;
    throw new OdooError(
      "protocol",
      localised("errorsOdoo.notXmlRpc", { where: describeEndpoint(endpoint), problem: error.message }),
      {
        hint: localised("errorsOdoo.notXmlRpcHint"),
        cause: error,
      },
    );
  }
  if (response.kind === "fault") throw errorFromFault(response.faultCode, response.faultString, context);
  return response.value;
}
