/**
 * A server's `sampling/createMessage` answered by agente's own model, for a gateway client that cannot
 * sample. The approval rules are the gateway's: nobody can confirm it here, so it runs only where
 * `mcpGateway.allowUnconfirmed` allows the server's tools to run unconfirmed; elsewhere it is refused.
 */
import { CreateMessageRequestParamsSchema } from "@modelcontextprotocol/core";
import { ProtocolError, ProtocolErrorCode } from "@modelcontextprotocol/server";
import type { ChatMessage } from "../../llm/chat-model.js";
import { parseReply } from "../../util/parse-reply.js";
import type { GatewayDeps } from "./gateway-deps.js";
import type { GatewaySettings } from "./gateway-settings.js";

/** Whether agente's model may answer `server`'s sampling requests unconfirmed. */
export function maySampleLocally(settings: GatewaySettings, server: string): boolean {
  const allowed = settings.allowUnconfirmed;
  return allowed === true || (Array.isArray(allowed) && allowed.includes(server));
}

export async function sampleWithAgentModel(
  deps: GatewayDeps,
  server: string,
  request: unknown,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  if (!maySampleLocally(deps.settings, server))
    throw new ProtocolError(
      ProtocolErrorCode.InvalidRequest,
      deps.translate("gateway.sampling.refused", { server }),
    );
  const params = parseReply(CreateMessageRequestParamsSchema, request, {
    what: `the sampling request of MCP server "${server}"`,
  });
  const messages: ChatMessage[] = [];
  if (params.systemPrompt !== undefined) messages.push({ role: "system", content: params.systemPrompt });
  for (const message of params.messages) {
    const blocks = Array.isArray(message.content) ? message.content : [message.content];
    const text = blocks.map((block) => (block.type === "text" ? block.text : "")).join("\n");
    messages.push({ role: message.role, content: text });
  }
  const model = deps.agent.model;
  const reply = await model.complete({ messages, signal });
  return {
    role: "assistant",
    content: { type: "text", text: reply.text },
    model: model.model,
    stopReason: reply.stopReason === "length" ? "maxTokens" : "endTurn",
  };
}
