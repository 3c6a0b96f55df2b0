/**
 * Grouped reads: `read_group` (Odoo 17, and still present but deprecated in 19) and
 * `formatted_read_group` (Odoo 19).
 *
 * read_group(domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True) returns one
 * dict per group: the groupby values (many2one as [id, name]), `<field>_count` (lazy) or `__count`,
 * the aggregates keyed by field name or alias, and `__domain` (plus `__context` when lazy leaves
 * group levels unopened).
 * formatted_read_group(domain, groupby=(), aggregates=(), having=(), offset=0, limit=None,
 * order=None) groups on every level at once and keys aggregates by their spec ("expected_revenue:sum",
 * "__count"), with `__extra_domain` for the group.
 * Date granularities ("create_date:month") are not implemented by the fake.
 */

import type { StoredRecord } from "./dataset.js";
import { raise } from "./errors.js";
import type { FieldDef, ModelDef } from "./models.js";
import { PyFloat } from "./python.js";
import { page, readValue, sortRecords } from "./read.js";
import type { Store } from "./store.js";

const AGGREGATES = [
  "sum",
  "avg",
  "max",
  "min",
  "count",
  "count_distinct",
  "array_agg",
  "bool_and",
  "bool_or",
];

interface AggregateSpec {
  key: string;
  field: string;
  function: string;
}

interface Group {
  values: unknown[];
  records: StoredRecord[];
}

function groupbyField(model: ModelDef, spec: unknown): { name: string; field: FieldDef } {
  if (typeof spec !== "string") throw raise.value(`Invalid groupby ${String(spec)}`);
  const [name, granularity] = spec.split(":");
  const field = model.fields[name!];
  if (!field) throw raise.value(`Invalid field '${name}' on model '${model.name}'`);
  if (granularity !== undefined)
    throw raise.value(`Groupby granularity '${granularity}' is not supported by the fake Odoo`);
  if (field.store === false || field.type === "one2many") {
    throw raise.value(`Field ${model.name}.${name} is not stored: it cannot be grouped`);
  }
  return { name: name!, field };
}

function aggregateValue(
  store: Store,
  model: ModelDef,
  records: StoredRecord[],
  spec: AggregateSpec,
): unknown {
  const field = model.fields[spec.field]!;
  const values = records.map((record) => store.rawValue(model, record, spec.field));
  const numbers = values.filter((value): value is number => typeof value === "number");
  const asFieldType = (value: number) =>
    field.type === "float" || field.type === "monetary" ? new PyFloat(value) : value;
  switch (spec.function) {
    case "sum":
      return asFieldType(numbers.reduce((total, value) => total + value, 0));
    case "avg":
      return numbers.length === 0
        ? false
        : new PyFloat(numbers.reduce((total, value) => total + value, 0) / numbers.length);
    case "max":
      return numbers.length === 0 ? false : asFieldType(Math.max(...numbers));
    case "min":
      return numbers.length === 0 ? false : asFieldType(Math.min(...numbers));
    case "count":
      return values.filter((value) => value !== false).length;
    case "count_distinct":
      return new Set(values.filter((value) => value !== false)).size;
    case "bool_and":
      return values.every((value) => value === true);
    case "bool_or":
      return values.some((value) => value === true);
    default:
      return values;
  }
}

function makeGroups(store: Store, model: ModelDef, records: StoredRecord[], groupby: string[]): Group[] {
  const groups = new Map<string, Group>();
  // Records sorted by the grouped fields give groups in Odoo's order (many2one by the related name).
  const ordered = groupby.length > 0 ? sortRecords(store, model, records, groupby.join(", ")) : records;
  for (const record of ordered) {
    const values = groupby.map((name) => store.rawValue(model, record, name));
    const key = JSON.stringify(values);
    let group = groups.get(key);
    if (!group) {
      group = { values, records: [] };
      groups.set(key, group);
    }
    group.records.push(record);
  }
  if (groupby.length === 0) return [{ values: [], records: ordered }];
  return [...groups.values()];
}

function groupLeaves(groupby: string[], values: unknown[]): unknown[][] {
  return groupby.map((name, index) => [name, "=", values[index] ?? false]);
}

function andDomains(leaves: unknown[][], domain: unknown): unknown[] {
  const terms: unknown[][] = leaves.map((leaf) => [leaf]);
  if (Array.isArray(domain) && domain.length > 0) terms.push(implicitAnd(domain));
  if (terms.length === 0) return [];
  return [...Array.from({ length: terms.length - 1 }, () => "&"), ...terms.flat(1)];
}

/** A domain with its implicit top-level `&` made explicit, as `expression.normalize_domain` does. */
function implicitAnd(domain: unknown[]): unknown[] {
  let expected = 1;
  const result: unknown[] = [];
  for (const item of domain) {
    if (expected === 0) {
      result.unshift("&");
      expected = 1;
    }
    if (item === "&" || item === "|") expected += 1;
    else if (item !== "!") expected -= 1;
    result.push(item);
  }
  return result;
}

function parseReadGroupFields(model: ModelDef, fields: unknown, groupby: string[]): AggregateSpec[] {
  const specs: AggregateSpec[] = [];
  for (const spec of Array.isArray(fields) ? fields : []) {
    if (typeof spec !== "string" || spec === "__count") continue;
    const match = /^(\w+)(?::(\w+)(?:\((\w+)\))?)?$/.exec(spec);
    if (!match) throw raise.value(`Invalid field specification ${JSON.stringify(spec)}.`);
    const [, alias, func, target] = match;
    const fieldName = target ?? alias!;
    const field = model.fields[fieldName];
    if (!field) throw raise.value(`Invalid field '${fieldName}' on model '${model.name}'`);
    if (groupby.includes(fieldName)) continue;
    const aggregate = func ?? field.aggregator;
    if (!aggregate) continue;
    if (!AGGREGATES.includes(aggregate)) throw raise.value(`Invalid aggregation function '${aggregate}'.`);
    specs.push({ key: alias!, field: fieldName, function: aggregate });
  }
  return specs;
}

/** Odoo 17's read_group (also Odoo 19's deprecated one). */
export function readGroup(
  store: Store,
  model: ModelDef,
  records: StoredRecord[],
  parameters: {
    domain: unknown;
    fields: unknown;
    groupby: unknown;
    offset: unknown;
    limit: unknown;
    lazy: unknown;
  },
): Array<Record<string, unknown>> {
  const allGroupby = (
    typeof parameters.groupby === "string" ? [parameters.groupby] : ((parameters.groupby as unknown[]) ?? [])
  ).map((spec) => groupbyField(model, spec).name);
  const lazy = parameters.lazy !== false;
  const groupby = lazy ? allGroupby.slice(0, 1) : allGroupby;
  const aggregates = parseReadGroupFields(model, parameters.fields, groupby);
  const groups = page(makeGroups(store, model, records, groupby), parameters.offset, parameters.limit);
  return groups.map((group) => {
    const row: Record<string, unknown> = {};
    groupby.forEach((name, index) => {
      const sample = group.records[0]!;
      row[name] =
        group.values[index] === false ? false : readValue(store, model, sample, name, "_classic_read");
    });
    row[lazy && groupby.length > 0 ? `${groupby[0]}_count` : "__count"] = group.records.length;
    for (const spec of aggregates) row[spec.key] = aggregateValue(store, model, group.records, spec);
    row.__domain = andDomains(groupLeaves(groupby, group.values), parameters.domain);
    if (lazy && allGroupby.length > 1) row.__context = { group_by: allGroupby.slice(1) };
    return row;
  });
}

/** Odoo 19's formatted_read_group. */
export function formattedReadGroup(
  store: Store,
  model: ModelDef,
  records: StoredRecord[],
  parameters: { groupby: unknown; aggregates: unknown; having: unknown; offset: unknown; limit: unknown },
): Array<Record<string, unknown>> {
  const groupby = ((parameters.groupby as unknown[]) ?? []).map((spec) => groupbyField(model, spec).name);
  if (Array.isArray(parameters.having) && parameters.having.length > 0) {
    throw raise.value("The fake Odoo does not implement 'having' in formatted_read_group");
  }
  const aggregates: AggregateSpec[] = [];
  for (const spec of (parameters.aggregates as unknown[]) ?? []) {
    if (spec === "__count") {
      aggregates.push({ key: "__count", field: "id", function: "__count" });
      continue;
    }
    const match = typeof spec === "string" ? /^(\w+):(\w+)$/.exec(spec) : null;
    if (!match) throw raise.value(`Invalid aggregate specification ${JSON.stringify(spec)}.`);
    const [, fieldName, func] = match;
    if (!model.fields[fieldName!]) throw raise.value(`Invalid field '${fieldName}' on model '${model.name}'`);
    if (!AGGREGATES.includes(func!)) throw raise.value(`Invalid aggregation function '${func}'.`);
    aggregates.push({ key: spec as string, field: fieldName!, function: func! });
  }
  const groups = page(makeGroups(store, model, records, groupby), parameters.offset, parameters.limit);
  return groups.map((group) => {
    const row: Record<string, unknown> = {};
    groupby.forEach((name, index) => {
      const sample = group.records[0]!;
      row[name] =
        group.values[index] === false ? false : readValue(store, model, sample, name, "_classic_read");
    });
    for (const spec of aggregates) {
      row[spec.key] =
        spec.function === "__count"
          ? group.records.length
          : aggregateValue(store, model, group.records, spec);
    }
    row.__extra_domain = andDomains(groupLeaves(groupby, group.values), []);
    return row;
  });
}
