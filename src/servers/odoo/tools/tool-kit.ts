/**
 * What every Odoo tool shares: its dependencies, pagination arguments, turning Odoo values into plain
 * ones (`false` → null, `[id, name]` → name), and turning any failure into the one-line `isError`
 * result the model reads (secrets redacted, never a stack).
 */
import type { CallToolResult } from "@modelcontextprotocol/server";
import { z } from "zod";
import { localised, renderLocalised } from "../../../i18n/localised.js";
import type { Translator } from "../../../i18n/translator.js";
import type { OdooClient } from "../../../odoo/odoo-client.js";
import { describeOdooError, OdooError } from "../../../odoo/odoo-error.js";
import { AgenteError, errorMessage } from "../../../util/errors.js";
import { PERSON_TEXT_META } from "../../../util/person-text.js";
import type { Redactor } from "../../../util/secret-redaction.js";

export interface OdooToolDeps {
  client: OdooClient;
  /** Knows the password and API key: scrubbed from every error text as a last guard. */
  redactor: Redactor;
  /** The person's language: failures also carry their text in it, for `agente tools call` to show. */
  translate?: Translator;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export const paginationShape = {
  limite: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .optional()
    .describe(`How many results to return (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}).`),
  offset: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("How many results to skip, to see the next page (default 0)."),
};

export const pageOutputShape = {
  total: z.number().describe("How many records match in all."),
  limite: z.number(),
  offset: z.number(),
};

export interface Page {
  limit: number;
  offset: number;
}

export function pageOf(args: { limite?: number | undefined; offset?: number | undefined }): Page {
  return { limit: args.limite ?? DEFAULT_LIMIT, offset: args.offset ?? 0 };
}

export function pageValues(page: Page): { limite: number; offset: number } {
  return { limite: page.limit, offset: page.offset };
}

/** "Showing 1–20 of 54; use offset 20 for more." style footer, or nothing when all is shown. */
export function pageFooter(page: Page, shown: number, total: number): string {
  if (page.offset + shown >= total) return "";
  return `\n(${shown} shown of ${total}; call again with offset ${page.offset + shown} for more.)`;
}

/** Odoo's `false` (unset) → null; strings kept. */
export function text(value: unknown): string | null {
  if (value === false || value === null || value === undefined || value === "") return null;
  return String(value);
}

export function numberOf(value: unknown): number {
  return typeof value === "number" ? value : 0;
}

/** A many2one `[id, "Name"]` → "Name"; unset → null. */
export function relationName(value: unknown): string | null {
  if (Array.isArray(value) && value.length >= 2) return String(value[1]);
  return null;
}

export function relationId(value: unknown): number | null {
  if (Array.isArray(value) && typeof value[0] === "number") return value[0];
  return null;
}

/** Joins the non-empty parts with ", ". */
export function joinParts(parts: ReadonlyArray<string | null | undefined>): string {
  return parts
    .filter((part): part is string => part !== null && part !== undefined && part !== "")
    .join(", ");
}

export function success(structured: Record<string, unknown>, rendered: string): CallToolResult {
  return { content: [{ type: "text", text: rendered }], structuredContent: structured };
}

export function failure(error: unknown, redactor: Redactor, translate?: Translator): CallToolResult {
  let line: string;
  if (error instanceof OdooError) line = describeOdooError(error);
  else if (error instanceof AgenteError)
    line = error.hint === undefined ? error.message : `${error.message} ${error.hint}`;
  else line = `Unexpected failure in the Odoo server: ${errorMessage(error).split("\n")[0]}`;
  const result: CallToolResult = { content: [{ type: "text", text: redactor.text(line) }], isError: true };
  if (translate !== undefined) {
    result._meta = { [PERSON_TEXT_META]: redactor.text(personText(error, translate)) };
  }
  return result;
}

/** The failure as a person reads it, in the translator's language (the model reads `describeOdooError`). */
function personText(error: unknown, translate: Translator): string {
  if (!(error instanceof AgenteError)) {
    return renderLocalised(
      localised("errorsOdoo.unexpected", { detail: errorMessage(error).split("\n")[0] ?? "" }),
      translate,
    );
  }
  const message = error.text === undefined ? error.message : renderLocalised(error.text, translate);
  const hint = error.hintText === undefined ? error.hint : renderLocalised(error.hintText, translate);
  return hint === undefined ? message : `${message} ${hint}`;
}

/**
 * Runs a tool body with a client whose requests stop when the MCP call is cancelled, and turns every
 * failure into a readable `isError` result.
 */
export async function guarded(
  deps: OdooToolDeps,
  signal: AbortSignal | undefined,
  body: (client: OdooClient) => Promise<CallToolResult>,
): Promise<CallToolResult> {
  try {
    return await body(deps.client.withSignal(signal));
  } catch (error) {
    return failure(error, deps.redactor, deps.translate);
  }
}

/** Picks the best match for a name among records: exact (case-insensitive) first, else the first. */
export function bestMatch<T extends Record<string, unknown>>(
  records: readonly T[],
  name: string,
): T | undefined {
  const wanted = name.trim().toLowerCase();
  return records.find((record) => String(record.name ?? "").toLowerCase() === wanted) ?? records[0];
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** 45000 → "45,000"; 1250.5 → "1,250.5". */
export function formatAmount(value: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 2 });
}
