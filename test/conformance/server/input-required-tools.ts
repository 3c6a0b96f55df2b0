/**
 * The 2026-07-28 multi-round-trip scenarios (SEP-2322): tools and a prompt that answer `input_required`
 * with the requests the scenarios name, and complete once the client sends the answers back. The
 * `requestState` they mint is sealed by the SDK's HMAC codec, so a tampered one is refused.
 */
import { randomBytes } from "node:crypto";
import {
  acceptedContent,
  inputRequired,
  type McpServer,
  type RequestStateCodec,
} from "@modelcontextprotocol/server";

interface FlowState {
  tool: string;
  round: number;
}

const NAME_FORM = {
  type: "object" as const,
  properties: { name: { type: "string" as const } },
  required: ["name"],
};

function text(value: string) {
  return { content: [{ type: "text" as const, text: value }] };
}

function has(responses: Record<string, unknown> | undefined, key: string): boolean {
  return responses !== undefined && Object.hasOwn(responses, key);
}

const askName = (message: string) => inputRequired.elicit({ message, requestedSchema: NAME_FORM });
const askCapital = () =>
  inputRequired.createMessage({
    messages: [{ role: "user", content: { type: "text", text: "What is the capital of France?" } }],
    maxTokens: 100,
  });

export function registerInputRequiredTools(server: McpServer, codec: RequestStateCodec<FlowState>): void {
  server.registerTool(
    "test_input_required_result_elicitation",
    { description: "Asks the user's name, then greets them" },
    async (ctx) => {
      const answer = acceptedContent(ctx.mcpReq.inputResponses, "user_name");
      if (typeof answer?.name !== "string") {
        return inputRequired({ inputRequests: { user_name: askName("What is your name?") } });
      }
      return text(`Hello, ${answer.name}!`);
    },
  );
  server.registerTool(
    "test_input_required_result_sampling",
    { description: "Asks the client's model a question, then returns its answer" },
    async (ctx) => {
      const responses = ctx.mcpReq.inputResponses;
      if (!has(responses, "capital_question")) {
        return inputRequired({ inputRequests: { capital_question: askCapital() } });
      }
      return text(`Sampling response: ${JSON.stringify(responses?.capital_question)}`);
    },
  );
  server.registerTool(
    "test_input_required_result_list_roots",
    { description: "Asks the client's roots, then lists them" },
    async (ctx) => {
      const responses = ctx.mcpReq.inputResponses;
      if (!has(responses, "client_roots")) {
        return inputRequired({ inputRequests: { client_roots: inputRequired.listRoots() } });
      }
      return text(`Roots: ${JSON.stringify(responses?.client_roots)}`);
    },
  );
  server.registerTool(
    "test_input_required_result_request_state",
    { description: "Round-trips a sealed requestState" },
    async (ctx) => {
      const state = ctx.mcpReq.requestState<FlowState>();
      if (has(ctx.mcpReq.inputResponses, "confirm") && state?.tool === "request_state") {
        return text("state-ok: the requestState came back intact");
      }
      return inputRequired({
        inputRequests: {
          confirm: inputRequired.elicit({
            message: "Please confirm",
            requestedSchema: { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] },
          }),
        },
        requestState: await codec.mint({ tool: "request_state", round: 1 }),
      });
    },
  );
  server.registerTool(
    "test_input_required_result_multiple_inputs",
    { description: "Asks a form, a sampling and the roots at once" },
    async (ctx) => {
      const responses = ctx.mcpReq.inputResponses;
      const keys = ["user_name", "greeting", "client_roots"];
      if (keys.every((key) => has(responses, key)) && ctx.mcpReq.requestState<FlowState>() !== undefined) {
        return text(`All inputs received: ${keys.join(", ")}`);
      }
      return inputRequired({
        inputRequests: {
          user_name: askName("What is your name?"),
          greeting: inputRequired.createMessage({
            messages: [{ role: "user", content: { type: "text", text: "Generate a greeting" } }],
            maxTokens: 50,
          }),
          client_roots: inputRequired.listRoots(),
        },
        requestState: await codec.mint({ tool: "multiple_inputs", round: 1 }),
      });
    },
  );
  server.registerTool(
    "test_input_required_result_multi_round",
    { description: "Asks a name, then a colour, then completes" },
    async (ctx) => {
      const state = ctx.mcpReq.requestState<FlowState>();
      const responses = ctx.mcpReq.inputResponses;
      if (state?.round === 2 && has(responses, "step2")) {
        return text(`Completed after two rounds: ${JSON.stringify(responses)}`);
      }
      if (state?.round === 1 && has(responses, "step1")) {
        return inputRequired({
          inputRequests: {
            step2: inputRequired.elicit({
              message: "Step 2: What is your favorite color?",
              requestedSchema: {
                type: "object",
                properties: { color: { type: "string" } },
                required: ["color"],
              },
            }),
          },
          requestState: await codec.mint({ tool: "multi_round", round: 2 }),
        });
      }
      return inputRequired({
        inputRequests: { step1: askName("Step 1: What is your name?") },
        requestState: await codec.mint({ tool: "multi_round", round: 1 }),
      });
    },
  );
  server.registerTool(
    "test_input_required_result_tampered_state",
    { description: "Mints a sealed requestState; a tampered one is refused" },
    async (ctx) => {
      if (ctx.mcpReq.requestState<FlowState>()?.tool === "tampered_state") return text("state-ok");
      return inputRequired({
        inputRequests: { user_name: askName("What is your name?") },
        requestState: await codec.mint({ tool: "tampered_state", round: 1 }),
      });
    },
  );
  server.registerTool(
    "test_input_required_result_capabilities",
    { description: "Asks only for what the client declared it can answer" },
    async (ctx) => {
      const responses = ctx.mcpReq.inputResponses;
      if (responses !== undefined && Object.keys(responses).length > 0) return text("Inputs received");
      const capabilities = server.server.getClientCapabilities() ?? {};
      const requests: Record<string, ReturnType<typeof askName>> = {};
      if (capabilities.elicitation !== undefined) requests.user_name = askName("What is your name?");
      if (capabilities.sampling !== undefined) requests.capital_question = askCapital();
      if (capabilities.roots !== undefined) requests.client_roots = inputRequired.listRoots();
      if (Object.keys(requests).length === 0) return text("The client declared nothing to ask.");
      return inputRequired({ inputRequests: requests });
    },
  );
  server.registerPrompt(
    "test_input_required_result_prompt",
    { description: "A prompt that first asks the user for context" },
    async (ctx) => {
      const answer = acceptedContent(ctx.mcpReq.inputResponses, "user_context");
      if (typeof answer?.context !== "string") {
        return inputRequired({
          inputRequests: {
            user_context: inputRequired.elicit({
              message: "What context should the prompt use?",
              requestedSchema: {
                type: "object",
                properties: { context: { type: "string" } },
                required: ["context"],
              },
            }),
          },
        });
      }
      return {
        messages: [{ role: "user", content: { type: "text", text: `Context: ${answer.context}` } }],
      };
    },
  );
}

/** One HMAC key per process: every round of a flow is served by this process. */
export function newStateKey(): Uint8Array {
  return randomBytes(32);
}
