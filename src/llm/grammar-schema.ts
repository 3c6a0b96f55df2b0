/**
 * Rewrites a JSON schema into the subset node-llama-cpp turns into a GBNF grammar (`GbnfJsonSchema`):
 * `anyOf` becomes `oneOf`, unsupported keywords are dropped, and every string and array gets a length
 * bound where it is cheap, so that a generation stays inside the token budget. What the subset cannot express
 * (patterns, numeric ranges, `$ref`) is left to the argument validation after decoding.
 */

export interface GrammarLimits {
  /**
   * Longest string the grammar allows where the schema sets no smaller `maxLength`; undefined leaves strings
   * unbounded. A bound is costly: llama.cpp checks every vocabulary token against each optional position.
   */
  maxStringLength: number | undefined;
  /** Longest array the grammar allows where the schema sets no smaller `maxItems`. */
  maxArrayItems: number;
}

type Schema = Record<string, unknown>;

const PRIMITIVE_TYPES = new Set(["string", "number", "integer", "boolean", "null"]);
const STRING_FORMATS = new Set(["date-time", "time", "date"]);
const MAX_DEPTH = 8;
/** Declared `maxLength`s up to this are kept in the grammar. */
const CHEAP_MAX_LENGTH = 64;

export function toGrammarSchema(schema: unknown, limits: GrammarLimits, depth = 0): Schema {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema) || depth > MAX_DEPTH)
    return boundedAny(limits);
  const source = schema as Schema;
  if ("const" in source && isScalar(source.const)) return { const: source.const };
  if (Array.isArray(source.enum)) {
    const values = source.enum.filter(isScalar);
    if (values.length > 0) return { enum: values };
  }
  const alternatives = Array.isArray(source.anyOf)
    ? source.anyOf
    : Array.isArray(source.oneOf)
      ? source.oneOf
      : undefined;
  if (alternatives !== undefined && alternatives.length > 0) {
    return {
      oneOf: alternatives.map((alternative) =>
        toGrammarSchema(mergeSiblings(source, alternative), limits, depth + 1),
      ),
    };
  }
  const type = source.type;
  if (Array.isArray(type)) {
    const types = type.filter((entry): entry is string => typeof entry === "string");
    if (types.length > 0 && types.every((entry) => PRIMITIVE_TYPES.has(entry) && entry !== "string"))
      return { type: types };
    return { oneOf: types.map((entry) => toGrammarSchema({ ...source, type: entry }, limits, depth + 1)) };
  }
  switch (type) {
    case "string":
      return stringSchema(source, limits);
    case "number":
    case "integer":
    case "boolean":
    case "null":
      return { type };
    case "array":
      return arraySchema(source, limits, depth);
    case "object":
      return objectSchema(source, limits, depth);
    default:
      if (source.properties !== undefined) return objectSchema({ ...source, type: "object" }, limits, depth);
      return boundedAny(limits);
  }
}

function stringSchema(source: Schema, limits: GrammarLimits): Schema {
  if (typeof source.format === "string" && STRING_FORMATS.has(source.format))
    return { type: "string", format: source.format };
  // A long declared bound costs more decoding time than it protects: leave it to argument validation.
  const declaredMax =
    typeof source.maxLength === "number" && source.maxLength <= CHEAP_MAX_LENGTH
      ? source.maxLength
      : Number.POSITIVE_INFINITY;
  const maxLength = Math.min(declaredMax, limits.maxStringLength ?? Number.POSITIVE_INFINITY);
  const minLength = typeof source.minLength === "number" ? Math.min(source.minLength, maxLength) : undefined;
  return {
    type: "string",
    ...(Number.isFinite(maxLength) ? { maxLength } : {}),
    ...(minLength === undefined ? {} : { minLength }),
  };
}

function arraySchema(source: Schema, limits: GrammarLimits, depth: number): Schema {
  const declaredMax = typeof source.maxItems === "number" ? source.maxItems : Number.POSITIVE_INFINITY;
  const maxItems = Math.min(declaredMax, limits.maxArrayItems);
  const minItems = typeof source.minItems === "number" ? Math.min(source.minItems, maxItems) : 0;
  return { type: "array", items: toGrammarSchema(source.items, limits, depth + 1), minItems, maxItems };
}

function objectSchema(source: Schema, limits: GrammarLimits, depth: number): Schema {
  const properties: Record<string, Schema> = {};
  const sourceProperties =
    source.properties !== null && typeof source.properties === "object" ? (source.properties as Schema) : {};
  for (const [name, value] of Object.entries(sourceProperties))
    properties[name] = toGrammarSchema(value, limits, depth + 1);
  const required = Array.isArray(source.required)
    ? source.required.filter((name): name is string => typeof name === "string" && name in properties)
    : [];
  // Extra keys are never useful to a tool and are where small models invent fields: forbid them.
  return { type: "object", properties, required, additionalProperties: false };
}

/** What an unconstrained value becomes: any bounded scalar (free-form nested JSON would be unbounded). */
function boundedAny(limits: GrammarLimits): Schema {
  return {
    oneOf: [stringSchema({}, limits), { type: ["number", "boolean", "null"] }],
  };
}

/** `{type: "object", anyOf: [{required: [...]}, ...]}`: each alternative inherits the outer keywords. */
function mergeSiblings(outer: Schema, alternative: unknown): unknown {
  if (alternative === null || typeof alternative !== "object") return alternative;
  const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = outer;
  return { ...rest, ...(alternative as Schema) };
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}
