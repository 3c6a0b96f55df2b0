/**
 * Structured filters → an Odoo domain, checked before anything reaches Odoo. A filter is
 * `[field, operator, value]` (or `{campo, operador, valor}`), the filters are joined with AND, fields
 * must exist on the model in this version (`fields_get`), one dotted step is allowed through a
 * relational field (`partner_id.name`), operators come from a fixed list, values must fit the field.
 * Text is never parsed as a domain: a bad filter is an error, never "all records".
 */
import { type LocalisedText, localised } from "../i18n/localised.js";
import type { FieldInfo, FieldMap } from "./field-policy.js";
import { isDeniedField } from "./field-policy.js";
import type { Domain } from "./odoo-client.js";
import { OdooError } from "./odoo-error.js";

export type FilterValue = string | number | boolean | null | Array<string | number | boolean>;

export type Filter = [string, string, FilterValue] | { campo: string; operador: string; valor: FilterValue };

export const OPERATORS = [
  "=",
  "!=",
  ">",
  ">=",
  "<",
  "<=",
  "like",
  "not like",
  "ilike",
  "not ilike",
  "=like",
  "=ilike",
  "in",
  "not in",
] as const;

/** Spellings small models produce, mapped to Odoo's operator. */
const OPERATOR_ALIASES: Record<string, string> = {
  "==": "=",
  "<>": "!=",
  contains: "ilike",
  contiene: "ilike",
  "not contains": "not ilike",
  "no contiene": "not ilike",
};

const TEXT_OPERATORS = new Set(["like", "not like", "ilike", "not ilike", "=like", "=ilike"]);
const ORDER_OPERATORS = new Set([">", ">=", "<", "<="]);
const LIST_OPERATORS = new Set(["in", "not in"]);
const RELATIONAL = new Set(["many2one", "one2many", "many2many"]);
const NUMERIC = new Set(["integer", "float", "monetary"]);
const TEXTUAL = new Set(["char", "text", "html", "selection"]);

export const MAX_FILTERS = 10;

/** Looks up a model's fields (the client's `fields`, already allowlist-checked). */
export type FieldsOf = (model: string) => Promise<FieldMap>;

export async function buildDomain(
  model: string,
  filters: readonly Filter[],
  fieldsOf: FieldsOf,
): Promise<Domain> {
  if (filters.length > MAX_FILTERS) {
    throw badFilter(
      localised("errorsOdooTools.tooManyFilters", { count: filters.length, max: MAX_FILTERS }),
      localised("errorsOdooTools.tooManyFiltersHint"),
    );
  }
  const domain: Domain = [];
  for (const filter of filters) {
    const [path, rawOperator, value] = Array.isArray(filter)
      ? filter
      : [filter.campo, filter.operador, filter.valor];
    const operator = normaliseOperator(rawOperator);
    const field = await resolveField(model, path, fieldsOf);
    domain.push([path, operator, checkValue(path, field, operator, value)]);
  }
  return domain;
}

function normaliseOperator(raw: string): string {
  const lowered = raw.trim().toLowerCase().replace(/\s+/g, " ");
  const operator = OPERATOR_ALIASES[lowered] ?? lowered;
  if (!(OPERATORS as readonly string[]).includes(operator)) {
    throw badFilter(
      localised("errorsOdooTools.badOperator", { operator: raw }),
      localised("errorsOdooTools.useOneOf", { values: OPERATORS.join(", ") }),
    );
  }
  return operator;
}

async function resolveField(model: string, path: string, fieldsOf: FieldsOf): Promise<FieldInfo> {
  const steps = path.split(".");
  if (steps.length > 2 || steps.some((step) => !/^[a-z_][a-z0-9_]*$/.test(step))) {
    throw badFilter(
      localised("errorsOdooTools.notFieldName", { path }),
      localised("errorsOdooTools.notFieldNameHint"),
    );
  }
  const [first, second] = steps as [string, string | undefined];
  const fields = await fieldsOf(model);
  const info = lookUp(model, first, fields);
  if (second === undefined) return info;
  if (!RELATIONAL.has(info.type) || info.relation === undefined) {
    throw badFilter(
      localised("errorsOdooTools.notRelation", { field: first, model, path }),
      localised("errorsOdooTools.notRelationHint"),
    );
  }
  let related: FieldMap;
  try {
    related = await fieldsOf(info.relation);
  } catch (error) {
    if (error instanceof OdooError && error.kind === "not-allowed") {
      throw badFilter(
        localised("errorsOdooTools.relationNotAllowed", { path, model: info.relation }),
        localised("errorsOdooTools.relationNotAllowedHint", { field: first }),
      );
    }
    throw error;
  }
  return lookUp(info.relation, second, related);
}

function lookUp(model: string, name: string, fields: FieldMap): FieldInfo {
  if (isDeniedField(name)) {
    throw new OdooError("not-allowed", localised("errorsOdooTools.protectedFilter", { field: name, model }), {
      hint: localised("errorsOdooTools.leaveFilterOut"),
    });
  }
  // Own properties only: `__proto__`, `constructor` or `toString` are not fields of any model.
  const info = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (info === undefined) {
    const close = Object.keys(fields)
      .filter((candidate) => candidate.includes(name) || name.includes(candidate.replace(/_ids?$/, "")))
      .slice(0, 5);
    const suggestion =
      close.length > 0
        ? localised("errorsOdooTools.didYouMean", { fields: close.join(", ") })
        : localised("errorsOdooTools.checkFieldName");
    throw new OdooError("unknown-field", localised("errorsOdoo.unknownField", { field: name, model }), {
      hint: suggestion,
    });
  }
  return info;
}

function checkValue(path: string, field: FieldInfo, operator: string, value: FilterValue): unknown {
  if (LIST_OPERATORS.has(operator)) {
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) => checkScalar(path, field, "=", item));
  }
  if (Array.isArray(value)) {
    throw badFilter(
      localised("errorsOdooTools.oneValue", { operator, path }),
      localised("errorsOdooTools.oneValueHint"),
    );
  }
  return checkScalar(path, field, operator, value);
}

function checkScalar(
  path: string,
  field: FieldInfo,
  operator: string,
  value: string | number | boolean | null,
): unknown {
  // Odoo spells "not set" as false.
  if (value === null || value === false) {
    if (operator === "=" || operator === "!=") return false;
    if (field.type !== "boolean")
      throw badFilter(
        localised("errorsOdooTools.needsValue", { operator, path }),
        localised("errorsOdooTools.needsValueHint"),
      );
  }
  if (TEXT_OPERATORS.has(operator)) {
    if (typeof value !== "string")
      throw badFilter(
        localised("errorsOdooTools.needsText", { operator, path }),
        localised("errorsOdooTools.needsTextHint"),
      );
    if (NUMERIC.has(field.type) || field.type === "boolean") {
      throw badFilter(
        localised("errorsOdooTools.textOnly", { path, type: field.type, operator }),
        localised("errorsOdooTools.textOnlyHint"),
      );
    }
    return value;
  }
  switch (field.type) {
    case "boolean":
      if (typeof value !== "boolean" && value !== null) {
        throw badFilter(
          localised("errorsOdooTools.notBoolean", { path, value: JSON.stringify(value) }),
          localised("errorsOdooTools.notBooleanHint"),
        );
      }
      if (ORDER_OPERATORS.has(operator))
        throw badFilter(
          localised("errorsOdooTools.orderOnBoolean", { operator, path }),
          localised("errorsOdooTools.orderOnBooleanHint"),
        );
      return value ?? false;
    case "integer":
    case "float":
    case "monetary":
      return toNumber(path, value);
    case "many2one":
    case "one2many":
    case "many2many":
      if (typeof value === "number") return value;
      if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
      if (typeof value === "string") return value;
      throw badFilter(
        localised("errorsOdooTools.needsRecord", { path }),
        localised("errorsOdooTools.needsRecordHint", { path }),
      );
    case "date":
    case "datetime":
      if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/.test(value)) {
        throw badFilter(
          localised("errorsOdooTools.notDate", { path, value: JSON.stringify(value) }),
          localised("errorsOdooTools.notDateHint"),
        );
      }
      return field.type === "datetime" && value.length === 10 ? `${value} 00:00:00` : value.replace("T", " ");
    case "selection": {
      const keys = (field.selection ?? []).map(([key]) => key);
      if (typeof value !== "string" || (keys.length > 0 && !keys.includes(value))) {
        throw badFilter(
          localised("errorsOdooTools.notChoice", { path, value: JSON.stringify(value) }),
          localised("errorsOdooTools.useOneOf", { values: keys.join(", ") }),
        );
      }
      return value;
    }
    default:
      if (TEXTUAL.has(field.type) && typeof value !== "string") return String(value);
      return value;
  }
}

function toNumber(path: string, value: string | number | boolean | null): number {
  const number = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  if (Number.isNaN(number) || (typeof value === "string" && value.trim() === "")) {
    throw badFilter(
      localised("errorsOdooTools.notNumber", { path, value: JSON.stringify(value) }),
      localised("errorsOdooTools.notNumberHint"),
    );
  }
  return number;
}

function badFilter(message: LocalisedText, hint: LocalisedText): OdooError {
  return new OdooError("bad-filter", message, { hint });
}
