/**
 * The XML-RPC wire format, server side: parse a `<methodCall>` and write a `<methodResponse>` the
 * way Python's `xmlrpc.client` (which Odoo uses) writes it.
 *
 * Written independently of the product's client on purpose, so that a misreading of the format on
 * one side is not mirrored on the other. Spec: http://xmlrpc.com/spec.md; Python's marshaller:
 * https://docs.python.org/3/library/xmlrpc.client.html.
 */

import { PythonException } from "./errors.js";
import { PyFloat } from "./python.js";

/** A decoded XML-RPC value. `<nil/>` decodes to null; dates decode to their ISO text. */
export type XmlRpcValue = null | boolean | number | string | XmlRpcValue[] | { [key: string]: XmlRpcValue };

/** A parsed `<methodCall>`. */
export interface MethodCall {
  methodName: string;
  params: XmlRpcValue[];
}

interface XmlElement {
  tag: string;
  children: XmlElement[];
  text: string;
}

/** Parses the body of an XML-RPC request; malformed XML raises an ExpatError like Python's parser. */
export function parseMethodCall(body: string): MethodCall {
  const root = parseXml(body);
  if (root.tag !== "methodCall") throw expat(`unexpected root element <${root.tag}>`);
  const nameElement = root.children.find((child) => child.tag === "methodName");
  if (!nameElement) throw expat("missing <methodName>");
  const paramsElement = root.children.find((child) => child.tag === "params");
  const params = (paramsElement?.children ?? [])
    .filter((child) => child.tag === "param")
    .map((param) => {
      const valueElement = param.children.find((child) => child.tag === "value");
      if (!valueElement) throw expat("<param> without <value>");
      return decodeValue(valueElement);
    });
  return { methodName: nameElement.text.trim(), params };
}

/** A parsed `<methodResponse>`: the value, or the fault's code and string. Used by the fake's tests. */
export type MethodResponse =
  | { kind: "result"; value: XmlRpcValue }
  | { kind: "fault"; faultCode: number; faultString: string };

export function parseMethodResponse(body: string): MethodResponse {
  const root = parseXml(body);
  if (root.tag !== "methodResponse") throw expat(`unexpected root element <${root.tag}>`);
  const fault = root.children.find((child) => child.tag === "fault");
  if (fault) {
    const valueElement = fault.children.find((child) => child.tag === "value");
    const value = valueElement ? decodeValue(valueElement) : null;
    const struct = (value ?? {}) as { faultCode?: unknown; faultString?: unknown };
    return { kind: "fault", faultCode: Number(struct.faultCode), faultString: String(struct.faultString) };
  }
  const param = root.children
    .find((child) => child.tag === "params")
    ?.children.find((child) => child.tag === "param");
  const valueElement = param?.children.find((child) => child.tag === "value");
  if (!valueElement) throw expat("<methodResponse> without a value");
  return { kind: "result", value: decodeValue(valueElement) };
}

function decodeValue(valueElement: XmlElement): XmlRpcValue {
  const typed = valueElement.children[0];
  if (!typed) return valueElement.text; // a bare <value>text</value> is a string
  switch (typed.tag) {
    case "int":
    case "i4":
    case "i8":
    case "i1":
    case "i2":
    case "biginteger": {
      const parsed = Number.parseInt(typed.text.trim(), 10);
      if (Number.isNaN(parsed))
        throw new PythonException("ValueError", `invalid literal for int(): ${typed.text}`);
      return parsed;
    }
    case "boolean": {
      const text = typed.text.trim();
      if (text !== "0" && text !== "1") throw new PythonException("TypeError", "bad boolean value");
      return text === "1";
    }
    case "double":
    case "float":
      return Number.parseFloat(typed.text.trim());
    case "string":
      return typed.text;
    case "base64":
      return typed.text.trim();
    case "dateTime.iso8601": {
      const match = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(typed.text.trim());
      if (!match) return typed.text.trim();
      return `${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]}:${match[6]}`;
    }
    case "nil":
      return null;
    case "array": {
      const data = typed.children.find((child) => child.tag === "data");
      return (data?.children ?? []).filter((child) => child.tag === "value").map(decodeValue);
    }
    case "struct": {
      const struct: { [key: string]: XmlRpcValue } = {};
      for (const member of typed.children.filter((child) => child.tag === "member")) {
        const name = member.children.find((child) => child.tag === "name");
        const value = member.children.find((child) => child.tag === "value");
        if (!name || !value) throw expat("<member> needs <name> and <value>");
        struct[name.text] = decodeValue(value);
      }
      return struct;
    }
    default:
      throw new PythonException("TypeError", `unknown XML-RPC tag <${typed.tag}>`);
  }
}

function expat(detail: string): PythonException {
  return new PythonException("ExpatError", `not well-formed (invalid token): ${detail}`);
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    const decoded = ENTITIES[entity];
    if (decoded === undefined) throw expat(`undefined entity ${whole}`);
    return decoded;
  });
}

/** A minimal XML reader: elements, text, entities, CDATA; declarations, comments and attributes skipped. */
function parseXml(source: string): XmlElement {
  let position = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  const skipUntil = (marker: string): void => {
    const end = source.indexOf(marker, position);
    if (end < 0) throw expat(`unterminated construct at offset ${position}`);
    position = end + marker.length;
  };

  while (position < source.length) {
    const next = source.indexOf("<", position);
    const textEnd = next < 0 ? source.length : next;
    if (textEnd > position) {
      const text = source.slice(position, textEnd);
      const current = stack[stack.length - 1];
      if (current) current.text += decodeEntities(text);
      else if (text.trim() !== "") throw expat(`text outside the root element at offset ${position}`);
      position = textEnd;
      continue;
    }
    if (source.startsWith("<?", position)) {
      skipUntil("?>");
    } else if (source.startsWith("<!--", position)) {
      skipUntil("-->");
    } else if (source.startsWith("<![CDATA[", position)) {
      const start = position + 9;
      skipUntil("]]>");
      const current = stack[stack.length - 1];
      if (!current) throw expat("CDATA outside the root element");
      current.text += source.slice(start, position - 3);
    } else if (source.startsWith("<!", position)) {
      skipUntil(">");
    } else if (source.startsWith("</", position)) {
      const end = source.indexOf(">", position);
      if (end < 0) throw expat("unterminated closing tag");
      const tag = source.slice(position + 2, end).trim();
      const open = stack.pop();
      if (!open || open.tag !== tag) throw expat(`mismatched tag </${tag}> at offset ${position}`);
      position = end + 1;
      if (stack.length === 0) root = open;
    } else {
      const end = source.indexOf(">", position);
      if (end < 0) throw expat("unterminated tag");
      let inner = source.slice(position + 1, end);
      const selfClosing = inner.endsWith("/");
      if (selfClosing) inner = inner.slice(0, -1);
      const tag = inner.trim().split(/\s+/)[0] ?? "";
      if (!/^[A-Za-z_][\w.:-]*$/.test(tag)) throw expat(`bad tag name at offset ${position}`);
      if (root) throw expat("junk after document element");
      const element: XmlElement = { tag, children: [], text: "" };
      stack[stack.length - 1]?.children.push(element);
      position = end + 1;
      if (selfClosing) {
        if (stack.length === 0) root = element;
      } else {
        stack.push(element);
      }
    }
  }
  if (stack.length > 0 || !root) throw expat("no element found");
  return root;
}

/** Python's `xml.sax.saxutils.escape`, and Odoo's removal of control characters XML 1.0 forbids. */
function escapeText(text: string): string {
  let kept = "";
  for (const character of text) {
    const code = character.charCodeAt(0);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) continue;
    kept += character;
  }
  return kept.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Serialises one value the way `xmlrpc.client.Marshaller(allow_none=False)` does. */
export function encodeValue(value: unknown): string {
  if (value === null || value === undefined) {
    throw new PythonException("TypeError", "cannot marshal None unless allow_none is enabled");
  }
  if (typeof value === "boolean") return `<value><boolean>${value ? 1 : 0}</boolean></value>`;
  if (value instanceof PyFloat) return `<value><double>${value.toString()}</double></value>`;
  if (typeof value === "number") {
    if (Number.isInteger(value)) return `<value><int>${value}</int></value>`;
    return `<value><double>${value}</double></value>`;
  }
  if (typeof value === "string") return `<value><string>${escapeText(value)}</string></value>`;
  if (Array.isArray(value)) {
    return `<value><array><data>\n${value.map(encodeValue).join("\n")}\n</data></array></value>`;
  }
  if (typeof value === "object") {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .map(([name, item]) => `<member>\n<name>${escapeText(name)}</name>\n${encodeValue(item)}\n</member>`)
      .join("\n");
    return `<value><struct>\n${members}\n</struct></value>`;
  }
  throw new PythonException("TypeError", `cannot marshal ${typeof value} objects`);
}

/** A successful `<methodResponse>` carrying one value, as Odoo's `dumps((result,))` writes it. */
export function encodeResponse(result: unknown): string {
  return `<?xml version="1.0"?>\n<methodResponse>\n<params>\n<param>\n${encodeValue(result)}\n</param>\n</params>\n</methodResponse>\n`;
}

/** A `<fault>` response, as Odoo's `dumps(xmlrpc.client.Fault(code, string))` writes it. */
export function encodeFault(faultCode: number, faultString: string): string {
  const struct = encodeValue({ faultCode, faultString });
  return `<?xml version="1.0"?>\n<methodResponse>\n<fault>\n${struct}\n</fault>\n</methodResponse>\n`;
}
