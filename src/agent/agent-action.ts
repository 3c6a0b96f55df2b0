/**
 * The action protocol kept from the seed: a step is either
 * `{"herramienta_llamada": "<tool>", "parametros": {...}}` or `{"respuesta": "<text>"}`.
 * Parsing never throws: whatever a model emits becomes an action or a short, model-readable problem, in
 * the prompt's language (`t`; Spanish by default, as the seed).
 */
import { createTranslator, type Translator } from "../i18n/translator.js";
import type { ChatResponse } from "../llm/chat-model.js";

export const TOOL_KEY = "herramienta_llamada";
export const ARGUMENTS_KEY = "parametros";
export const ANSWER_KEY = "respuesta";

export type AgentAction =
  | { kind: "tool"; tool: string; args: Record<string, unknown>; callId?: string }
  | { kind: "answer"; text: string };

const SPANISH = createTranslator("es");

export type ParsedAction = { ok: true; action: AgentAction } | { ok: false; problem: string };

/** Reads one JSON-mode step. Tolerates a code fence or prose around the object (unconstrained providers). */
export function parseJsonAction(text: string, t: Translator = SPANISH): ParsedAction {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start === -1 || end <= start) return { ok: false, problem: t("prompt.action.notObject") };
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch {
    return { ok: false, problem: t("prompt.action.badJson") };
  }
  return actionFromObject(value, t);
}

/** Reads a native tool-calling step: the first tool call, or the text as the answer. */
export function parseNativeAction(response: ChatResponse, t: Translator = SPANISH): ParsedAction {
  const call = response.toolCalls[0];
  if (call !== undefined) {
    if (call.arguments === null || typeof call.arguments !== "object" || Array.isArray(call.arguments)) {
      return { ok: false, problem: t("prompt.action.argumentsNotObject", { tool: call.name }) };
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
    const parsed = parseJsonAction(trimmed, t);
    if (parsed.ok) return parsed;
  }
  if (trimmed === "") return { ok: false, problem: t("prompt.action.empty") };
  return { ok: true, action: { kind: "answer", text: trimmed } };
}

function actionFromObject(value: unknown, t: Translator): ParsedAction {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, problem: t("prompt.action.notObject") };
  }
  const record = value as Record<string, unknown>;
  // A tool call wins over an answer written in the same object: the seed's 1B model did that, inventing
  // the answer before seeing the tool's result.
  if (TOOL_KEY in record) {
    const tool = record[TOOL_KEY];
    if (typeof tool !== "string" || tool === "")
      return { ok: false, problem: t("prompt.action.toolName", { key: TOOL_KEY }) };
    const args = record[ARGUMENTS_KEY] ?? {};
    if (args === null || typeof args !== "object" || Array.isArray(args))
      return { ok: false, problem: t("prompt.action.argumentsObject", { key: ARGUMENTS_KEY }) };
    return { ok: true, action: { kind: "tool", tool, args: args as Record<string, unknown> } };
  }
  if (ANSWER_KEY in record) {
    const answer = record[ANSWER_KEY];
    if (typeof answer !== "string")
      return { ok: false, problem: t("prompt.action.answerText", { key: ANSWER_KEY }) };
    if (answer.trim() === "")
      return { ok: false, problem: t("prompt.action.answerEmpty", { key: ANSWER_KEY }) };
    return { ok: true, action: { kind: "answer", text: answer } };
  }
  return { ok: false, problem: t("prompt.action.missingKeys", { tool: TOOL_KEY, answer: ANSWER_KEY }) };
}

/** The canonical JSON of an action, as it is kept in the history. */
export function actionJson(action: AgentAction): string {
  if (action.kind === "answer") return JSON.stringify({ [ANSWER_KEY]: action.text });
  return JSON.stringify({ [TOOL_KEY]: action.tool, [ARGUMENTS_KEY]: action.args });
}
