/**
 * The agent's approval policy (`needsApproval`: destructive tools and `requireApproval` servers) applied to
 * MCP clients. A client that declared elicitation is asked before every such call; for one that did not,
 * the tools are hidden and refused unless `mcpGateway.allowUnconfirmed` allows them.
 */

import type { ElicitResult } from "@modelcontextprotocol/server";
import { SdkError, SdkErrorCode } from "@modelcontextprotocol/server";
import { type ApprovalDecision, type Approver, needsApproval } from "../../agent/approval.js";
import type { ExposedTool } from "../../mcp/tool-hub.js";
import type { GatewaySettings } from "./gateway-settings.js";

/** How long a confirmation may wait for the user before the call is refused. */
export const CONFIRMATION_TIMEOUT_MS = 5 * 60_000;

/** The session's way to ask its user; `ask` is only called when `canAsk` is true. */
export interface ConfirmationChannel {
  canAsk: boolean;
  ask(
    tool: ExposedTool,
    args: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<ElicitResult["action"]>;
}

export type ConfirmationOutcome =
  | "not-needed"
  | "accept"
  | "allowed-unconfirmed"
  | "decline"
  | "cancel"
  | "timeout"
  | "unconfirmable";

export function allowsUnconfirmed(settings: GatewaySettings, tool: ExposedTool): boolean {
  const allowed = settings.allowUnconfirmed;
  return allowed === true || (Array.isArray(allowed) && allowed.includes(tool.server));
}

/** Whether a session whose client can (or cannot) ask its user lists `tool`. */
export function isListed(tool: ExposedTool, canAsk: boolean, settings: GatewaySettings): boolean {
  return !needsApproval(tool) || canAsk || allowsUnconfirmed(settings, tool);
}

/** Asks when the policy says so; a confirmation that times out counts as a refusal. */
export async function confirmCall(
  tool: ExposedTool,
  args: Record<string, unknown>,
  channel: ConfirmationChannel,
  settings: GatewaySettings,
  signal?: AbortSignal,
): Promise<ConfirmationOutcome> {
  if (!needsApproval(tool)) return "not-needed";
  if (!channel.canAsk) return allowsUnconfirmed(settings, tool) ? "allowed-unconfirmed" : "unconfirmable";
  try {
    return await channel.ask(tool, args, signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) return "timeout";
    throw error;
  }
}

export function isApproved(outcome: ConfirmationOutcome): boolean {
  return outcome === "not-needed" || outcome === "accept" || outcome === "allowed-unconfirmed";
}

/** Reasons the agent reads when a tool was refused inside `preguntar_agente` (the model's language: Spanish). */
const AGENT_REASONS: Record<ConfirmationOutcome, string> = {
  "not-needed": "",
  accept: "",
  "allowed-unconfirmed": "",
  decline: "el usuario no lo aprobó",
  cancel: "el usuario canceló la confirmación",
  timeout: "nadie respondió a la confirmación a tiempo",
  unconfirmable: "necesita la confirmación del usuario y el cliente MCP no puede pedirla",
};

/** The agent's `Approver` for one `preguntar_agente` call: the same policy, through the same channel. */
export function gatewayApprover(channel: ConfirmationChannel, settings: GatewaySettings): Approver {
  return {
    async decide({ tool, args, signal }): Promise<ApprovalDecision> {
      const outcome = await confirmCall(tool, args, channel, settings, signal);
      return isApproved(outcome) ? { approved: true } : { approved: false, reason: AGENT_REASONS[outcome] };
    },
  };
}
