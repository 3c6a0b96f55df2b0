/**
 * A small XML-RPC codec (http://xmlrpc.com/spec.md) for what Odoo's `/xmlrpc/2/*` endpoints send and
 * accept: int/i4/i8, double, boolean, string, nil, array, struct, dateTime.iso8601 and base64 (both
 * kept as strings). Parsing is done by xmldom; this file only maps elements to values.
 */
import { DOMParser, type Element } from "@xmldom/xmldom";

export type XmlRpcValue = string | number | boolean | null | XmlRpcValue[] | { [key: string]: XmlRpcValue };

export type XmlRpcResponse =
  | { kind: "value"; value: XmlRpcValue }
  | { kind: "fault"; faultCode: number; faultString: string };

/** Thrown when a body is not a well-formed XML-RPC document. */
export class XmlRpcFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The `<methodCall>` document for `method(...params)`. */
export function encodeMethodCall(method: string, params: readonly unknown[]): string {
  const encodedParams = params.map((param) => `<param>${encodeValue(param)}</param>`).join("");
  return `<?xml version="1.0"?><methodCall><methodName>${escapeXml(method)}</methodName><params>${encodedParams}</params></methodCall>`;
}

/** The `<methodResponse>` document for one value or a fault (used by tests and fakes). */
export function encodeMethodResponse(response: XmlRpcResponse): string {
  if (response.kind === "fault") {
    const fault = encodeValue({ faultCode: response.faultCode, faultString: response.faultString });
    return `<?xml version="1.0"?><methodResponse><fault>${fault}</fault></methodResponse>`;
  }
  return `<?xml version="1.0"?><methodResponse><params><param>${encodeValue(response.value)}</param></params></methodResponse>`;
}

export function encodeValue(value: unknown): string {
  return `<value>${encodeInner(value)}</value>`;
}

function encodeInner(value: unknown): string {
  if (value === null || value === undefined) return "<nil/>";
  if (typeof value === "boolean") return `<boolean>${value ? 1 : 0}</boolean>`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`XML-RPC cannot carry the number ${value}`);
    if (Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) return `<int>${value}</int>`;
    return `<double>${value}</double>`;
  }
  if (typeof value === "string") return `<string>${escapeXml(value)}</string>`;
  if (value instanceof Date) return `<dateTime.iso8601>${formatDateTime(value)}</dateTime.iso8601>`;
  if (Array.isArray(value)) return `<array><data>${value.map(encodeValue).join("")}</data></array>`;
  if (typeof value === "object") {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .map(([name, member]) => `<member><name>${escapeXml(name)}</name>${encodeValue(member)}</member>`)
      .join("");
    return `<struct>${members}</struct>`;
  }
  throw new TypeError(`XML-RPC cannot carry a value of type ${typeof value}`);
}

/** Parses a `<methodResponse>` into its one value or its fault. */
export function decodeMethodResponse(xml: string): XmlRpcResponse {
  const root = parseDocument(xml);
  if (root.tagName !== "methodResponse")
    throw new XmlRpcFormatError(`expected <methodResponse>, got <${root.tagName}>`);
  const body = onlyChild(root, "methodResponse");
  if (body.tagName === "fault") {
    const fault = decodeValue(onlyChild(body, "fault"));
    if (fault === null || typeof fault !== "object" || Array.isArray(fault)) {
      throw new XmlRpcFormatError("a <fault> must hold a struct");
    }
    const faultCode = typeof fault.faultCode === "number" ? fault.faultCode : Number(fault.faultCode);
    return { kind: "fault", faultCode, faultString: String(fault.faultString ?? "") };
  }
  if (body.tagName !== "params")
    throw new XmlRpcFormatError(`unexpected <${body.tagName}> in <methodResponse>`);
  const param = onlyChild(body, "params");
  return { kind: "value", value: decodeValue(onlyChild(param, "param")) };
}

/** Parses a `<methodCall>` (used by tests and fakes). */
export function decodeMethodCall(xml: string): { method: string; params: XmlRpcValue[] } {
  const root = parseDocument(xml);
  if (root.tagName !== "methodCall")
    throw new XmlRpcFormatError(`expected <methodCall>, got <${root.tagName}>`);
  const children = elementChildren(root);
  const nameElement = children.find((child) => child.tagName === "methodName");
  if (nameElement === undefined) throw new XmlRpcFormatError("<methodCall> without <methodName>");
  const paramsElement = children.find((child) => child.tagName === "params");
  const params =
    paramsElement === undefined
      ? []
      : elementChildren(paramsElement).map((param) => decodeValue(onlyChild(param, "param")));
  return { method: (nameElement.textContent ?? "").trim(), params };
}

function parseDocument(xml: string): Element {
  let documentElement: Element | null;
  try {
    const parser = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") throw new XmlRpcFormatError(`malformed XML: ${firstLine(message)}`);
      },
    });
    documentElement = parser.parseFromString(xml, "text/xml").documentElement;
  } catch (error) {
    if (error instanceof XmlRpcFormatError) throw error;
    throw new XmlRpcFormatError(
      `malformed XML: ${firstLine(error instanceof Error ? error.message : String(error))}`,
    );
  }
  if (documentElement === null) throw new XmlRpcFormatError("empty XML document");
  return documentElement;
}

function decodeValue(valueElement: Element): XmlRpcValue {
  if (valueElement.tagName !== "value")
    throw new XmlRpcFormatError(`expected <value>, got <${valueElement.tagName}>`);
  const children = elementChildren(valueElement);
  const typed = children[0];
  // A <value> without a type element is a string (spec: "If no type is indicated, the type is string").
  if (typed === undefined) return valueElement.textContent ?? "";
  const text = typed.textContent ?? "";
  switch (typed.tagName) {
    case "int":
    case "i4":
    case "i8":
      return parseNumber(text, typed.tagName, true);
    case "double":
      return parseNumber(text, "double", false);
    case "boolean": {
      const trimmed = text.trim();
      if (trimmed === "1") return true;
      if (trimmed === "0") return false;
      throw new XmlRpcFormatError(`bad boolean ${JSON.stringify(trimmed)}`);
    }
    case "string":
    case "dateTime.iso8601":
      return text;
    case "base64":
      return text.trim();
    case "nil":
      return null;
    case "array": {
      const data = onlyChild(typed, "array");
      if (data.tagName !== "data") throw new XmlRpcFormatError("an <array> must hold <data>");
      return elementChildren(data).map(decodeValue);
    }
    case "struct": {
      const result: Record<string, XmlRpcValue> = {};
      for (const member of elementChildren(typed)) {
        const parts = elementChildren(member);
        const name = parts.find((part) => part.tagName === "name");
        const value = parts.find((part) => part.tagName === "value");
        if (name === undefined || value === undefined)
          throw new XmlRpcFormatError("a <member> needs <name> and <value>");
        result[name.textContent ?? ""] = decodeValue(value);
      }
      return result;
    }
    default:
      throw new XmlRpcFormatError(`unknown XML-RPC type <${typed.tagName}>`);
  }
}

function parseNumber(text: string, tagName: string, integer: boolean): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === "" || Number.isNaN(value) || (integer && !Number.isInteger(value))) {
    throw new XmlRpcFormatError(`bad <${tagName}> ${JSON.stringify(trimmed)}`);
  }
  return value;
}

function elementChildren(element: Element): Element[] {
  const result: Element[] = [];
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1) result.push(node as Element);
  }
  return result;
}

function onlyChild(element: Element, where: string): Element {
  const [first] = elementChildren(element);
  if (first === undefined) throw new XmlRpcFormatError(`empty <${where}>`);
  return first;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function formatDateTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-]/g, "")
    .replace(/\.\d{3}Z$/, "");
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
