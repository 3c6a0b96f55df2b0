/**
 * The agent's approval rule for commands that call tools outside a chat turn (`agente tools call`,
 * `agente eval` on configured servers): a call that needs approval runs with `--yes`, is asked about on a
 * terminal, and is refused without one.
 */
import { type Approver, approveAll, needsApproval } from "../agent/approval.js";
import type { Translator } from "../i18n/translator.js";
import type { ExposedTool } from "../mcp/tool-hub.js";
import { UserError } from "../util/errors.js";
import { askOnTerminal } from "./terminal-question.js";

/** Why `tool` needs approval, in the user's language. */
export function approvalReason(tool: ExposedTool, t: Translator): string {
  return tool.serverRequiresApproval
    ? t("security.approval.whyServer", { server: tool.server })
    : t("security.approval.whyDestructive");
}

/**
 * `--yes` approves; on a terminal the user is asked; without one the call is refused with a reason that
 * says how to allow it.
 */
export function commandApprover(
  yes: boolean | undefined,
  t: Translator,
  ask: ((question: string) => Promise<string | undefined>) | undefined = process.stdin.isTTY
    ? askOnTerminal
    : undefined,
): Approver {
  if (yes === true) return approveAll;
  return {
    async decide({ tool, args }) {
      if (ask === undefined)
        return {
          approved: false,
          reason: t("security.approval.noTerminal", { tool: tool.name, why: approvalReason(tool, t) }),
        };
      const reply = await ask(
        t("security.approval.question", { tool: tool.name, args: JSON.stringify(args) }),
      );
      if (reply !== undefined && /^(s|si|sí|y|yes)$/i.test(reply.trim())) return { approved: true };
      return { approved: false, reason: t("security.approval.declined", { tool: tool.name }) };
    },
  };
}

/** Runs the approval rule for one direct call; throws a `UserError` when the call may not run. */
export async function requireApproval(
  tool: ExposedTool,
  args: Record<string, unknown>,
  approver: Approver,
): Promise<void> {
  if (!needsApproval(tool)) return;
  const decision = await approver.decide({ tool, args });
  if (!decision.approved) throw new UserError(decision.reason);
}
