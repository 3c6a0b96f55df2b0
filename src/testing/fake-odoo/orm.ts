/**
 * What each model method does in the fake Odoo, once a protocol layer has found the method and
 * bound its arguments. Both XML-RPC and JSON-2 end here, so both see the same data and errors.
 */

import type { StoredRecord } from "./dataset.js";
import { type SearchContext, searchRecords } from "./domain.js";
import { type PythonException, raise } from "./errors.js";
import { formattedReadGroup, readGroup } from "./grouping.js";
import type { MethodSpec } from "./methods.js";
import { describeField, type FieldDef, type ModelDef, type OdooVersion } from "./models.js";
import { pythonRepr } from "./python.js";
import { checkFieldNames, defaultReadFields, page, readRecords, sortRecords } from "./read.js";
import type { Store } from "./store.js";

export type Protocol = "xmlrpc" | "json2";

/** One resolved call: the method, its ids (record methods) and its bound arguments. */
export interface MethodCallRequest {
  model: ModelDef;
  method: MethodSpec;
  ids: number[];
  /** Arguments bound to the signature, `**kwargs` extras included. */
  bound: Record<string, unknown>;
  context: SearchContext;
  protocol: Protocol;
}

/** The access groups Odoo names in the access error of each model. */
const WRITE_GROUPS: Record<string, string> = {
  "crm.lead": "Sales/User: Own Documents Only",
  "sale.order": "Sales/User: Own Documents Only",
  "res.partner": "Extra Rights/Contact Creation",
  "hr.employee": "Employees/Officer: Manage all employees",
};

export interface OrmOptions {
  uid: number;
  readOnlyUser: boolean;
  /** Current time as Odoo writes it ("YYYY-MM-DD HH:MM:SS", UTC). */
  now: () => string;
}

/** AccessError for a method name starting with `_`, worded as each version words it. */
export function privateMethodError(version: OdooVersion, model: string, method: string): PythonException {
  const subject = version === 17 ? method : `'${model}.${method}'`;
  return raise.accessError(`Private methods (such as ${subject}) cannot be called remotely.`);
}

/** AttributeError for a method the model does not have, worded as each version words it. */
export function unknownMethodError(version: OdooVersion, model: string, method: string): PythonException {
  return raise.attribute(
    version === 17
      ? `The method '${method}' does not exist on the model '${model}'`
      : `The method '${model}.${method}' does not exist`,
  );
}

export class Orm {
  constructor(
    private readonly store: Store,
    private readonly options: OrmOptions,
  ) {}

  execute(request: MethodCallRequest): unknown {
    const { model, method, bound } = request;
    if (method.writes && this.options.readOnlyUser) throw this.accessError(model, method.name);
    switch (method.name) {
      case "search": {
        const records = this.search(model, bound.domain, request.context, bound.order);
        if (bound.count === true) return records.length;
        return page(records, bound.offset, bound.limit).map((record) => record.id);
      }
      case "search_count": {
        const count = this.search(model, bound.domain, request.context, null).length;
        return typeof bound.limit === "number" && bound.limit > 0 ? Math.min(count, bound.limit) : count;
      }
      case "search_read": {
        const { domain, fields, offset, limit, order, ...readKeywords } = bound;
        const unexpected = Object.keys(readKeywords).find((name) => name !== "load");
        if (unexpected)
          throw raise.type(`BaseModel.read() got an unexpected keyword argument '${unexpected}'`);
        const records = page(this.search(model, domain, request.context, order), offset, limit);
        return this.read(model, records, fields, readKeywords.load ?? "_classic_read");
      }
      case "read": {
        // read() leaves out records that do not exist (MissingError is caught per record)
        const existing = request.ids
          .map((id) => this.store.find(model.name, id))
          .filter((record): record is StoredRecord => record !== undefined);
        return this.read(model, existing, bound.fields, bound.load);
      }
      case "fields_get":
        return this.fieldsGet(model, bound.allfields, bound.attributes);
      case "name_search":
        return this.nameSearch(model, bound, request.context);
      case "read_group":
        return readGroup(this.store, model, this.search(model, bound.domain, request.context, null), {
          domain: bound.domain,
          fields: bound.fields,
          groupby: bound.groupby,
          offset: bound.offset,
          limit: bound.limit,
          lazy: bound.lazy,
        });
      case "formatted_read_group":
        return formattedReadGroup(
          this.store,
          model,
          this.search(model, bound.domain, request.context, null),
          {
            groupby: bound.groupby,
            aggregates: bound.aggregates,
            having: bound.having,
            offset: bound.offset,
            limit: bound.limit,
          },
        );
      case "create":
        return this.create(model, bound.vals_list, request.protocol);
      case "write":
        return this.write(model, request.ids, bound.vals);
      case "unlink":
        return this.unlink(model, request.ids);
      case "message_post":
        return this.messagePost(model, request.ids, bound, request.protocol);
      default:
        throw raise.attribute(`The fake Odoo does not implement ${method.qualifiedName}`);
    }
  }

  private accessError(model: ModelDef, method: string): PythonException {
    const operation = method === "create" ? "create" : method === "unlink" ? "delete" : "modify";
    const group = WRITE_GROUPS[model.name] ?? "Administration/Settings";
    return raise.accessError(
      `You are not allowed to ${operation} '${model.description}' (${model.name}) records.\n\n` +
        `This operation is allowed for the following groups:\n\t- ${group}\n\n` +
        "Contact your administrator to request access if necessary.",
    );
  }

  private search(model: ModelDef, domain: unknown, context: SearchContext, order: unknown): StoredRecord[] {
    return sortRecords(this.store, model, searchRecords(this.store, model, domain, context), order);
  }

  private browse(model: ModelDef, ids: number[]): StoredRecord[] {
    return ids.map((id) => {
      const record = this.store.find(model.name, id);
      if (!record) throw this.missing(model, ids);
      return record;
    });
  }

  private missing(model: ModelDef, ids: number[]): PythonException {
    return raise.missing(
      `Record does not exist or has been deleted.\n(Record: ${model.name}${pythonRepr(ids, true)}, User: ${this.options.uid})`,
    );
  }

  private read(model: ModelDef, records: StoredRecord[], fields: unknown, load: unknown): unknown {
    const names =
      Array.isArray(fields) && fields.length > 0 ? checkFieldNames(model, fields) : defaultReadFields(model);
    return readRecords(this.store, model, records, names, load);
  }

  private fieldsGet(model: ModelDef, allfields: unknown, attributes: unknown): Record<string, unknown> {
    const wanted = Array.isArray(allfields) && allfields.length > 0 ? new Set(allfields) : undefined;
    const attributeList = Array.isArray(attributes)
      ? attributes.filter((item) => typeof item === "string")
      : undefined;
    const result: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(model.fields)) {
      if (wanted && !wanted.has(name)) continue;
      result[name] = describeField(name, field, this.store.version, attributeList);
    }
    return result;
  }

  private nameSearch(model: ModelDef, bound: Record<string, unknown>, context: SearchContext): unknown {
    const extraDomain = (this.store.version === 17 ? bound.args : bound.domain) ?? [];
    const name = typeof bound.name === "string" ? bound.name : "";
    const operator = typeof bound.operator === "string" ? bound.operator : "ilike";
    const nameDomain: unknown[] = name
      ? model.name === "res.partner"
        ? ["|", "|", ["complete_name", operator, name], ["email", operator, name], ["vat", operator, name]]
        : [[model.recName === "complete_name" ? "complete_name" : "display_name", operator, name]]
      : [];
    const domain = [...(Array.isArray(extraDomain) ? extraDomain : []), ...nameDomain];
    const records = page(this.search(model, domain, context, null), 0, bound.limit);
    return records.map((record) => [record.id, this.store.displayName(model, record)]);
  }

  private checkValues(model: ModelDef, values: unknown): Record<string, unknown> {
    if (typeof values !== "object" || values === null || Array.isArray(values)) {
      throw raise.type(`'${Array.isArray(values) ? "list" : typeof values}' object is not a mapping`);
    }
    const checked: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
      const field = model.fields[name];
      if (!field || name === "id" || name === "display_name") {
        throw raise.value(`Invalid field '${name}' on model '${model.name}'`);
      }
      checked[name] = this.convertValue(model, name, field, value);
    }
    return checked;
  }

  private convertValue(model: ModelDef, name: string, field: FieldDef, value: unknown): unknown {
    if (value === null || value === undefined) return false;
    if (field.type === "selection" && value !== false) {
      if (!field.selection?.some(([key]) => key === value)) {
        throw raise.value(`Wrong value for ${model.name}.${name}: ${pythonRepr(value)}`);
      }
    }
    if (field.type === "many2one" && value !== false) {
      if (typeof value !== "number" || !this.store.find(field.relation!, value)) {
        throw raise.validation(
          "The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\n" +
            `Model: ${model.description} (${model.name})\nConstraint: ${model.name.replace(/\./g, "_")}_${name}_fkey\n`,
        );
      }
    }
    if (field.type === "one2many" || field.type === "many2many") {
      throw raise.value(`The fake Odoo does not write ${field.type} field ${model.name}.${name}`);
    }
    return value;
  }

  private defaults(model: ModelDef): Record<string, unknown> {
    const now = this.options.now();
    const defaults: Record<string, unknown> = {
      create_date: now,
      write_date: now,
      create_uid: this.options.uid,
      write_uid: this.options.uid,
    };
    if ("active" in model.fields) defaults.active = true;
    if (model.name === "crm.lead") {
      const firstStage = sortRecords(
        this.store,
        this.store.model("crm.stage"),
        this.store.records("crm.stage"),
        null,
      )[0];
      Object.assign(defaults, {
        type: "lead",
        stage_id: firstStage?.id ?? false,
        user_id: this.options.uid,
        company_id: 1,
        probability: 10,
        priority: "0",
        expected_revenue: 0,
      });
    }
    if (model.name === "res.partner") Object.assign(defaults, { type: "contact", is_company: false });
    if (model.name === "sale.order") {
      Object.assign(defaults, {
        name: `S${String(this.store.nextId("sale.order")).padStart(5, "0")}`,
        state: "draft",
        date_order: now,
        company_id: 1,
        user_id: this.options.uid,
        amount_untaxed: 0,
        amount_tax: 0,
        amount_total: 0,
      });
    }
    return defaults;
  }

  private notNullError(model: ModelDef, name: string, field: FieldDef): PythonException {
    return raise.validation(
      "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n" +
        "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n" +
        `Model: ${model.description} (${model.name})\nField: ${field.string} (${name})\n`,
    );
  }

  private checkRequired(model: ModelDef, record: Record<string, unknown>): void {
    for (const [name, field] of Object.entries(model.fields)) {
      const value = record[name];
      if (field.required && (value === false || value === undefined || value === "")) {
        throw this.notNullError(model, name, field);
      }
    }
  }

  private computeStored(model: ModelDef, record: StoredRecord): void {
    if (model.name === "res.partner") {
      const parent =
        typeof record.parent_id === "number" ? this.store.find("res.partner", record.parent_id) : undefined;
      record.complete_name =
        parent && !record.is_company ? `${String(parent.name)}, ${String(record.name)}` : record.name;
    }
  }

  private create(model: ModelDef, valsList: unknown, protocol: Protocol): unknown {
    const single = !Array.isArray(valsList);
    const list = single ? [valsList] : (valsList as unknown[]);
    const created: StoredRecord[] = [];
    for (const values of list) {
      const checked = this.checkValues(model, values);
      const record: StoredRecord = { ...this.defaults(model), ...checked, id: this.store.nextId(model.name) };
      this.checkRequired(model, record);
      this.computeStored(model, record);
      this.store.records(model.name).push(record);
      created.push(record);
    }
    const ids = created.map((record) => record.id);
    // XML-RPC: a single dict gives an id, a list gives ids; JSON-2 always answers the ids.
    return protocol === "xmlrpc" && single ? ids[0] : ids;
  }

  private write(model: ModelDef, ids: number[], values: unknown): boolean {
    const records = this.browse(model, ids);
    const checked = this.checkValues(model, values);
    for (const [name, value] of Object.entries(checked)) {
      const field = model.fields[name]!;
      if (field.required && (value === false || value === "")) throw this.notNullError(model, name, field);
    }
    for (const record of records) {
      Object.assign(record, checked, { write_date: this.options.now(), write_uid: this.options.uid });
      this.computeStored(model, record);
    }
    return true;
  }

  private unlink(model: ModelDef, ids: number[]): boolean {
    this.browse(model, ids);
    const storage = this.store.records(model.name);
    for (const id of ids) {
      const index = storage.findIndex((record) => record.id === id);
      if (index >= 0) storage.splice(index, 1);
    }
    return true;
  }

  private messagePost(
    model: ModelDef,
    ids: number[],
    bound: Record<string, unknown>,
    protocol: Protocol,
  ): unknown {
    if (ids.length !== 1) throw raise.value(`Expected singleton: ${model.name}${pythonRepr(ids, true)}`);
    const [record] = this.browse(model, ids);
    const body = typeof bound.body === "string" ? bound.body : "";
    const html = bound.body_is_html === true ? body : escapeHtml(body);
    const message: StoredRecord = {
      id: this.store.nextId("mail.message"),
      model: model.name,
      res_id: record!.id,
      record_name: this.store.displayName(model, record!),
      subject: typeof bound.subject === "string" ? bound.subject : false,
      body: html,
      message_type: typeof bound.message_type === "string" ? bound.message_type : "notification",
      is_internal: bound.subtype_xmlid === "mail.mt_note",
      author_id: 19,
      date: this.options.now(),
      create_date: this.options.now(),
      write_date: this.options.now(),
      create_uid: this.options.uid,
      write_uid: this.options.uid,
    };
    this.store.records("mail.message").push(message);
    // 17: @api.returns('mail.message') gives the id over XML-RPC; 19's call_kw turns any recordset
    // result into its ids, and JSON-2 always does.
    return protocol === "xmlrpc" && this.store.version === 17 ? message.id : [message.id];
  }
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&#34;")
    .replace(/'/g, "&#39;");
}
