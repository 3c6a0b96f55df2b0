/**
 * The action protocol kept from the seed: a step is either
 * `{"herramienta_llamada": "<tool>", "parametros": {...}}` or `{"respuesta": "<text>"}`.
 * Parsing never throws: whatever a model emits becomes an action or a short, model-readable problem.
 */
import type { ChatResponse } from "../llm/chat-model.js";

export const TOOL_KEY = "herramienta_llamada";
export const ARGUMENTS_KEY = "parametros";
export const ANSWER_KEY = "respuesta";

export type AgentAction =
  | { kind: "tool"; tool: string; args: Record<string, unknown>; callId?: string }
  | { kind: "answer"; text: string };

export type ParsedAction = { ok: true; action: AgentAction } | { ok: false; problem: string };

/** Reads one JSON-mode step. Tolerates a code fence or prose around the object (unconstrained providers). */
export function parseJsonAction(text: string): ParsedAction {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start === -1 || end <= start) return { ok: false, problem: "la respuesta no es un objeto JSON" };
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch {
    return { ok: false, problem: "el JSON está mal formado" };
  }
  return actionFromObject(value);
}

/** Reads a native tool-calling step: the first tool call, or the text as the answer. */
export function parseNativeAction(response: ChatResponse): ParsedAction {
  const call = response.toolCalls[0];
  if (call !== undefined) {
    if (call.arguments === null || typeof call.arguments !== "object" || Array.isArray(call.arguments)) {
      return { ok: false, problem: `los argumentos de ${call.name} no son un objeto JSON` };
    }
    return {
      ok: true,
      action: {
        kind: "tool",
        tool: call.name,
        args: call.arguments as Record<string, unknown>,
        ...(call.id ? { callId: call.id } : {}),
      },
    };
  }
  const trimmed = response.text.trim();
  if (trimmed.startsWith("{")) {
    const parsed = parseJsonAction(trimmed);
    if (parsed.ok) return parsed;
  }
  if (trimmed === "") return { ok: false, problem: "la respuesta está vacía" };
  return { ok: true, action: { kind: "answer", text: trimmed } };
}

function actionFromObject(value: unknown): ParsedAction {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, problem: "la respuesta no es un objeto JSON" };
  }
  const record = value as Record<string, unknown>;
  // A tool call wins over an answer written in the same object: the seed's 1B model did that, inventing
  // the answer before seeing the tool's result.
  if (TOOL_KEY in record) {
    const tool = record[TOOL_KEY];
    if (typeof tool !== "string" || tool === "")
      return { ok: false, problem: `"${TOOL_KEY}" debe ser el nombre de una herramienta` };
    const args = record[ARGUMENTS_KEY] ?? {};
    if (args === null || typeof args !== "object" || Array.isArray(args))
      return { ok: false, problem: `"${ARGUMENTS_KEY}" debe ser un objeto` };
    return { ok: true, action: { kind: "tool", tool, args: args as Record<string, unknown> } };
  }
  if (ANSWER_KEY in record) {
    const answer = record[ANSWER_KEY];
    if (typeof answer !== "string") return { ok: false, problem: `"${ANSWER_KEY}" debe ser un texto` };
    if (answer.trim() === "") return { ok: false, problem: `"${ANSWER_KEY}" está vacía` };
    return { ok: true, action: { kind: "answer", text: answer } };
  }
  return { ok: false, problem: `faltan las claves "${TOOL_KEY}" o "${ANSWER_KEY}"` };
}

/** The canonical JSON of an action, as it is kept in the history. */
export function actionJson(action: AgentAction): string {
  if (action.kind === "answer") return JSON.stringify({ [ANSWER_KEY]: action.text });
  return JSON.stringify({ [TOOL_KEY]: action.tool, [ARGUMENTS_KEY]: action.args });
}
