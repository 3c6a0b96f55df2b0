/**
 * The External JSON-2 API of Odoo 19: `POST /json/2/<model>/<method>`.
 *
 * Documentation: https://www.odoo.com/documentation/19.0/developer/reference/external_api.html
 * Server code followed: addons/rpc/controllers/json2.py (`web_json_2_rpc`), odoo/http.py
 * (`Json2Dispatcher.handle_error`, `serialize_exception`), odoo/addons/base/models/ir_http.py
 * (`_auth_method_bearer`).
 *
 * Order of checks, as in Odoo: bearer authentication (401), model (404), method (403 private,
 * 404 unknown), ids on an @api.model method (422), argument binding (422), then the call, whose
 * exceptions map through `http_status`: UserError/ValidationError 422, AccessError/AccessDenied 403,
 * MissingError 404, anything else (ValueError for an invalid field, TypeError…) 500.
 */

import { PythonException } from "./errors.js";
import { findMethod } from "./methods.js";
import { privateMethodError, unknownMethodError } from "./orm.js";
import type { ServerState } from "./server-state.js";
import { bindArguments } from "./signature.js";

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = "application/json; charset=utf-8";

/** Matches `/json/2/<model>/<method>`. */
export const JSON2_ROUTE = /^\/json\/2\/([^/]+)\/([^/]+)\/?$/;

/** Odoo's JSON error body for an exception. */
function errorAnswer(error: PythonException): HttpAnswer {
  const info = error.info;
  const isHttpException = info.qualifiedName.startsWith("werkzeug.");
  const body = {
    name: info.qualifiedName,
    message: error.message,
    arguments: isHttpException ? [error.message, info.httpStatus] : [error.message],
    // serialize_exception: getattr(exception, "context", {}); Odoo's exceptions carry none
    context: {},
    debug: error.traceback("web_json_2_rpc"),
  };
  const headers: Record<string, string> = { "content-type": JSON_TYPE };
  if (info.httpStatus === 401) headers["www-authenticate"] = "Bearer";
  return { status: info.httpStatus, headers, body: JSON.stringify(body) };
}

function ok(result: unknown): HttpAnswer {
  return { status: 200, headers: { "content-type": JSON_TYPE }, body: JSON.stringify(result ?? null) };
}

/** The bearer token of an Authorization header (scheme case-insensitive), as Odoo extracts it. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1];
}

/** Answers a request under /json/2 on an Odoo 19 server. */
export function handleJson2(
  state: ServerState,
  httpMethod: string,
  path: string,
  headers: Record<string, string | undefined>,
  rawBody: string,
): HttpAnswer {
  const route = JSON2_ROUTE.exec(path);
  if (!route || httpMethod !== "POST") {
    return errorAnswer(new PythonException("NotFound", "Did you mean POST /json/2/<model>/<method>?"));
  }
  const database = headers["x-odoo-database"];
  if (database !== undefined && database !== state.options.database) {
    return {
      status: 404,
      headers: { "content-type": "text/html; charset=utf-8" },
      body: "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server.</p>\n",
    };
  }
  const token = bearerToken(headers.authorization);
  if (token === undefined) {
    return errorAnswer(
      new PythonException(
        "Unauthorized",
        "User not authenticated, use an API Key with a Bearer Authorization header.",
      ),
    );
  }
  if (token !== state.options.apiKey)
    return errorAnswer(new PythonException("Unauthorized", "Invalid apikey"));

  let body: Record<string, unknown> = {};
  if (rawBody.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(rawBody);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
        body = parsed as Record<string, unknown>;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return errorAnswer(new PythonException("BadRequest", `could not parse the body as json: ${detail}`));
    }
  }
  const modelName = decodeURIComponent(route[1]!);
  const methodName = decodeURIComponent(route[2]!);
  const { ids = [], context = {}, ...named } = body;
  try {
    const model = state.store.models.get(modelName);
    if (!model) throw new PythonException("NotFound", `the model '${modelName}' does not exist`);
    const { version } = state.options;
    if (methodName.startsWith("_")) throw privateMethodError(version, modelName, methodName);
    const method = findMethod(version, model, methodName);
    if (!method)
      throw new PythonException("NotFound", unknownMethodError(version, modelName, methodName).message);
    const idList = (Array.isArray(ids) ? ids : [ids]).filter((id): id is number => typeof id === "number");
    if (method.api === "model" && idList.length > 0) {
      throw new PythonException("UnprocessableEntity", `cannot call ${modelName}.${methodName} with ids`);
    }
    let bound: Record<string, unknown>;
    try {
      bound = bindArguments(method, [], named, "signature");
    } catch (error) {
      if (error instanceof PythonException && error.kind === "TypeError") {
        throw new PythonException("UnprocessableEntity", error.message);
      }
      throw error;
    }
    const result = state.orm.execute({
      model,
      method,
      ids: idList,
      bound,
      context: typeof context === "object" && context !== null ? (context as Record<string, unknown>) : {},
      protocol: "json2",
    });
    return ok(result);
  } catch (error) {
    if (error instanceof PythonException) return errorAnswer(error);
    throw error;
  }
}
