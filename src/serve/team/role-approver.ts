/**
 * Who approves a person's destructive call. Their own role may approve it: they are asked themselves (the
 * page's card, `self`). It may not: the turn is suspended until an approver decides (`AwaitingApproverError`,
 * caught by the agent service, which stores the turn's continuation), or, where no turn can wait (the
 * OpenAI API without a conversation), the call is refused and the model is told why.
 */
import type { ApprovalDecision, ApprovalRequest, Approver } from "../../agent/approval.js";
import type { Translator } from "../../i18n/translator.js";
import type { ExposedTool } from "../../mcp/tool-hub.js";
import { type Role, roleMayApprove } from "./access-policy.js";

/** Thrown out of the turn when its call must wait for someone else: the turn is stored, not lost. */
export class AwaitingApproverError extends Error {
  readonly tool: ExposedTool;
  constructor(tool: ExposedTool) {
    super(`${tool.name} waits for the approval of another person`);
    this.name = new.target.name;
    this.tool = tool;
  }
}

export function roleApprover(options: {
  role: Role;
  /** How the person approves for themselves (the page, or the API's refusal). */
  self: Approver;
  /** `wait`: a stored turn that can be suspended; `refuse`: nowhere to wait. */
  others: "wait" | "refuse";
  /** The model's language. */
  translate: Translator;
}): Approver {
  return {
    async decide(request: ApprovalRequest): Promise<ApprovalDecision> {
      if (roleMayApprove(options.role, request.tool)) return options.self.decide(request);
      if (options.others === "wait") throw new AwaitingApproverError(request.tool);
      return {
        approved: false,
        reason: options.translate("approvals.model.needsApprover", { tool: request.tool.name }),
      };
    },
  };
}
