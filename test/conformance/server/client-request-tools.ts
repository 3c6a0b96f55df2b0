/**
 * The tools of the suite's 2025 scenarios that ask the client something while they run (sampling/createMessage,
 * elicitation/create), and the 2026-07-28 diagnostic tools of the server-stateless scenario.
 *
 * They ask the SDK's way for both eras: they return `input_required`, which a 2026-07-28 client answers
 * itself, and which the SDK's shim turns into real `sampling/createMessage` and `elicitation/create`
 * requests on a 2025 session (calling the tool again with the answers). A tool written with the 2025 push
 * calls (`ctx.mcpReq.elicitInput`) would fail whenever its caller speaks 2026-07-28, as agente's hub does.
 */
import { type ElicitRequestFormParams, inputRequired, type McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";

function text(value: string) {
  return { content: [{ type: "text" as const, text: value }] };
}

const elicitResult = z.looseObject({
  action: z.string(),
  content: z.record(z.string(), z.unknown()).optional(),
});
const samplingResult = z.looseObject({ content: z.unknown() });
const textBlock = z.looseObject({ type: z.literal("text"), text: z.string() });

/** A form tool: asks once, then reports the answer as the suite expects it. */
function formTool(prefix: string, form: ElicitRequestFormParams) {
  return async (ctx: { mcpReq: { inputResponses?: Record<string, unknown> | undefined } }) => {
    const answer = elicitResult.safeParse(ctx.mcpReq.inputResponses?.form);
    if (!answer.success) return inputRequired({ inputRequests: { form: inputRequired.elicit(form) } });
    return text(
      `${prefix}action=${answer.data.action}, content=${JSON.stringify(answer.data.content ?? {})}`,
    );
  };
}

export function registerClientRequestTools(server: McpServer): void {
  server.registerTool(
    "test_sampling",
    {
      description: "Asks the client's model to complete the prompt",
      inputSchema: z.object({ prompt: z.string().describe("The prompt to send to the LLM") }),
    },
    async ({ prompt }, ctx) => {
      const result = samplingResult.safeParse(ctx.mcpReq.inputResponses?.reply);
      if (!result.success) {
        const request = inputRequired.createMessage({
          messages: [{ role: "user", content: { type: "text", text: prompt } }],
          maxTokens: 100,
        });
        return inputRequired({ inputRequests: { reply: request } });
      }
      const content = Array.isArray(result.data.content) ? result.data.content[0] : result.data.content;
      const block = textBlock.safeParse(content);
      return text(`LLM response: ${block.success ? block.data.text : JSON.stringify(content)}`);
    },
  );
  server.registerTool(
    "test_elicitation",
    {
      description: "Asks the user for a username and an email",
      inputSchema: z.object({ message: z.string().describe("The message to show the user") }),
    },
    async ({ message }, ctx) =>
      formTool("User response: ", {
        message,
        requestedSchema: {
          type: "object",
          properties: {
            username: { type: "string", description: "User's response" },
            email: { type: "string", description: "User's email address" },
          },
          required: ["username", "email"],
        },
      })(ctx),
  );
  server.registerTool(
    "test_elicitation_sep1034_defaults",
    { description: "Asks for a form whose every field has a default" },
    formTool("Elicitation completed: ", {
      message: "Please review and update the form fields with defaults",
      requestedSchema: {
        type: "object",
        properties: {
          name: { type: "string", description: "User name", default: "John Doe" },
          age: { type: "integer", description: "User age", default: 30 },
          score: { type: "number", description: "User score", default: 95.5 },
          status: {
            type: "string",
            description: "User status",
            enum: ["active", "inactive", "pending"],
            default: "active",
          },
          verified: { type: "boolean", description: "Verification status", default: true },
        },
        required: [],
      },
    }),
  );
  server.registerTool(
    "test_elicitation_sep1330_enums",
    { description: "Asks for a form with the five kinds of enum" },
    formTool("Elicitation completed: ", {
      message: "Please select options from the enum fields",
      requestedSchema: {
        type: "object",
        properties: {
          untitledSingle: {
            type: "string",
            description: "Untitled single-select",
            enum: ["option1", "option2", "option3"],
          },
          titledSingle: {
            type: "string",
            description: "Titled single-select",
            oneOf: [
              { const: "value1", title: "First Option" },
              { const: "value2", title: "Second Option" },
              { const: "value3", title: "Third Option" },
            ],
          },
          legacyEnum: {
            type: "string",
            description: "Legacy titled enum",
            enum: ["opt1", "opt2", "opt3"],
            enumNames: ["Option One", "Option Two", "Option Three"],
          },
          untitledMulti: {
            type: "array",
            description: "Untitled multi-select",
            items: { type: "string", enum: ["option1", "option2", "option3"] },
          },
          titledMulti: {
            type: "array",
            description: "Titled multi-select",
            items: {
              anyOf: [
                { const: "value1", title: "First Choice" },
                { const: "value2", title: "Second Choice" },
                { const: "value3", title: "Third Choice" },
              ],
            },
          },
        },
        required: [],
      },
    }),
  );
  // The 2026-07-28 diagnostic tools of the server-stateless scenario. A sampling request returned as
  // input_required makes the SDK refuse, with -32021, a client whose envelope did not declare sampling.
  server.registerTool(
    "test_missing_capability",
    { description: "Needs the client's sampling capability" },
    async (ctx) => {
      if (ctx.mcpReq.inputResponses?.sample !== undefined) return text("The client answered the sampling.");
      return inputRequired({
        inputRequests: {
          sample: inputRequired.createMessage({
            messages: [{ role: "user", content: { type: "text", text: "Say hello" } }],
            maxTokens: 10,
          }),
        },
      });
    },
  );
  server.registerTool(
    "test_streaming_elicitation",
    { description: "Asks the user a question through input_required, never as a request on the stream" },
    async (ctx) => {
      if (ctx.mcpReq.inputResponses?.answer !== undefined) return text("Answer received.");
      return inputRequired({
        inputRequests: {
          answer: inputRequired.elicit({
            message: "Anything to add?",
            requestedSchema: { type: "object", properties: { note: { type: "string" } } },
          }),
        },
      });
    },
  );
  server.registerTool(
    "test_logging_tool",
    { description: "Logs three messages while it runs" },
    async (ctx) => {
      for (const message of ["Logging tool started", "Logging tool working", "Logging tool done"]) {
        await ctx.mcpReq.log("info", message);
      }
      return text("Logging tool completed");
    },
  );
}
