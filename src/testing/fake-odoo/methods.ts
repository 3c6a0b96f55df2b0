/**
 * The model methods the fake Odoo answers, with their Python signatures per version.
 *
 * Signatures as in odoo/models.py (17.0) and odoo/orm/models.py (19.0):
 * - search(domain, offset=0, limit=None, order=None[, count=False in 17])
 * - search_count(domain, limit=None)
 * - search_read(domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs)
 * - read(fields=None, load='_classic_read')                                     (on ids)
 * - fields_get(allfields=None, attributes=None)
 * - name_search(name='', args=None, operator='ilike', limit=100)                 (17)
 *   name_search(name='', domain=None, operator='ilike', limit=100)               (19: args → domain)
 * - read_group(domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True)
 *   (deprecated in 19 but still answers)
 * - formatted_read_group(domain, groupby=(), aggregates=(), having=(), offset=0, limit=None,
 *   order=None)                                                                  (19 only)
 * - create(vals_list)  write(vals)  unlink()                                     (write/unlink on ids)
 * - message_post(*, body='', subject=None, message_type='notification', subtype_xmlid=None,
 *   partner_ids=None, **kwargs)                                                  (mail.thread, on ids)
 */

import type { ModelDef, OdooVersion } from "./models.js";
import type { Signature } from "./signature.js";

export interface MethodSpec extends Signature {
  name: string;
  /** `@api.model` methods take no ids; record methods take ids first. */
  api: "model" | "records";
  /** Changes data: refused to a read-only user. */
  writes: boolean;
}

function spec(
  name: string,
  owner: string,
  api: MethodSpec["api"],
  parameters: Signature["parameters"],
  options: { writes?: boolean; varKeyword?: boolean } = {},
): MethodSpec {
  return {
    name,
    api,
    qualifiedName: `${owner}.${name}`,
    parameters,
    writes: options.writes ?? false,
    varKeyword: options.varKeyword ?? false,
  };
}

/** The method `name` on `model` in this version, or undefined when Odoo has no such method there. */
export function findMethod(version: OdooVersion, model: ModelDef, name: string): MethodSpec | undefined {
  switch (name) {
    case "search":
      return spec("search", "BaseModel", "model", [
        { name: "domain" },
        { name: "offset", default: 0 },
        { name: "limit", default: null },
        { name: "order", default: null },
        ...(version === 17 ? [{ name: "count", default: false }] : []),
      ]);
    case "search_count":
      return spec("search_count", "BaseModel", "model", [
        { name: "domain" },
        { name: "limit", default: null },
      ]);
    case "search_read":
      return spec(
        "search_read",
        "BaseModel",
        "model",
        [
          { name: "domain", default: null },
          { name: "fields", default: null },
          { name: "offset", default: 0 },
          { name: "limit", default: null },
          { name: "order", default: null },
        ],
        { varKeyword: true },
      );
    case "read":
      return spec("read", "BaseModel", "records", [
        { name: "fields", default: null },
        { name: "load", default: "_classic_read" },
      ]);
    case "fields_get":
      return spec("fields_get", "BaseModel", "model", [
        { name: "allfields", default: null },
        { name: "attributes", default: null },
      ]);
    case "name_search":
      return spec("name_search", "BaseModel", "model", [
        { name: "name", default: "" },
        { name: version === 17 ? "args" : "domain", default: null },
        { name: "operator", default: "ilike" },
        { name: "limit", default: 100 },
      ]);
    case "read_group":
      return spec("read_group", "BaseModel", "model", [
        { name: "domain" },
        { name: "fields" },
        { name: "groupby" },
        { name: "offset", default: 0 },
        { name: "limit", default: null },
        { name: "orderby", default: false },
        { name: "lazy", default: true },
      ]);
    case "formatted_read_group":
      if (version === 17) return undefined;
      return spec("formatted_read_group", "Base", "model", [
        { name: "domain" },
        { name: "groupby", default: [] },
        { name: "aggregates", default: [] },
        { name: "having", default: [] },
        { name: "offset", default: 0 },
        { name: "limit", default: null },
        { name: "order", default: null },
      ]);
    case "create":
      return spec("create", "BaseModel", "model", [{ name: "vals_list" }], { writes: true });
    case "write":
      return spec("write", "BaseModel", "records", [{ name: "vals" }], { writes: true });
    case "unlink":
      return spec("unlink", "BaseModel", "records", [], { writes: true });
    case "message_post":
      if (!model.mailThread) return undefined;
      return spec(
        "message_post",
        "MailThread",
        "records",
        [
          { name: "body", default: "", keywordOnly: true },
          { name: "subject", default: null, keywordOnly: true },
          { name: "message_type", default: "notification", keywordOnly: true },
          { name: "subtype_xmlid", default: null, keywordOnly: true },
          { name: "partner_ids", default: null, keywordOnly: true },
          ...(version === 19 ? [{ name: "body_is_html", default: false, keywordOnly: true }] : []),
        ],
        { writes: true, varKeyword: true },
      );
    default:
      return undefined;
  }
}
