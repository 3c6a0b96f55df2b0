/** Turns a tool result into the text the model reads, bounded so one big result cannot fill the context. */

import { truncateToTokens } from "../llm/token-counter.js";
import type { ToolResult } from "../mcp/tool-hub.js";

export function observationText(result: ToolResult, maxTokens: number): string {
  const parts: string[] = [];
  for (const part of result.content ?? []) {
    if (part.type === "text") parts.push(part.text);
    else if (part.type === "resource" && "text" in part.resource) parts.push(String(part.resource.text));
    else if (part.type === "resource_link") parts.push(`[${part.name}](${part.uri})`);
    else parts.push(`[${part.type}]`);
  }
  let text = parts.join("\n").trim();
  if (text === "" && result.structuredContent !== undefined) text = JSON.stringify(result.structuredContent);
  if (text === "") text = result.isError === true ? "error sin detalle" : "(sin resultado)";
  return truncateToTokens(text, maxTokens);
}
