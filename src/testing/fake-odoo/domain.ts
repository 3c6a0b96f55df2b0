/**
 * Odoo search domains with their real semantics, evaluated in memory.
 *
 * Reference: "Search domains" in the ORM API documentation
 * (https://www.odoo.com/documentation/17.0/developer/reference/backend/orm.html#search-domains) and
 * odoo/osv/expression.py (17.0). Prefix operators `&`, `|`, `!` in Polish notation, with an
 * implicit `&` between top-level terms; leaves `[path, operator, value]` where path may be dotted
 * through relational fields. As in PostgreSQL-backed Odoo, negative operators (`!=`, `not in`,
 * `not like`, `not ilike`) also match empty (NULL) values, while positive ones never do.
 */

import type { StoredRecord } from "./dataset.js";
import { raise } from "./errors.js";
import type { ModelDef } from "./models.js";
import { pythonRepr } from "./python.js";
import type { Store } from "./store.js";

export const OPERATORS = [
  "=",
  "!=",
  "<=",
  "<",
  ">",
  ">=",
  "=?",
  "=like",
  "=ilike",
  "like",
  "not like",
  "ilike",
  "not ilike",
  "in",
  "not in",
  "child_of",
  "parent_of",
  "any",
  "not any",
] as const;

type Operator = (typeof OPERATORS)[number];

type DomainNode =
  | { kind: "and" | "or"; left: DomainNode; right: DomainNode }
  | { kind: "not"; operand: DomainNode }
  | { kind: "constant"; value: boolean }
  | { kind: "leaf"; path: string; operator: Operator; value: unknown; source: unknown[] };

/** Search options carried by the Odoo context. */
export interface SearchContext {
  active_test?: boolean;
  [key: string]: unknown;
}

/** The records of `model` that satisfy `domain`, with archived records hidden unless asked for. */
export function searchRecords(
  store: Store,
  model: ModelDef,
  domain: unknown,
  context: SearchContext,
): StoredRecord[] {
  const tree = parseDomain(store, model, domain);
  const hideArchived = "active" in model.fields && context.active_test !== false && !mentionsActive(domain);
  return store
    .records(model.name)
    .filter((record) => (!hideArchived || record.active !== false) && evaluate(store, model, tree, record));
}

function mentionsActive(domain: unknown): boolean {
  return Array.isArray(domain) && domain.some((item) => Array.isArray(item) && item[0] === "active");
}

/** Parses and validates a domain; invalid fields and operators raise ValueError like Odoo. */
export function parseDomain(store: Store, model: ModelDef, domain: unknown): DomainNode {
  if (domain === false || domain === null || domain === undefined) return { kind: "constant", value: true };
  if (!Array.isArray(domain)) throw raise.value(`Invalid domain ${pythonRepr(domain)}`);
  let position = 0;
  const syntaxError = () => raise.value(`Domain ${pythonRepr(domain)} is syntactically not correct.`);
  const parseTerm = (): DomainNode => {
    if (position >= domain.length) throw syntaxError();
    const item: unknown = domain[position++];
    if (item === "&" || item === "|") {
      const left = parseTerm();
      const right = parseTerm();
      return { kind: item === "&" ? "and" : "or", left, right };
    }
    if (item === "!") return { kind: "not", operand: parseTerm() };
    return parseLeaf(store, model, item);
  };
  let tree: DomainNode = { kind: "constant", value: true };
  let first = true;
  while (position < domain.length) {
    const term = parseTerm();
    tree = first ? term : { kind: "and", left: tree, right: term };
    first = false;
  }
  return tree;
}

function parseLeaf(store: Store, model: ModelDef, item: unknown): DomainNode {
  if (!Array.isArray(item) || item.length !== 3 || typeof item[1] !== "string") {
    throw raise.value(`Invalid leaf ${pythonRepr(item)}`);
  }
  const [left, rawOperator, value] = item as [unknown, string, unknown];
  // TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1)
  if (typeof left === "number" && rawOperator === "=" && value === 1)
    return { kind: "constant", value: left === 1 };
  const operator = (rawOperator === "<>" ? "!=" : rawOperator.toLowerCase()) as Operator;
  if (typeof left !== "string" || !OPERATORS.includes(operator)) {
    throw raise.value(`Invalid leaf ${pythonRepr(item)}`);
  }
  validatePath(store, model, left, item);
  if ((operator === "any" || operator === "not any") && !isRelational(model, left.split(".")[0]!)) {
    throw raise.value(`Invalid leaf ${pythonRepr(item)}`);
  }
  return { kind: "leaf", path: left, operator, value, source: item };
}

function isRelational(model: ModelDef, fieldName: string): boolean {
  const type = model.fields[fieldName]?.type;
  return type === "many2one" || type === "one2many" || type === "many2many";
}

function validatePath(store: Store, model: ModelDef, path: string, leaf: unknown[]): void {
  const [head, ...rest] = path.split(".");
  const field = model.fields[head!];
  if (!field) throw raise.value(`Invalid field ${model.name}.${head} in leaf ${pythonRepr(leaf, true)}`);
  if (rest.length === 0) return;
  if (!field.relation)
    throw raise.value(`Invalid field ${model.name}.${path} in leaf ${pythonRepr(leaf, true)}`);
  validatePath(store, store.model(field.relation), rest.join("."), leaf);
}

function evaluate(store: Store, model: ModelDef, node: DomainNode, record: StoredRecord): boolean {
  switch (node.kind) {
    case "constant":
      return node.value;
    case "and":
      return evaluate(store, model, node.left, record) && evaluate(store, model, node.right, record);
    case "or":
      return evaluate(store, model, node.left, record) || evaluate(store, model, node.right, record);
    case "not":
      return !evaluate(store, model, node.operand, record);
    case "leaf":
      return evaluateLeaf(store, model, node, record);
  }
}

function evaluateLeaf(
  store: Store,
  model: ModelDef,
  leaf: Extract<DomainNode, { kind: "leaf" }>,
  record: StoredRecord,
): boolean {
  const [head, ...rest] = leaf.path.split(".");
  const field = model.fields[head!]!;
  const raw = store.rawValue(model, record, head!);
  if (rest.length > 0) {
    // A dotted path means "some related record satisfies the rest of the leaf" (Odoo's `any`).
    const comodel = store.model(field.relation!);
    const matching = matchingIds(store, comodel, [[rest.join("."), leaf.operator, leaf.value]]);
    return relatedIds(raw).some((id) => matching.has(id));
  }
  if (field.type === "many2one" || field.type === "one2many" || field.type === "many2many") {
    return evaluateRelational(store, model, field.relation!, head!, raw, leaf);
  }
  if (head === "id" && (leaf.operator === "child_of" || leaf.operator === "parent_of")) {
    return hierarchy(store, model, toIdList(leaf.value), leaf.operator).has(record.id);
  }
  return compareScalar(field.type === "boolean" ? raw === true : raw, leaf.operator, leaf.value, field.type);
}

function relatedIds(raw: unknown): number[] {
  if (typeof raw === "number") return [raw];
  if (Array.isArray(raw)) return raw.filter((id): id is number => typeof id === "number");
  return [];
}

function matchingIds(store: Store, model: ModelDef, domain: unknown): Set<number> {
  return new Set(searchRecords(store, model, domain, { active_test: false }).map((record) => record.id));
}

function toIdList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function evaluateRelational(
  store: Store,
  model: ModelDef,
  relation: string,
  fieldName: string,
  raw: unknown,
  leaf: Extract<DomainNode, { kind: "leaf" }>,
): boolean {
  const ids = relatedIds(raw);
  const comodel = store.model(relation);
  const { operator, value } = leaf;
  const byName = (nameOperator: string, name: unknown) =>
    matchingIds(store, comodel, [["display_name", nameOperator, name]]);
  switch (operator) {
    case "any":
    case "not any": {
      const matching = matchingIds(store, comodel, value);
      const found = ids.some((id) => matching.has(id));
      return operator === "any" ? found : !found;
    }
    case "child_of":
    case "parent_of": {
      const roots = toIdList(value).flatMap((item) =>
        typeof item === "string" ? [...byName("ilike", item)] : [item],
      );
      const family = hierarchy(store, comodel, roots, operator);
      return ids.some((id) => family.has(id));
    }
    case "=?":
      if (value === false || value === null || value === undefined) return true;
      return evaluateRelational(store, model, relation, fieldName, raw, { ...leaf, operator: "=" });
    case "=":
    case "!=": {
      let found: boolean;
      if (value === false || value === null) found = ids.length === 0;
      else if (typeof value === "string") found = ids.some((id) => byName("=", value).has(id));
      else found = ids.includes(value as number);
      return operator === "=" ? found : !found;
    }
    case "in":
    case "not in": {
      const wanted = toIdList(value);
      const names = wanted.filter((item): item is string => typeof item === "string");
      const nameIds = names.length > 0 ? byName("in", names) : new Set<number>();
      const found =
        (wanted.includes(false) && ids.length === 0) ||
        ids.some((id) => wanted.includes(id) || nameIds.has(id));
      return operator === "in" ? found : !found;
    }
    case "like":
    case "ilike":
    case "=like":
    case "=ilike": {
      const matching = byName(operator, value);
      return ids.some((id) => matching.has(id));
    }
    case "not like":
    case "not ilike": {
      const matching = byName(operator.slice(4), value);
      return !ids.some((id) => matching.has(id));
    }
    default: {
      // <, >, <=, >= on a many2one compare the id, as SQL does
      const [first] = ids;
      return first !== undefined && compareScalar(first, operator, value, "integer");
    }
  }
}

/** Ids of `roots` and their descendants (child_of) or ancestors (parent_of) through `parent_id`. */
function hierarchy(
  store: Store,
  model: ModelDef,
  roots: unknown[],
  operator: "child_of" | "parent_of",
): Set<number> {
  const family = new Set(roots.filter((id): id is number => typeof id === "number"));
  if (!model.fields.parent_id) return family;
  const records = store.records(model.name);
  let grown = true;
  while (grown) {
    grown = false;
    for (const record of records) {
      const parent = record.parent_id;
      if (typeof parent !== "number") continue;
      if (operator === "child_of" && family.has(parent) && !family.has(record.id)) {
        family.add(record.id);
        grown = true;
      }
      if (operator === "parent_of" && family.has(record.id) && !family.has(parent)) {
        family.add(parent);
        grown = true;
      }
    }
  }
  return family;
}

function isEmpty(value: unknown): boolean {
  return value === false || value === null || value === undefined || value === "";
}

/** SQL LIKE: `%` any run, `_` one character, backslash escapes. */
function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = "";
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index]!;
    if (character === "\\" && index + 1 < pattern.length) {
      source += pattern[++index]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    } else if (character === "%") source += "[\\s\\S]*";
    else if (character === "_") source += "[\\s\\S]";
    else source += character.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, caseInsensitive ? "iu" : "u");
}

function compareScalar(raw: unknown, operator: Operator, value: unknown, type: string): boolean {
  const empty = type === "boolean" ? false : isEmpty(raw);
  switch (operator) {
    case "=?":
      return isEmpty(value) ? true : compareScalar(raw, "=", value, type);
    case "=":
      if (type === "boolean") return raw === (value === true || value === 1);
      if (value === false || value === null) return empty;
      return !empty && looselyEqual(raw, value);
    case "!=":
      if (type === "boolean") return raw !== (value === true || value === 1);
      if (value === false || value === null) return !empty;
      return empty || !looselyEqual(raw, value);
    case "<":
    case ">":
    case "<=":
    case ">=": {
      if (empty || isEmpty(value)) return false;
      const left = typeof raw === "number" ? raw : String(raw);
      const right = typeof raw === "number" ? Number(value) : String(value);
      if (operator === "<") return left < right;
      if (operator === ">") return left > right;
      if (operator === "<=") return left <= right;
      return left >= right;
    }
    case "in":
    case "not in": {
      const list = toIdList(value);
      const found =
        type === "boolean"
          ? list.some((item) => raw === (item === true || item === 1))
          : empty
            ? list.includes(false) || list.includes(null)
            : list.some((item) => looselyEqual(raw, item));
      return operator === "in" ? found : !found;
    }
    case "like":
    case "ilike":
    case "=like":
    case "=ilike":
    case "not like":
    case "not ilike": {
      const negative = operator.startsWith("not ");
      const base = negative ? operator.slice(4) : operator;
      if (empty) return negative;
      const text = String(value ?? "");
      const pattern = base.startsWith("=") ? text : `%${text}%`;
      const matches = likeToRegExp(pattern, base.endsWith("ilike")).test(String(raw));
      return negative ? !matches : matches;
    }
    default:
      return false;
  }
}

function looselyEqual(raw: unknown, value: unknown): boolean {
  if (typeof raw === "number") return raw === Number(value);
  return String(raw) === String(value);
}
