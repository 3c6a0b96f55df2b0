/**
 * The answer as it streams: the model writes the seed's action JSON (`{"respuesta": "…"}`), and the
 * `respuesta` value can be shown while it is still being written. `partial-json` parses the unfinished
 * JSON; a tool call (`herramienta_llamada`) or anything else shows nothing. Plain text (native tool mode)
 * streams as it is. (Beside `src/llm/json-prefix.ts`, which closes a prefix cut by a token limit.)
 */
import { Allow, parse } from "partial-json";

/** The answer text visible so far in a streaming reply, or undefined when the reply is not an answer (yet). */
export function answerSoFar(textSoFar: string): string | undefined {
  const trimmed = textSoFar.trimStart();
  if (trimmed === "") return undefined;
  if (!trimmed.startsWith("{")) return trimmed.startsWith("`") ? undefined : textSoFar;
  let value: unknown;
  try {
    value = parse(trimmed, Allow.STR | Allow.OBJ);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if ("herramienta_llamada" in record) return undefined;
  return typeof record.respuesta === "string" ? record.respuesta : undefined;
}
