/**
 * The fake database: model definitions of one version plus the live records, and the computed
 * values every read, search and group needs (display names, one2many lists).
 */

import { createDataSet, type DataSet, type StoredRecord } from "./dataset.js";
import { raise } from "./errors.js";
import { type FieldDef, type ModelDef, modelsFor, type OdooVersion } from "./models.js";

export class Store {
  readonly models: Map<string, ModelDef>;
  readonly data: DataSet;

  constructor(
    readonly version: OdooVersion,
    hrInstalled: boolean,
    login: string,
  ) {
    this.models = modelsFor(version, hrInstalled);
    this.data = createDataSet(version, hrInstalled, login);
    for (const name of this.models.keys()) if (!this.data.has(name)) this.data.set(name, []);
  }

  /** The model, or Odoo's "Object x doesn't exist" user error. */
  model(name: string): ModelDef {
    const model = this.models.get(name);
    if (!model) throw raise.userError(`Object ${name} doesn't exist`);
    return model;
  }

  records(model: string): StoredRecord[] {
    return this.data.get(model) ?? [];
  }

  find(model: string, id: number): StoredRecord | undefined {
    return this.records(model).find((record) => record.id === id);
  }

  nextId(model: string): number {
    return this.records(model).reduce((highest, record) => Math.max(highest, record.id), 0) + 1;
  }

  field(model: ModelDef, name: string): FieldDef | undefined {
    return model.fields[name];
  }

  /** `display_name` as Odoo computes it: partners show "Company, Person". */
  displayName(model: ModelDef, record: StoredRecord): string {
    if (model.name === "res.partner") {
      const parent =
        typeof record.parent_id === "number" ? this.find("res.partner", record.parent_id) : undefined;
      const name = String(record.name ?? "");
      return parent && !record.is_company ? `${String(parent.name)}, ${name}` : name;
    }
    if (model.name === "sale.order.line") {
      const order =
        typeof record.order_id === "number" ? this.find("sale.order", record.order_id) : undefined;
      const product =
        typeof record.product_id === "number" ? this.find("product.product", record.product_id) : undefined;
      return `${String(order?.name ?? "")} - ${String(product?.name ?? record.name ?? "")}`;
    }
    const value = record[model.recName];
    return typeof value === "string" ? value : `${model.name},${record.id}`;
  }

  /** A field's value in storage terms: many2one as id or false, x2many as a list of ids. */
  rawValue(model: ModelDef, record: StoredRecord, name: string): unknown {
    const field = model.fields[name];
    if (name === "id") return record.id;
    if (name === "display_name") return this.displayName(model, record);
    if (!field) return undefined;
    if (field.type === "one2many" && field.relation && field.inverse) {
      const inverse = field.inverse;
      return this.records(field.relation)
        .filter((related) => related[inverse] === record.id && related.active !== false)
        .map((related) => related.id);
    }
    if (model.name === "res.partner" && name === "company_type")
      return record.is_company ? "company" : "person";
    const value = record[name];
    if (value === undefined || value === null) return field.type === "many2many" ? [] : false;
    return value;
  }
}
