/**
 * The answer as it streams: the model writes the seed's action JSON (`{"respuesta": "…"}`), and the
 * `respuesta` value can be shown while it is still being written. The unfinished JSON is closed by
 * `closeJsonPrefix` (src/llm/json-prefix.ts, the one partial-JSON reader; see docs/architecture.md for why
 * it is ours); a tool call (`herramienta_llamada`) or anything else shows nothing. Plain text (native tool
 * mode) streams as it is.
 */
import { z } from "zod";
import { closeJsonPrefix } from "../llm/json-prefix.js";

const partialAction = z.looseObject({
  respuesta: z.string().optional(),
  herramienta_llamada: z.unknown().optional(),
});

/** The answer text visible so far in a streaming reply, or undefined when the reply is not an answer (yet). */
export function answerSoFar(textSoFar: string): string | undefined {
  const trimmed = textSoFar.trimStart();
  if (trimmed === "") return undefined;
  if (!trimmed.startsWith("{")) return trimmed.startsWith("`") ? undefined : textSoFar;
  const closed = closeJsonPrefix(trimmed);
  if (closed === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(closed);
  } catch {
    // Cut inside a key or between tokens: nothing to show yet.
    return undefined;
  }
  const action = partialAction.safeParse(value);
  if (!action.success || action.data.herramienta_llamada !== undefined) return undefined;
  return action.data.respuesta;
}
