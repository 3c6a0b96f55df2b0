/**
 * The tools of the suite's tool scenarios that need nothing from the client: fixed content of every kind,
 * an error, log messages and progress during a call, and the JSON Schema 2020-12 tool (written from the
 * scenarios' descriptions in `conformance list`/the suite's scenario texts).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { fromJsonSchema, type McpServer } from "@modelcontextprotocol/server";
import { PNG_BASE64, WAV_BASE64 } from "./media.js";

const STEP_MS = 50;

const JSON_SCHEMA_2020_12 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  $defs: {
    address: {
      $anchor: "addressDef",
      type: "object",
      properties: { street: { type: "string" }, city: { type: "string" } },
    },
  },
  properties: {
    name: { type: "string" },
    address: { $ref: "#/$defs/address" },
    contactMethod: { type: "string", enum: ["phone", "email"] },
    phone: { type: "string" },
    email: { type: "string" },
  },
  allOf: [{ anyOf: [{ required: ["phone"] }, { required: ["email"] }] }],
  if: { properties: { contactMethod: { const: "phone" } }, required: ["contactMethod"] },
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword the scenario checks for.
  then: { required: ["phone"] },
  else: { required: ["email"] },
  additionalProperties: false,
} as const;

function text(value: string) {
  return { content: [{ type: "text" as const, text: value }] };
}

export function registerContentTools(server: McpServer): void {
  server.registerTool("test_simple_text", { description: "Returns simple text content" }, async () =>
    text("This is a simple text response for testing."),
  );
  server.registerTool("test_image_content", { description: "Returns a 1x1 PNG image" }, async () => ({
    content: [{ type: "image", data: PNG_BASE64, mimeType: "image/png" }],
  }));
  server.registerTool("test_audio_content", { description: "Returns a short WAV clip" }, async () => ({
    content: [{ type: "audio", data: WAV_BASE64, mimeType: "audio/wav" }],
  }));
  server.registerTool(
    "test_embedded_resource",
    { description: "Returns an embedded resource" },
    async () => ({
      content: [
        {
          type: "resource",
          resource: {
            uri: "test://embedded-resource",
            mimeType: "text/plain",
            text: "This is an embedded resource content.",
          },
        },
      ],
    }),
  );
  server.registerTool(
    "test_multiple_content_types",
    { description: "Returns text, an image and a resource" },
    async () => ({
      content: [
        { type: "text", text: "Multiple content types test:" },
        { type: "image", data: PNG_BASE64, mimeType: "image/png" },
        {
          type: "resource",
          resource: {
            uri: "test://mixed-content-resource",
            mimeType: "application/json",
            text: JSON.stringify({ test: "data", value: 123 }),
          },
        },
      ],
    }),
  );
  server.registerTool("test_error_handling", { description: "Always fails" }, async () => {
    throw new Error("This tool intentionally returns an error for testing");
  });
  server.registerTool(
    "test_tool_with_logging",
    { description: "Sends three log messages while it runs" },
    async (ctx) => {
      await ctx.mcpReq.log("info", "Tool execution started");
      await sleep(STEP_MS);
      await ctx.mcpReq.log("info", "Tool processing data");
      await sleep(STEP_MS);
      await ctx.mcpReq.log("info", "Tool execution completed");
      return text("Logging test completed");
    },
  );
  server.registerTool(
    "test_tool_with_progress",
    { description: "Reports progress 0, 50 and 100 of 100" },
    async (ctx) => {
      const progressToken = ctx.mcpReq._meta?.progressToken;
      for (const progress of [0, 50, 100]) {
        if (progressToken !== undefined) {
          await ctx.mcpReq.notify({
            method: "notifications/progress",
            params: { progressToken, progress, total: 100, message: `${progress}%` },
          });
        }
        if (progress < 100) await sleep(STEP_MS);
      }
      return text(progressToken === undefined ? "Done (no progress token)" : "Progress test completed");
    },
  );
  server.registerTool(
    "json_schema_2020_12_tool",
    {
      description: "Tool with JSON Schema 2020-12 features",
      inputSchema: fromJsonSchema(JSON_SCHEMA_2020_12),
    },
    async () => text("JSON Schema 2020-12 tool called"),
  );
}
