/**
 * Maps what Odoo says when something fails (an XML-RPC `<fault>`, a JSON-2 error status and body, a bare
 * HTTP status) to one `OdooError` with a one-line message and a hint. Odoo sends tracebacks in fault
 * strings (code 1) and in the JSON-2 `debug` field: only the last meaningful line is kept.
 *
 * XML-RPC fault codes (odoo/addons/base/controllers/rpc.py, Odoo 16–19): 1 application error,
 * 2 UserError/ValidationError/RedirectWarning, 3 AccessDenied, 4 AccessError.
 */
import { z } from "zod";
import { type LocalisedParam, type LocalisedText, localised } from "../i18n/localised.js";
import { OdooError } from "./odoo-error.js";

export interface CallContext {
  model?: string;
  method?: string;
}

const MAX_DETAIL = 200;

export function errorFromFault(faultCode: number, faultString: string, context: CallContext): OdooError {
  const detail = lastMeaningfulLine(faultString);
  const recognised = recognise(detail, context);
  if (recognised !== undefined) return recognised;
  switch (faultCode) {
    case 2:
      return validation(detail);
    case 3:
      return credentials(localised("errorsOdoo.credentialsAccessDenied"));
    case 4:
      return accessDenied(detail, context);
    default:
      return serverError(detail, context);
  }
}

/** The fields of a JSON-2 error body this file reads; each is checked where it is used. */
const json2ErrorSchema = z.looseObject({ name: z.unknown().optional(), message: z.unknown().optional() });

/** A JSON-2 error: status plus the body `{name, message, arguments, context, debug}` (Odoo 19). */
export function errorFromJson2(status: number, body: unknown, context: CallContext): OdooError {
  // Anything that is not an object reads as one with none of the fields.
  const record = json2ErrorSchema.catch({}).parse(body);
  const name = typeof record.name === "string" ? record.name : "";
  const detail = lastMeaningfulLine(typeof record.message === "string" ? record.message : "");
  if (status === 401 || name.endsWith("AccessDenied")) {
    return credentials(localised("errorsOdoo.apiKeyRefused"));
  }
  const recognised = recognise(detail, context);
  if (recognised !== undefined) return recognised;
  if (status === 403 || name.endsWith("AccessError")) return accessDenied(detail, context);
  if (name.endsWith("MissingError")) return notFound(detail);
  if (status === 422 || name.endsWith("UserError") || name.endsWith("ValidationError"))
    return validation(detail);
  if (status === 404) {
    return notFound(
      detail ||
        localised("errorsOdoo.noEndpoint", {
          call: `${context.model ?? "model"}.${context.method ?? "method"}`,
        }),
    );
  }
  return errorFromStatus(status, context, detail);
}

/** A status without a usable Odoo error body (a proxy page, an endpoint that is not there). */
export function errorFromStatus(status: number, context: CallContext, detail = ""): OdooError {
  if (status === 502 || status === 503 || status === 504) {
    return new OdooError("unreachable", localised("errorsOdoo.unavailable", { status }), {
      hint: localised("errorsOdoo.unavailableHint"),
      retryable: true,
    });
  }
  if (status === 401) return credentials(localised("errorsOdoo.credentialsHttp", { status }));
  if (status === 403) return accessDenied(detail, context);
  if (status === 404) {
    return new OdooError("not-found", localised("errorsOdoo.http404", { call: describeCall(context) }), {
      hint: localised("errorsOdoo.http404Hint"),
    });
  }
  return serverError(detail || `HTTP ${status}`, context);
}

function recognise(detail: string, context: CallContext): OdooError | undefined {
  // "Invalid field 'mobile' on model 'res.partner'" (read, write, group) or, from a domain,
  // "Invalid field res.partner.mobile in leaf ('mobile', '=', 1)".
  const onModel = /Invalid field ['"]?([\w.]+?)['"]? on model ['"]?([\w.]+)['"]?/i.exec(detail);
  const inLeaf = /Invalid field ['"]?([\w.]+?)['"]? in leaf/i.exec(detail);
  if (onModel !== null || inLeaf !== null) {
    let field = onModel?.[1] ?? inLeaf?.[1] ?? "";
    let model: string = onModel?.[2] ?? context.model ?? "the model";
    if (field.startsWith(`${model}.`)) {
      field = field.slice(model.length + 1);
    } else if (inLeaf !== null && field.split(".").length >= 3) {
      // "res.partner.mobile" from a domain on another model than the call's.
      model = field.slice(0, field.lastIndexOf("."));
      field = field.slice(field.lastIndexOf(".") + 1);
    }
    return new OdooError("unknown-field", localised("errorsOdoo.unknownField", { field, model }), {
      hint: localised("errorsOdoo.unknownFieldHint"),
    });
  }
  const model =
    /Object ([\w.]+) doesn'?t exist/i.exec(detail) ??
    /model ['"]?([\w.]+)['"]? (?:does not exist|doesn'?t exist|not found)/i.exec(detail) ??
    /^['"]([a-z_]+\.[\w.]+)['"]$/.exec(detail); // KeyError: 'x.y', class prefix already stripped
  if (model !== null) {
    return new OdooError("unknown-model", localised("errorsOdoo.unknownModel", { model: model[1] ?? "" }), {
      hint: localised("errorsOdoo.unknownModelHint"),
    });
  }
  const database = /database "([^"]+)" does not exist/i.exec(detail);
  if (database !== null) {
    return new OdooError(
      "not-found",
      localised("errorsOdoo.unknownDatabase", { database: database[1] ?? "" }),
      { hint: localised("errorsOdoo.unknownDatabaseHint") },
    );
  }
  if (/^Access Denied$|Invalid apikey|Wrong login\/password/i.test(detail)) {
    return credentials(localised("errorsOdoo.credentialsRefused"));
  }
  if (/Record does not exist or has been deleted/i.test(detail)) {
    return notFound(detail.split("(Record:")[0]?.trim() ?? detail);
  }
  return undefined;
}

function credentials(message: LocalisedText): OdooError {
  return new OdooError("credentials", message, {
    hint: localised("errorsOdoo.credentialsHint"),
  });
}

function accessDenied(detail: string, context: CallContext): OdooError {
  const suffix = detail === "" ? "" : `: ${detail}`;
  return new OdooError(
    "access-denied",
    localised("errorsOdoo.accessDenied", { call: describeCall(context), detail: suffix }),
    { hint: localised("errorsOdoo.accessDeniedHint") },
  );
}

function validation(detail: string): OdooError {
  return new OdooError(
    "validation",
    localised("errorsOdoo.validation", { detail: detail || localised("errorsOdoo.validationDefault") }),
    { hint: localised("errorsOdoo.validationHint") },
  );
}

function notFound(detail: LocalisedParam): OdooError {
  return new OdooError("not-found", localised("errorsOdoo.notFound", { detail }), {
    hint: localised("errorsOdoo.notFoundHint"),
  });
}

function serverError(detail: string, context: CallContext): OdooError {
  return new OdooError(
    "server-error",
    localised("errorsOdoo.serverError", {
      call: describeCall(context),
      detail: detail || localised("errorsOdoo.internalError"),
    }),
    { hint: localised("errorsOdoo.serverErrorHint") },
  );
}

function describeCall(context: CallContext): LocalisedParam {
  if (context.model !== undefined && context.method !== undefined)
    return `${context.model}.${context.method}`;
  return context.method ?? context.model ?? localised("errorsOdoo.theRequest");
}

/**
 * One line out of a fault string or error message: for a traceback, its last non-empty line without the
 * exception class prefix (`ValueError: `); for a plain message, its lines joined. At most 200 characters.
 */
export function lastMeaningfulLine(text: string): string {
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const chosen = text.includes("Traceback (most recent call last)") ? (lines.at(-1) ?? "") : lines.join(" ");
  const withoutClass = chosen.replace(
    /^(?:[\w]+\.)*[A-Z]\w*(?:Error|Exception|Warning|Denied|Fault|Unauthorized|Forbidden|NotFound|UnprocessableEntity):\s+/,
    "",
  );
  return withoutClass.length > MAX_DETAIL ? `${withoutClass.slice(0, MAX_DETAIL - 1)}…` : withoutClass;
}
