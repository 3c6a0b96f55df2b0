/**
 * Small pieces of Python behaviour the fake needs to answer the way Odoo does: `repr()` for error
 * messages, and a float marker so that XML-RPC answers `<double>1500.0</double>` for a float field
 * where Python would, even when the JavaScript number happens to be whole.
 */

/** A number that Python holds as a `float`. Serialises to JSON as a plain number. */
export class PyFloat {
  constructor(readonly value: number) {}

  toJSON(): number {
    return this.value;
  }

  /** Python's `repr(float)`: whole numbers keep a `.0`. */
  toString(): string {
    return Number.isInteger(this.value) ? `${this.value}.0` : String(this.value);
  }
}

/** Python's `repr()` of a value decoded from XML-RPC or JSON (lists print as lists, tuples as tuples). */
export function pythonRepr(value: unknown, asTuple = false): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (value instanceof PyFloat) return value.toString();
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return pythonStringRepr(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => pythonRepr(item));
    if (asTuple) return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    return `[${items.join(", ")}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([key, item]) => `${pythonStringRepr(key)}: ${pythonRepr(item)}`,
    );
    return `{${entries.join(", ")}}`;
  }
  return String(value);
}

function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text
    .replace(/\\/g, "\\\\")
    .replace(/\n/g, "\\n")
    .replace(/\t/g, "\\t")
    .replace(new RegExp(quote, "g"), `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}
