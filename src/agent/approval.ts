/**
 * Which tool calls need the user's consent, and who gives it. Read-only tools run; tools the server marks
 * `destructiveHint: true`, and every tool of a server the config marks `requireApproval`, are asked about
 * in interactive mode and refused without a terminal unless the user passed `--yes`.
 */
import type { ExposedTool } from "../mcp/tool-hub.js";

export interface ApprovalRequest {
  tool: ExposedTool;
  args: Record<string, unknown>;
  signal?: AbortSignal;
}

/** `approver`: who decided (a team's approver); `expired`: nobody decided in time. */
export type ApprovalDecision =
  | { approved: true; approver?: string }
  | { approved: false; reason: string; approver?: string; expired?: boolean };

export interface Approver {
  decide(request: ApprovalRequest): Promise<ApprovalDecision>;
}

export function needsApproval(tool: ExposedTool): boolean {
  if (tool.serverRequiresApproval) return true;
  // A tool that says it is both read-only and destructive is lying about one of them: assume the worse.
  return tool.annotations.destructiveHint === true;
}

/** For `--yes`: every call is approved. */
export const approveAll: Approver = {
  decide: async () => ({ approved: true }),
};

/** Without a terminal and without `--yes`: nobody can say yes. */
export const refuseWithoutTerminal: Approver = {
  decide: async ({ tool }) => ({
    approved: false,
    reason: `${tool.name} necesita aprobación del usuario y no hay terminal para pedirla (ejecuta agente con --yes para permitirla)`,
  }),
};
