/**
 * Every tool call of a serve turn goes into the audit trail, read from the agent's own events (the same
 * ones the trace writes): the action names the tool and its arguments, an approval event the decision, and
 * the observation ends the call with its outcome and duration. Arguments are stored with secrets hidden:
 * masked by name (`maskSecretArguments`) and the host's secrets replaced (`Redactor`).
 */
import type { AgentEvent } from "../../agent/agent-events.js";
import type { ExposedTool } from "../../mcp/tool-hub.js";
import { maskSecretArguments } from "../../util/secret-fields.js";
import type { Redactor } from "../../util/secret-redaction.js";
import type { AuditEntry, AuditLog } from "./audit-log.js";

export interface ToolCallAuditOptions {
  log: AuditLog;
  /** `Person.name` of the turn's person. */
  actor: string;
  tools: () => readonly ExposedTool[];
  redactor: Redactor;
}

interface PendingCall {
  tool: string;
  args: Record<string, unknown>;
  decision: NonNullable<AuditEntry["decision"]>;
  approver?: string;
}

export class ToolCallAudit {
  private readonly options: ToolCallAuditOptions;
  /** The call of each step, from its action to its observation. */
  private readonly pending = new Map<number, PendingCall>();
  private readonly writes: Array<Promise<void>> = [];

  constructor(options: ToolCallAuditOptions) {
    this.options = options;
  }

  /** Feeds one agent event of the turn. */
  readonly onEvent = (event: AgentEvent): void => {
    if (event.type === "action" && event.action.kind === "tool")
      this.pending.set(event.step, {
        tool: event.action.tool,
        args: event.action.args,
        decision: "auto",
      });
    else if (event.type === "approval") {
      const call = this.pending.get(event.step);
      if (call === undefined) return;
      call.decision = event.approved ? "approved" : event.expired === true ? "expired" : "denied";
      if (event.approver !== undefined) call.approver = event.approver;
    } else if (event.type === "observation") {
      const call = this.pending.get(event.step);
      // A repeated call ran no tool (the loop guard answered from the earlier result).
      if (call === undefined || call.tool !== event.tool || event.repeated) return;
      this.pending.delete(event.step);
      const refused = call.decision === "denied" || call.decision === "expired";
      this.write(call, refused ? "refused" : event.isError ? "error" : "ok", event.durationMs);
    }
  };

  /** Waits for every entry of the turn to be written; throws the first failed write. */
  async settled(): Promise<void> {
    await Promise.all(this.writes);
  }

  private write(call: PendingCall, outcome: "ok" | "error" | "refused", durationMs: number): void {
    const tool = this.options.tools().find((candidate) => candidate.name === call.tool);
    const entry: AuditEntry = {
      kind: "tool_call",
      actor: this.options.actor,
      server: tool?.server ?? "",
      tool: tool?.originalName ?? call.tool,
      args: this.options.redactor.value(maskSecretArguments(call.args)),
      decision: call.decision,
      ...(call.approver === undefined ? {} : { approver: call.approver }),
      outcome,
      durationMs: Math.round(durationMs * 1000) / 1000,
    };
    this.writes.push(this.options.log.record(entry));
  }
}
