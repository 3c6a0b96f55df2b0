/**
 * An MCP tool result may carry, beside the text the model reads, the same failure in the person's
 * language: agente's own servers put it in `_meta` under this key, and `agente tools call` shows it.
 */
import { z } from "zod";

/** The `_meta` key of the person-facing text. */
export const PERSON_TEXT_META = "agente/personText";

const metaSchema = z.looseObject({ [PERSON_TEXT_META]: z.string().optional() });

/** The person-facing text of a result, when it carries one. */
export function personTextOf(result: { _meta?: unknown }): string | undefined {
  const parsed = metaSchema.safeParse(result._meta);
  if (!parsed.success) return undefined;
  const text = parsed.data[PERSON_TEXT_META];
  return typeof text === "string" && text.trim() !== "" ? text : undefined;
}
