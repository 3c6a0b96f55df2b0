/**
 * The messages and request options of a turn's model calls, in the tool mode's own shape: the JSON action
 * protocol (the seed's `{"herramienta_llamada": …}` / `{"respuesta": …}`) or native tool calls.
 */
import { createTranslator, type Translator } from "../i18n/translator.js";
import type { ChatMessage } from "../llm/chat-model.js";
import type { ExposedTool } from "../mcp/tool-hub.js";
import { buildActionSchema } from "./action-schema.js";
import { type AgentAction, actionJson } from "./agent-action.js";
import type { AgentSettings } from "./agent-settings.js";

/** The action schema (JSON mode) or the native tool list (native mode) for one request. */
export function modelOptions(tools: readonly ExposedTool[], settings: AgentSettings, answerOnly: boolean) {
  if (settings.toolMode === "json") return { schema: buildActionSchema(tools, { answerOnly }) };
  if (answerOnly) return {};
  return {
    tools: tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: tool.inputSchema,
    })),
  };
}

/** The assistant's action and the tool's result, as the next messages of the turn. */
export function observationMessages(
  action: Extract<AgentAction, { kind: "tool" }>,
  text: string,
  mode: AgentSettings["toolMode"],
): ChatMessage[] {
  if (mode === "native") {
    return [
      {
        role: "assistant",
        content: "",
        toolCalls: [
          { ...(action.callId ? { id: action.callId } : {}), name: action.tool, arguments: action.args },
        ],
      },
      {
        role: "tool",
        content: text,
        toolName: action.tool,
        ...(action.callId ? { toolCallId: action.callId } : {}),
      },
    ];
  }
  return [
    { role: "assistant", content: actionJson(action) },
    { role: "user", content: `Resultado de ${action.tool}: ${text}` },
  ];
}

/** The short message that asks the model to fix an invalid step. */
export function correctionMessage(
  problem: string,
  mode: AgentSettings["toolMode"],
  translate: Translator = createTranslator("es"),
): string {
  return translate(mode === "native" ? "prompt.step.correctNative" : "prompt.step.correctJson", { problem });
}
