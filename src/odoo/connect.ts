/**
 * Opening a connection: detect the Odoo version once, pick the transport (`auto`: JSON-2 on Odoo 19+
 * when an API key is set, XML-RPC otherwise), and build it. Credentials are checked by the first call.
 */
import { localised } from "../i18n/localised.js";
import { UserError } from "../util/errors.js";
import type { OdooConfig } from "./config.js";
import { describeEndpoint, type HttpClient, trimSlash } from "./http.js";
import { Json2Transport } from "./json2-transport.js";
import { OdooError } from "./odoo-error.js";
import type { OdooProtocol, OdooServerInfo, OdooTransport } from "./transport.js";
import { parseVersionInfo, XmlRpcTransport, xmlRpcVersion } from "./xmlrpc-transport.js";

export interface OdooConnection {
  transport: OdooTransport;
  server: OdooServerInfo;
}

/** The first Odoo version that serves `/json/2`. */
export const FIRST_JSON2_VERSION = 19;

export async function openOdooConnection(config: OdooConfig, http: HttpClient): Promise<OdooConnection> {
  const server = await detectServer(http, config.url);
  const protocol = chooseProtocol(config, server);
  return { transport: buildTransport(config, http, protocol), server };
}

/**
 * The version, from XML-RPC `common.version` (Odoo 8–21, no login needed), else from
 * `GET /web/version` (Odoo 19: `{version, version_info}`), which stays when XML-RPC is removed.
 */
export async function detectServer(http: HttpClient, url: string): Promise<OdooServerInfo> {
  try {
    return await xmlRpcVersion(http, url);
  } catch (error) {
    // Network trouble (and a proxy's 502–504) is said as it is; any other answer may be a server that is
    // no Odoo at all, or an Odoo 19+ without XML-RPC: `/web/version` tells which.
    if (!(error instanceof OdooError) || NOT_A_VERSION_ANSWER.has(error.kind)) throw error;
    const exchange = await http.send({
      url: `${trimSlash(url)}/web/version`,
      method: "GET",
      headers: { "User-Agent": "agente-odoo" },
    });
    if (exchange.status !== 200) throw notOdoo(url, error);
    try {
      return parseVersionInfo(JSON.parse(exchange.body));
    } catch {
      throw notOdoo(url, error);
    }
  }
}

/** Failures that say nothing about what answers at the URL. */
const NOT_A_VERSION_ANSWER = new Set(["unreachable", "timeout", "cancelled", "credentials"]);

/** Neither XML-RPC's `version` nor `/web/version` answered as Odoo does. */
function notOdoo(url: string, cause: OdooError): OdooError {
  return new OdooError("protocol", localised("errorsOdoo.notOdoo", { where: describeEndpoint(url) }), {
    cause,
    hint: localised("errorsOdoo.notOdooHint"),
  });
}

export function chooseProtocol(config: OdooConfig, server: OdooServerInfo): OdooProtocol {
  if (config.protocol === "json2") {
    if (server.major < FIRST_JSON2_VERSION) {
      throw new UserError(localised("errorsOdoo.json2NeedsVersion", { version: server.serverVersion }), {
        hint: localised("errorsOdoo.json2NeedsVersionHint"),
      });
    }
    return "json2";
  }
  if (config.protocol === "xmlrpc") return "xmlrpc";
  return server.major >= FIRST_JSON2_VERSION && config.apiKey !== undefined ? "json2" : "xmlrpc";
}

function buildTransport(config: OdooConfig, http: HttpClient, protocol: OdooProtocol): OdooTransport {
  if (protocol === "json2") {
    // chooseProtocol and readOdooConfig guarantee the key for json2.
    return new Json2Transport({
      http,
      url: config.url,
      database: config.database,
      apiKey: config.apiKey ?? "",
    });
  }
  if (config.database === undefined || config.login === undefined) {
    throw new UserError(localised("errorsOdoo.xmlrpcNeedsLogin"), {
      hint: localised("errorsOdoo.xmlrpcNeedsLoginHint"),
    });
  }
  const secret = config.apiKey ?? config.password ?? "";
  return new XmlRpcTransport({
    http,
    url: config.url,
    database: config.database,
    login: config.login,
    secret,
  });
}
