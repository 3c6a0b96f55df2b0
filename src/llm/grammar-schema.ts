/**
 * Rewrites a JSON schema into the subset node-llama-cpp turns into a GBNF grammar (`GbnfJsonSchema`):
 * `anyOf` becomes `oneOf`, unsupported keywords are dropped, and every string and array gets a length
 * bound, so that a generation closes inside the token budget. What the subset cannot express
 * (patterns, numeric ranges, `$ref`) is left to the argument validation after decoding.
 */

export interface GrammarLimits {
  /** Longest string the grammar allows where the schema sets no smaller `maxLength`; undefined: unbounded. */
  maxStringLength: number | undefined;
  /** Longest array the grammar allows where the schema sets no smaller `maxItems`. */
  maxArrayItems: number;
}

type Schema = Record<string, unknown>;

const PRIMITIVE_TYPES = new Set(["string", "number", "integer", "boolean", "null"]);
const STRING_FORMATS = new Set(["date-time", "time", "date"]);
const MAX_DEPTH = 8;

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
    case "integer":
      return integerSchema(source);
    case "number":
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
  const declaredMax = typeof source.maxLength === "number" ? source.maxLength : Number.POSITIVE_INFINITY;
  const maxLength = Math.min(declaredMax, limits.maxStringLength ?? Number.POSITIVE_INFINITY);
  const minLength = typeof source.minLength === "number" ? Math.min(source.minLength, maxLength) : undefined;
  return {
    type: "string",
    ...(Number.isFinite(maxLength) ? { maxLength } : {}),
    ...(minLength === undefined ? {} : { minLength }),
  };
}

/** Most values of a bounded integer range written out as an enum (which the grammar can enforce). */
const MAX_INTEGER_ENUM = 128;

/** Grammars have no numeric ranges; a small integer range becomes an enum, so it is enforced anyway. */
function integerSchema(source: Schema): Schema {
  const low =
    typeof source.minimum === "number"
      ? Math.ceil(source.minimum)
      : typeof source.exclusiveMinimum === "number"
        ? Math.floor(source.exclusiveMinimum) + 1
        : undefined;
  const high =
    typeof source.maximum === "number"
      ? Math.floor(source.maximum)
      : typeof source.exclusiveMaximum === "number"
        ? Math.ceil(source.exclusiveMaximum) - 1
        : undefined;
  if (low === undefined || high === undefined || high < low || high - low >= MAX_INTEGER_ENUM)
    return { type: "integer" };
  return { enum: Array.from({ length: high - low + 1 }, (_, index) => low + index) };
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

/** Room for the whitespace (a newline and indentation) the grammar allows around each value. */
const WHITESPACE_SLACK = 12;

/**
 * The most characters a value under a converted schema can take: with every string bounded, the grammar
 * closes by itself within this many characters (and so about as many tokens or fewer).
 */
export function maxJsonLength(schema: unknown): number {
  if (schema === null || typeof schema !== "object") return 0;
  const source = schema as Schema;
  if ("const" in source) return JSON.stringify(source.const).length;
  if (Array.isArray(source.enum))
    return Math.max(0, ...source.enum.map((value) => JSON.stringify(value).length));
  if (Array.isArray(source.oneOf)) return Math.max(0, ...source.oneOf.map(maxJsonLength));
  const types = Array.isArray(source.type) ? source.type : [source.type];
  return Math.max(
    0,
    ...types.map((type) => {
      switch (type) {
        case "string":
          return typeof source.format === "string"
            ? 32
            : typeof source.maxLength === "number"
              ? source.maxLength + 2
              : Number.POSITIVE_INFINITY;
        case "number":
          return 45;
        case "integer":
          return 25;
        case "boolean":
          return 5;
        case "null":
          return 4;
        case "array": {
          const items = typeof source.maxItems === "number" ? source.maxItems : Number.POSITIVE_INFINITY;
          return 2 + items * (maxJsonLength(source.items) + WHITESPACE_SLACK);
        }
        case "object": {
          const properties = (source.properties ?? {}) as Record<string, unknown>;
          let total = 2 + WHITESPACE_SLACK;
          for (const [name, value] of Object.entries(properties))
            total += name.length + 4 + WHITESPACE_SLACK + maxJsonLength(value);
          return total;
        }
        default:
          return Number.POSITIVE_INFINITY;
      }
    }),
  );
}
