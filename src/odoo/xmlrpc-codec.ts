/**
 * A small XML-RPC codec (http://xmlrpc.com/spec.md) for what Odoo's `/xmlrpc/2/*` endpoints send and
 * accept: int/i4/i8, double, boolean, string, nil, array, struct, dateTime.iso8601 and base64 (both
 * kept as strings). Tokenising is done by htmlparser2 in XML mode; this file builds values as elements close.
 */
import { Parser } from "htmlparser2";

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
  const document = parseDocument(xml, "methodResponse");
  if (document.fault !== undefined) {
    const fault = document.fault;
    if (fault === null || typeof fault !== "object" || Array.isArray(fault)) {
      throw new XmlRpcFormatError("a <fault> must hold a struct");
    }
    const faultCode = typeof fault.faultCode === "number" ? fault.faultCode : Number(fault.faultCode);
    return { kind: "fault", faultCode, faultString: String(fault.faultString ?? "") };
  }
  const [value] = document.params;
  if (value === undefined || document.params.length !== 1) {
    throw new XmlRpcFormatError("a <methodResponse> must hold exactly one <param> or a <fault>");
  }
  return { kind: "value", value };
}

/** Parses a `<methodCall>` (used by tests and fakes). */
export function decodeMethodCall(xml: string): { method: string; params: XmlRpcValue[] } {
  const document = parseDocument(xml, "methodCall");
  if (document.methodName === undefined) throw new XmlRpcFormatError("<methodCall> without <methodName>");
  return { method: document.methodName.trim(), params: document.params };
}

interface ParsedDocument {
  root: string;
  methodName?: string;
  params: XmlRpcValue[];
  fault?: XmlRpcValue;
}

/** One open element while parsing; the fields used depend on the tag. */
interface Frame {
  tag: string;
  text: string;
  /** A `<value>`'s typed content, once its child element closed. */
  typed?: { value: XmlRpcValue };
  /** `<data>`'s items. */
  items?: XmlRpcValue[];
  /** `<struct>`'s members. */
  members?: Record<string, XmlRpcValue>;
  /** `<member>`'s name and value. */
  name?: string;
  value?: { value: XmlRpcValue };
}

const SCALAR_TAGS = new Set([
  "int",
  "i4",
  "i8",
  "double",
  "boolean",
  "string",
  "dateTime.iso8601",
  "base64",
  "nil",
]);
const STRUCTURE_TAGS = new Set([
  "methodResponse",
  "methodCall",
  "methodName",
  "params",
  "param",
  "fault",
  "value",
  "array",
  "data",
  "struct",
  "member",
  "name",
]);

/**
 * A streaming parse with htmlparser2 (XML mode, entities decoded): values are built as elements close,
 * so a 100-record answer costs one pass and no DOM. Unknown or misplaced elements are errors.
 */
function parseDocument(xml: string, expectedRoot: "methodResponse" | "methodCall"): ParsedDocument {
  const document: ParsedDocument = { root: "", params: [] };
  const stack: Frame[] = [];
  let problem: string | undefined;
  const fail = (message: string) => {
    problem ??= message;
  };
  const parser = new Parser(
    {
      onopentag(tag) {
        if (problem !== undefined) return;
        const parent = stack.at(-1);
        if (parent === undefined) {
          if (document.root !== "") return fail("more than one root element");
          document.root = tag;
          if (tag !== expectedRoot) return fail(`expected <${expectedRoot}>, got <${tag}>`);
        } else if (SCALAR_TAGS.has(parent.tag) || parent.tag === "name" || parent.tag === "methodName") {
          return fail(`<${tag}> inside <${parent.tag}>`);
        }
        if (!SCALAR_TAGS.has(tag) && !STRUCTURE_TAGS.has(tag)) return fail(`unknown XML-RPC type <${tag}>`);
        const frame: Frame = { tag, text: "" };
        if (tag === "data") frame.items = [];
        if (tag === "struct") frame.members = {};
        stack.push(frame);
      },
      ontext(text) {
        const top = stack.at(-1);
        if (top !== undefined) top.text += text;
      },
      onclosetag(tag, isImplied) {
        if (problem !== undefined) return;
        // htmlparser2 closes forgotten elements by itself, which for XML-RPC is malformed input; a
        // self-closing element (`<nil/>`) is reported as implied too, and ends in "/>".
        if (isImplied && xml[parser.endIndex - 1] !== "/")
          return fail(`malformed XML: <${tag}> is never closed`);
        const frame = stack.pop();
        if (frame === undefined || frame.tag !== tag) return fail(`unexpected </${tag}>`);
        const parent = stack.at(-1);
        try {
          closeFrame(frame, parent, document);
        } catch (error) {
          fail(error instanceof Error ? error.message : String(error));
        }
      },
      onerror(error) {
        fail(`malformed XML: ${error.message}`);
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(xml);
  parser.end();
  if (problem !== undefined) throw new XmlRpcFormatError(problem);
  if (document.root === "") throw new XmlRpcFormatError("no XML-RPC document");
  if (stack.length > 0) throw new XmlRpcFormatError(`malformed XML: <${stack.at(-1)?.tag}> is never closed`);
  return document;
}

function closeFrame(frame: Frame, parent: Frame | undefined, document: ParsedDocument): void {
  if (SCALAR_TAGS.has(frame.tag)) {
    if (parent?.tag !== "value") throw new Error(`<${frame.tag}> outside <value>`);
    setTyped(parent, scalar(frame.tag, frame.text));
    return;
  }
  switch (frame.tag) {
    case "value": {
      // A <value> without a type element is a string (spec: "If no type is indicated, the type is string").
      const value = frame.typed === undefined ? frame.text : frame.typed.value;
      if (parent?.tag === "data") parent.items?.push(value);
      else if (parent?.tag === "member") parent.value = { value };
      else if (parent?.tag === "param") document.params.push(value);
      else if (parent?.tag === "fault") document.fault = value;
      else throw new Error(`<value> inside <${parent?.tag ?? "nothing"}>`);
      return;
    }
    case "data":
      if (parent?.tag !== "array") throw new Error("<data> outside <array>");
      parent.items = frame.items;
      return;
    case "array":
      if (parent?.tag !== "value") throw new Error("<array> outside <value>");
      if (frame.items === undefined) throw new Error("an <array> must hold <data>");
      setTyped(parent, frame.items);
      return;
    case "struct":
      if (parent?.tag !== "value") throw new Error("<struct> outside <value>");
      setTyped(parent, frame.members ?? {});
      return;
    case "name":
      if (parent?.tag !== "member") throw new Error("<name> outside <member>");
      parent.name = frame.text;
      return;
    case "member":
      if (parent?.tag !== "struct" || parent.members === undefined)
        throw new Error("<member> outside <struct>");
      if (frame.name === undefined || frame.value === undefined)
        throw new Error("a <member> needs <name> and <value>");
      parent.members[frame.name] = frame.value.value;
      return;
    case "methodName":
      document.methodName = frame.text;
      return;
    default:
      return;
  }
}

function setTyped(valueFrame: Frame, value: XmlRpcValue): void {
  if (valueFrame.typed !== undefined) throw new Error("a <value> holds one type element");
  valueFrame.typed = { value };
}

function scalar(tag: string, text: string): XmlRpcValue {
  switch (tag) {
    case "int":
    case "i4":
    case "i8":
      return parseNumber(text, tag, true);
    case "double":
      return parseNumber(text, tag, false);
    case "boolean": {
      const trimmed = text.trim();
      if (trimmed === "1") return true;
      if (trimmed === "0") return false;
      throw new Error(`bad boolean ${JSON.stringify(trimmed)}`);
    }
    case "base64":
      return text.trim();
    case "nil":
      return null;
    default:
      return text;
  }
}

function parseNumber(text: string, tagName: string, integer: boolean): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === "" || Number.isNaN(value) || (integer && !Number.isInteger(value))) {
    throw new Error(`bad <${tagName}> ${JSON.stringify(trimmed)}`);
  }
  return value;
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
