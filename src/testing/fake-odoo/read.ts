/**
 * Reading records the way Odoo's `read()` returns them, and ordering them the way `search()` does.
 *
 * `read()` values: many2one as `[id, display_name]` (or only the id with `load=None`), x2many as a
 * list of ids, empty values as `false`, floats as Python floats.
 */

import type { StoredRecord } from "./dataset.js";
import { raise } from "./errors.js";
import type { ModelDef } from "./models.js";
import { PyFloat } from "./python.js";
import type { Store } from "./store.js";

/** Fields `read()` returns when none are named: every field of the model. */
export function defaultReadFields(model: ModelDef): string[] {
  return Object.keys(model.fields);
}

/** Raises Odoo's ValueError for a field name the model does not have. */
export function checkFieldNames(model: ModelDef, names: readonly unknown[]): string[] {
  return names.map((name) => {
    if (typeof name !== "string" || !(name in model.fields)) {
      throw raise.value(`Invalid field ${pythonish(name)} on model '${model.name}'`);
    }
    return name;
  });
}

function pythonish(name: unknown): string {
  return typeof name === "string" ? `'${name}'` : String(name);
}

/** One field of one record as `read()` returns it. */
export function readValue(
  store: Store,
  model: ModelDef,
  record: StoredRecord,
  name: string,
  load: unknown,
): unknown {
  const field = model.fields[name];
  const raw = store.rawValue(model, record, name);
  if (!field) return raw;
  switch (field.type) {
    case "many2one": {
      if (typeof raw !== "number") return false;
      if (load !== "_classic_read") return raw;
      const comodel = store.model(field.relation!);
      const related = store.find(comodel.name, raw);
      return [raw, related ? store.displayName(comodel, related) : ""];
    }
    case "one2many":
    case "many2many":
      return Array.isArray(raw) ? raw : [];
    case "float":
    case "monetary":
      return typeof raw === "number" ? new PyFloat(raw) : new PyFloat(0);
    case "integer":
      return typeof raw === "number" ? raw : 0;
    case "boolean":
      return raw === true;
    default:
      return raw === "" || raw === null || raw === undefined ? false : raw;
  }
}

/** `read(fields)` of the given records, in the order given. */
export function readRecords(
  store: Store,
  model: ModelDef,
  records: readonly StoredRecord[],
  fields: readonly string[],
  load: unknown,
): Array<Record<string, unknown>> {
  return records.map((record) => {
    const row: Record<string, unknown> = { id: record.id };
    for (const name of fields) row[name] = readValue(store, model, record, name, load);
    return row;
  });
}

interface OrderTerm {
  field: string;
  descending: boolean;
}

const ORDER_SPEC = /^\s*([a-z_][a-z0-9_.]*)(?:\s+(asc|desc))?(?:\s+nulls\s+(?:first|last))?\s*$/i;

/** Parses an `order` string ("name asc, id desc"); bad syntax and unknown fields raise ValueError. */
export function parseOrder(model: ModelDef, order: unknown): OrderTerm[] {
  const text = typeof order === "string" && order.trim() !== "" ? order : model.order;
  return text.split(",").map((part) => {
    const match = ORDER_SPEC.exec(part);
    if (!match) {
      throw raise.value(
        `Invalid "order" specified (${text}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`,
      );
    }
    const field = match[1]!;
    if (!(field in model.fields)) throw raise.value(`Invalid field '${field}' on model '${model.name}'`);
    return { field, descending: (match[2] ?? "asc").toLowerCase() === "desc" };
  });
}

type Ranks = Map<string, Map<number, number>>;

/** Position of each record of `model` in its default order, for sorting by a many2one to it. */
function rankOf(store: Store, model: ModelDef, id: number, ranks: Ranks): number | null {
  let byId = ranks.get(model.name);
  if (!byId) {
    byId = new Map();
    ranks.set(model.name, byId);
    sortRecords(store, model, store.records(model.name), null, ranks).forEach((record, index) => {
      byId!.set(record.id, index);
    });
  }
  return byId.get(id) ?? null;
}

/** A sortable key for one field: a many2one sorts by the related model's own order, as Odoo does. */
function sortKey(
  store: Store,
  model: ModelDef,
  record: StoredRecord,
  name: string,
  ranks: Ranks,
): string | number | null {
  const field = model.fields[name];
  const raw = store.rawValue(model, record, name);
  if (raw === false || raw === null || raw === undefined || raw === "") {
    return field?.type === "boolean" ? 0 : null;
  }
  if (field?.type === "many2one" && typeof raw === "number") {
    return rankOf(store, store.model(field.relation!), raw, ranks);
  }
  if (raw === true) return 1;
  if (typeof raw === "number") return raw;
  return String(raw).toLowerCase();
}

/** Sorts as PostgreSQL would: NULLS LAST ascending, NULLS FIRST descending; ties keep id order. */
export function sortRecords(
  store: Store,
  model: ModelDef,
  records: readonly StoredRecord[],
  order: unknown,
  ranks: Ranks = new Map(),
): StoredRecord[] {
  const terms = parseOrder(model, order);
  return [...records].sort((left, right) => {
    for (const term of terms) {
      const a = sortKey(store, model, left, term.field, ranks);
      const b = sortKey(store, model, right, term.field, ranks);
      if (a === b) continue;
      if (a === null) return term.descending ? -1 : 1;
      if (b === null) return term.descending ? 1 : -1;
      const comparison =
        typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b), "en");
      if (comparison !== 0) return term.descending ? -comparison : comparison;
    }
    return left.id - right.id;
  });
}

/** Applies offset and limit as SQL does (limit false/None/0 means no limit in Odoo). */
export function page<T>(items: readonly T[], offset: unknown, limit: unknown): T[] {
  const start = typeof offset === "number" && offset > 0 ? offset : 0;
  const count = typeof limit === "number" && limit > 0 ? limit : undefined;
  return items.slice(start, count === undefined ? undefined : start + count);
}
