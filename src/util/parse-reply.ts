/**
 * Parsing what another program sent us (an HTTP body, an NDJSON line, an MCP result, an Odoo answer)
 * against a zod schema instead of trusting it with a cast. Schemas at these boundaries are loose objects,
 * so fields a newer server adds never break us; what we read must have the type we read it as.
 *
 * The pattern is the Vercel AI SDK's `createJsonResponseHandler(schema)`: one place turns "not JSON" and
 * "not the shape we expected" into one error line that names the sender and the first thing that was off.
 */
import type { z } from "zod";
import { SystemError } from "./errors.js";

export interface ReplySource {
  /** Who sent it and for what, e.g. "Ollama's reply to /api/show". */
  what: string;
  /** What the user can do about it. */
  hint?: string;
  /**
   * The error for a reply of the wrong shape, when the sender's layer has its own error class (the Odoo
   * client's `OdooError` of kind `protocol`); default a `SystemError` naming `what` and the issue.
   */
  mismatch?: (issue: ReplyIssue, cause: z.core.$ZodError) => Error;
}

/** The first thing that was off in a reply: where (a dotted path, "" for the reply itself), and what. */
export interface ReplyIssue {
  path: string;
  message: string;
}

/** Checks `value` against `schema`; on a mismatch throws a `SystemError` naming the first wrong field. */
export function parseReply<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  source: ReplySource,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw mismatchError(result.error, source);
}

/**
 * The error for a reply that did not match its schema, also for a mismatch found by a library that parses
 * for us (the MCP SDK checks results against its own zod schemas).
 */
export function mismatchError(error: z.core.$ZodError, source: ReplySource): Error {
  if (source.mismatch !== undefined) return source.mismatch(firstIssue(error), error);
  return new SystemError(`${source.what} was not what agente expects: ${describeIssue(error)}`, {
    cause: error,
    ...(source.hint === undefined ? {} : { hint: source.hint }),
  });
}

/** Parses JSON text, then checks it against `schema`; text that is not JSON is a `SystemError` too. */
export function parseJsonReply<Schema extends z.ZodType>(
  schema: Schema,
  text: string,
  source: ReplySource,
): z.output<Schema> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SystemError(`${source.what} is not JSON: ${oneLine(text)}`, {
      cause: error,
      ...(source.hint === undefined ? {} : { hint: source.hint }),
    });
  }
  return parseReply(schema, value, source);
}

/** Reads a whole HTTP body as JSON and checks it against `schema`. */
export async function readJsonReply<Schema extends z.ZodType>(
  response: Response,
  schema: Schema,
  source: ReplySource,
): Promise<z.output<Schema>> {
  return parseJsonReply(schema, await response.text(), source);
}

/** "model_info.ctx: expected number, received string": where, then what, in one line. */
function describeIssue(error: z.core.$ZodError): string {
  if (error.issues.length === 0) return "it did not match";
  const issue = firstIssue(error);
  return `${issue.path === "" ? "" : `${issue.path}: `}${issue.message}`;
}

function firstIssue(error: z.core.$ZodError): ReplyIssue {
  const issue = error.issues[0];
  if (issue === undefined) return { path: "", message: "" };
  return { path: issue.path.map(String).join("."), message: issue.message.replace(/^Invalid input: /, "") };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return "(empty)";
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}
