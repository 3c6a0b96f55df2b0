/**
 * The JSON schema every step is decoded under, built from the connected tools: one alternative per tool
 * (its name as a constant, its arguments following that tool's own `inputSchema`) plus the answer.
 * Ollama (`format`), OpenAI-compatible servers (`response_format`) and llama.cpp (grammar) all take it.
 */
import type { ExposedTool, JsonSchema } from "../mcp/tool-hub.js";
import { ANSWER_KEY, ARGUMENTS_KEY, TOOL_KEY } from "./agent-action.js";

export const ANSWER_SCHEMA: JsonSchema = {
  type: "object",
  properties: { [ANSWER_KEY]: { type: "string", minLength: 1 } },
  required: [ANSWER_KEY],
  additionalProperties: false,
};

/** `answerOnly`: after a repeated call the model may only answer. */
export function buildActionSchema(
  tools: readonly ExposedTool[],
  options: { answerOnly?: boolean } = {},
): JsonSchema {
  if (options.answerOnly === true || tools.length === 0) return ANSWER_SCHEMA;
  const alternatives: JsonSchema[] = tools.map((tool) => ({
    type: "object",
    properties: { [TOOL_KEY]: { const: tool.name }, [ARGUMENTS_KEY]: argumentsSchema(tool.inputSchema) },
    required: [TOOL_KEY, ARGUMENTS_KEY],
    additionalProperties: false,
  }));
  return { anyOf: [...alternatives, ANSWER_SCHEMA] };
}

/** A tool's `inputSchema` for decoding: meta keys removed, and no invented extra fields. */
export function argumentsSchema(inputSchema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, title: _title, ...rest } = inputSchema;
  const schema: JsonSchema = { ...rest, type: "object" };
  if (schema.properties === undefined) schema.properties = {};
  if (schema.additionalProperties === undefined) schema.additionalProperties = false;
  return schema;
}
