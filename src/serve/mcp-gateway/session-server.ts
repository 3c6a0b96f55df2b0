/**
 * One MCP server per client session, in front of the shared hub: every hub tool under its routing-table
 * name (description, schemas and annotations as the server declared them), the hub's resources and prompts,
 * and `preguntar_agente`. The approval policy decides what the session lists and whether a call runs;
 * the secret guard covers every result and every error.
 */

import { CallToolResultSchema } from "@modelcontextprotocol/core";
import type {
  CallToolResult,
  JSONObject,
  JSONValue,
  ProgressToken,
  ServerNotification,
  Tool,
} from "@modelcontextprotocol/server";
import { McpServer, ProtocolError, ProtocolErrorCode } from "@modelcontextprotocol/server";
import { type Approver, needsApproval } from "../../agent/approval.js";
import { UnknownToolError } from "../../mcp/errors.js";
import { closeMatches } from "../../mcp/naming.js";
import type { ExposedTool, JsonSchema } from "../../mcp/tool-hub.js";
import { errorMessage } from "../../util/errors.js";
import { parseReply } from "../../util/parse-reply.js";
import { maskSecretFields } from "../../util/secret-fields.js";
import { Redactor } from "../../util/secret-redaction.js";
import { roleMayApprove } from "../team/access-policy.js";
import { requestMemoryMeta, requestRole, requestRoleHub, requestSees } from "../team/request-role.js";
import { roleApprover } from "../team/role-approver.js";
import { ASK_AGENT_TOOL, AskAgentTool, askAgentTool, errorResult } from "./ask-agent-tool.js";
import { complete, forwarder, registerForwardedRequests } from "./forwarded-requests.js";
import type { GatewayDeps } from "./gateway-deps.js";
import {
  CONFIRMATION_TIMEOUT_MS,
  type ConfirmationChannel,
  type ConfirmationOutcome,
  confirmCall,
  gatewayApprover,
  isApproved,
  isListed,
} from "./tool-approval.js";

export interface SessionServer {
  server: McpServer;
  /** Stops following the hub's tool table and closes the server (and its transport). */
  close(): Promise<void>;
}

export interface SessionOptions {
  /**
   * Send `tools/list_changed` when the hub's tool table changes (default true). A per-request server of the
   * 2026-07-28 revision does not: changes reach its clients through the handler's `subscriptions/listen`.
   */
  followToolChanges?: boolean;
}

export function createSessionServer(deps: GatewayDeps, options: SessionOptions = {}): SessionServer {
  const { hub, settings, translate } = deps;
  const server = new McpServer(
    { name: "agente", version: deps.version },
    {
      capabilities: {
        tools: { listChanged: true },
        resources: { subscribe: true },
        prompts: {},
        completions: {},
        logging: {},
      },
    },
  );
  // A proxy serves tools whose schemas are JSON Schema from other servers, not zod: the low-level
  // handlers of the underlying `Server` are the SDK's way for that.
  const protocol = server.server;
  // The hub already hid its servers' secrets; this last guard also covers the gateway's own text.
  const redactor = redactorOf(deps.secrets);
  // The token owner's role (team/request-role.ts) hides tools here and in the agent's turns.
  const memoryServers = deps.memoryServers ?? [];
  const askAgent = new AskAgentTool(deps.agent, requestRoleHub(deps.agent.hub ?? hub, memoryServers));
  const hide = <T>(value: T): T => redactor.value(value);
  const forward = forwarder(deps, protocol);
  const canAsk = () => protocol.getClientCapabilities()?.elicitation?.form !== undefined;

  const channelFor = (relatedRequestId: string | number): ConfirmationChannel => ({
    canAsk: canAsk(),
    async ask(tool, args, signal) {
      const result = await protocol.elicitInput(
        {
          mode: "form",
          message: hide(
            translate("gateway.confirm", {
              tool: tool.name,
              server: tool.server,
              arguments: JSON.stringify(maskSecretFields(args)),
            }),
          ),
          requestedSchema: { type: "object", properties: {} },
        },
        { relatedRequestId, timeout: CONFIRMATION_TIMEOUT_MS, ...(signal ? { signal } : {}) },
      );
      return result.action;
    },
  });

  protocol.setRequestHandler("tools/list", async () => {
    const asking = canAsk();
    const tools: Tool[] = hub
      .tools()
      .filter((tool) => tool.name !== ASK_AGENT_TOOL && isListed(tool, asking, settings) && requestSees(tool))
      .map(toMcpTool);
    return hide({ tools: [...tools, askAgentTool()] });
  });

  protocol.setRequestHandler("tools/call", async (request, ctx) =>
    guard(async () => {
      const { name, arguments: args = {} } = request.params;
      const channel = channelFor(ctx.mcpReq.id);
      if (name === ASK_AGENT_TOOL) {
        const onStep = progressSender(request.params._meta?.progressToken, ctx, (message) =>
          deps.log?.(message),
        );
        const result = await askAgent
          .call({
            args,
            approver: roleGatewayApprover(gatewayApprover(channel, settings)),
            signal: ctx.mcpReq.signal,
            ...(onStep === undefined ? {} : { onStep: (message: string) => onStep(hide(message)) }),
          })
          .catch((error: unknown) => {
            if (ctx.mcpReq.signal.aborted) throw error;
            return errorResult(translate("gateway.agentFailed", { message: errorMessage(error) }));
          });
        return hide(result);
      }
      const tool = hub.tools().find((candidate) => candidate.name === name && requestSees(candidate));
      if (tool === undefined) throw unknownTool(name, hub.tools().filter(requestSees));
      const role = requestRole();
      if (role !== undefined && needsApproval(tool) && !roleMayApprove(role, tool))
        return errorResult(translate("approvals.gateway.needsApprover", { tool: tool.name }));
      const outcome = await confirmCall(tool, args, channel, settings, ctx.mcpReq.signal);
      if (!isApproved(outcome)) return refusal(outcome, tool.name);
      try {
        const meta = requestMemoryMeta(tool.server, memoryServers);
        const params = {
          name: tool.originalName,
          arguments: args,
          ...(meta === undefined ? {} : { _meta: meta }),
        };
        return hide(complete(await forward(tool.server, "tools/call", params, ctx), parseToolResult(name)));
      } catch (error) {
        if (ctx.mcpReq.signal.aborted || error instanceof UnknownToolError) throw error;
        // A refusal of the protocol (bad arguments, a tampered requestState) goes back as the server gave it.
        if (error instanceof ProtocolError) throw error;
        // The server is down or timed out: the client's model reads that, as the agent's would.
        return hide(
          errorResult(translate("gateway.toolFailed", { tool: name, message: errorMessage(error) })),
        );
      }
    }),
  );

  protocol.setRequestHandler("resources/list", async () =>
    guard(async () => ({
      resources: (await hub.listResources()).map(({ server: _server, ...resource }) => resource),
    })),
  );

  protocol.setRequestHandler("prompts/list", async () =>
    guard(async () => ({
      prompts: (await hub.listPrompts()).map((prompt) => ({
        name: prompt.name,
        ...(prompt.description === undefined ? {} : { description: prompt.description }),
        arguments: prompt.arguments,
      })),
    })),
  );

  registerForwardedRequests(deps, protocol, forward, guard);

  const unsubscribe =
    options.followToolChanges === false
      ? () => {}
      : hub.onToolsChanged(() => {
          if (!server.isConnected()) return;
          void protocol
            .sendToolListChanged()
            .catch((error: unknown) => deps.log?.(`tools/list_changed not sent: ${errorMessage(error)}`));
        });
  // However the session ends (DELETE, the client leaving, `close`), the hub stops calling it.
  protocol.onclose = unsubscribe;

  /** Runs a handler; its result and any error leave with the host's secrets hidden. */
  async function guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return hide(await work());
    } catch (error) {
      if (error instanceof ProtocolError)
        throw new ProtocolError(error.code, hide(stripPrefix(error)), error.data);
      if (error instanceof UnknownToolError)
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, hide(error.message));
      throw new ProtocolError(
        ProtocolErrorCode.InternalError,
        hide(translate("gateway.internal", { message: errorMessage(error) })),
      );
    }
  }

  /** Inside `preguntar_agente`: a call the owner's role may not approve is refused (nowhere to wait). */
  function roleGatewayApprover(self: Approver): Approver {
    const role = requestRole();
    return role === undefined ? self : roleApprover({ role, self, others: "refuse", translate });
  }

  function refusal(outcome: ConfirmationOutcome, tool: string): CallToolResult {
    const key =
      outcome === "decline"
        ? "gateway.refused.declined"
        : outcome === "cancel"
          ? "gateway.refused.cancelled"
          : outcome === "timeout"
            ? "gateway.refused.timeout"
            : "gateway.refused.unconfirmable";
    return errorResult(translate(key, { tool }));
  }

  return {
    server,
    async close() {
      unsubscribe();
      await server.close();
    },
  };
}

/**
 * One redactor per list of secrets: a 2026-07-28 request gets a server of its own, and compiling the
 * secrets' pattern again for each (about 25 µs for two secrets, more with each) was per-call work.
 */
const redactors = new WeakMap<readonly string[], Redactor>();

function redactorOf(secrets: readonly string[]): Redactor {
  const known = redactors.get(secrets);
  if (known !== undefined) return known;
  const redactor = new Redactor(secrets);
  redactors.set(secrets, redactor);
  return redactor;
}

function parseToolResult(tool: string): (result: unknown) => CallToolResult {
  return (result) => parseReply(CallToolResultSchema, result, { what: `the result of ${tool}` });
}

function toMcpTool(tool: ExposedTool): Tool {
  return {
    name: tool.name,
    ...(tool.title === undefined ? {} : { title: tool.title }),
    description: tool.description,
    inputSchema: objectSchema(tool.inputSchema),
    ...(tool.outputSchema === undefined ? {} : { outputSchema: objectSchema(tool.outputSchema) }),
    annotations: tool.annotations,
  };
}

/** One `notifications/progress` per call, numbered, when the client asked for progress with a token. */
function progressSender(
  token: ProgressToken | undefined,
  extra: { mcpReq: { notify: (notification: ServerNotification) => Promise<void> } },
  log: (line: string) => void,
): ((message: string) => void) | undefined {
  if (token === undefined) return undefined;
  let progress = 0;
  return (message) => {
    progress += 1;
    void extra.mcpReq
      .notify({
        method: "notifications/progress",
        params: { progressToken: token, progress, message },
      })
      .catch((error: unknown) => log(`progress not sent: ${errorMessage(error)}`));
  };
}

/** The hub's schema in the SDK's type: always an object, each property a schema object. */
function objectSchema(schema: JsonSchema): Tool["inputSchema"] {
  const { properties, ...rest } = schema;
  if (properties === undefined) return { ...rest, type: "object" };
  const kept: Record<string, JSONObject> = {};
  for (const [key, value] of Object.entries(properties)) if (isJsonObject(value)) kept[key] = value;
  return { ...rest, type: "object", properties: kept };
}

/** A property schema as JSON: the hub parsed it from a server's JSON reply, so this holds unless it was built in code. */
function isJsonObject(value: unknown): value is JSONObject {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(isJsonValue)
  );
}

function isJsonValue(value: unknown): value is JSONValue {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isJsonValue);
  return isJsonObject(value);
}

function unknownTool(name: string, tools: readonly ExposedTool[]): UnknownToolError {
  return new UnknownToolError(name, closeMatches(name, [ASK_AGENT_TOOL, ...tools.map((tool) => tool.name)]));
}

/** `McpError` prefixes its message with `MCP error <code>: `; the copy must not repeat it. */
function stripPrefix(error: ProtocolError): string {
  return error.message.replace(/^MCP error -?\d+: /, "");
}
