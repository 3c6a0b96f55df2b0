/**
 * Where approvals are decided: who may see and decide which request, the one atomic claim of a decision
 * (whichever replica receives it), the turn going on after it, and the sweeper that expires what nobody
 * decided in time. Every replica runs a sweeper; the claim makes each expiry happen once.
 */
import { errorMessage } from "../../util/errors.js";
import type { AgentService } from "../agent-service.js";
import type { ClaimedApproval, StoredApproval } from "../conversation-store.js";
import { roleMayApprove } from "./access-policy.js";
import type { Person } from "./person.js";

/**
 * A decided turn not finished this long after its claim is taken over by another replica's sweeper. Longer
 * than any turn should take: a slow but living replica must not be overtaken.
 */
export const TAKEOVER_MS = 10 * 60_000;

export type DeskAnswer =
  | { ok: true; approval: StoredApproval }
  | { ok: false; status: 403 | 404 | 409; message: string };

export class ApprovalDesk {
  private readonly service: AgentService;
  private readonly log: (line: string) => void;
  /** Turns going on after a decision or an expiry: awaited on close. */
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(options: { service: AgentService; log?: (line: string) => void }) {
    this.service = options.service;
    this.log = options.log ?? (() => {});
  }

  /** What a person sees: the requests their role may decide (not their own), and their own that wait. */
  async pendingFor(person: Person): Promise<{ approvals: StoredApproval[]; waiting: StoredApproval[] }> {
    const all = await this.service.store.waitingApprovals();
    return {
      approvals: all.filter((approval) => this.mayDecide(person, approval) && !this.asked(person, approval)),
      waiting: all.filter((approval) => this.asked(person, approval)),
    };
  }

  /** A decision: refused (403) for the requester and for roles that may not approve the tool. */
  async decide(
    id: string,
    person: Person,
    decision: { approved: boolean; reason?: string },
  ): Promise<DeskAnswer> {
    const store = this.service.store;
    const approval = await store.getApproval(id);
    if (approval === undefined) return { ok: false, status: 404, message: `no approval ${id}` };
    if (approval.kind === "self") {
      // The requester's own card in their page (or an approver on their behalf).
      if (
        approval.requester !== undefined &&
        !this.asked(person, approval) &&
        !this.mayDecide(person, approval)
      )
        return {
          ok: false,
          status: 403,
          message: `only ${approval.requester.name} or an approver decides this`,
        };
      if (!(await store.decideApproval(id, decision.approved, decision.reason)))
        return { ok: false, status: 409, message: "this approval is unknown or already decided" };
      return { ok: true, approval };
    }
    if (this.asked(person, approval))
      return {
        ok: false,
        status: 403,
        message: `you asked for ${approval.tool}: a person whose role may approve it must decide`,
      };
    if (!this.mayDecide(person, approval))
      return {
        ok: false,
        status: 403,
        message: `your role ${person.role} may not approve ${approval.server ?? "?"}/${approval.originalTool ?? approval.tool}`,
      };
    const claimed = await store.claimApproval(id, {
      approved: decision.approved,
      decidedBy: person.name,
      at: this.service.now(),
      ...(decision.reason === undefined ? {} : { reason: decision.reason }),
    });
    if (claimed === undefined)
      return { ok: false, status: 409, message: "this approval was already decided or has expired" };
    await this.service.audit?.record({
      kind: "approval_decided",
      actor: person.name,
      ...(approval.requester === undefined ? {} : { subject: approval.requester.name }),
      ...this.toolOf(approval),
      decision: decision.approved ? "approved" : "denied",
      approver: person.name,
    });
    this.goOn(claimed);
    return { ok: true, approval: claimed.approval };
  }

  /**
   * Expires what nobody decided in time (each expired turn goes on with the model told), and takes over
   * decided turns whose replica died before storing the answer (claimed longer than `TAKEOVER_MS` ago).
   */
  async sweep(): Promise<number> {
    const now = this.service.now();
    const stalled = await this.service.store.reclaimStalledApprovals(
      now,
      new Date(now.getTime() - TAKEOVER_MS),
    );
    for (const claimed of stalled) this.goOn(claimed);
    const expired = await this.service.store.claimExpiredApprovals(now);
    for (const claimed of expired) {
      await this.service.audit?.record({
        kind: "approval_expired",
        actor: "system",
        ...(claimed.approval.requester === undefined ? {} : { subject: claimed.approval.requester.name }),
        ...this.toolOf(claimed.approval),
        decision: "expired",
      });
      this.goOn(claimed);
    }
    return expired.length + stalled.length;
  }

  /** Sweeps every `intervalMs` until closed. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.log(`! approvals sweep: ${errorMessage(error)}`));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the sweeper and waits for the turns going on. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([...this.running]);
  }

  private goOn(claimed: ClaimedApproval): void {
    const turn = this.service
      .resume(claimed)
      .catch((error: unknown) => this.log(`! approval ${claimed.approval.id}: ${errorMessage(error)}`))
      .finally(() => this.running.delete(turn));
    this.running.add(turn);
  }

  private asked(person: Person, approval: StoredApproval): boolean {
    return approval.requester?.id === person.id;
  }

  private mayDecide(person: Person, approval: StoredApproval): boolean {
    const role = this.service.access.roles.get(person.role);
    if (role === undefined || approval.server === undefined) return false;
    return roleMayApprove(role, {
      server: approval.server,
      originalName: approval.originalTool ?? approval.tool,
      annotations: {},
    });
  }

  private toolOf(approval: StoredApproval): { server?: string; tool: string; args: Record<string, unknown> } {
    return {
      ...(approval.server === undefined ? {} : { server: approval.server }),
      tool: approval.originalTool ?? approval.tool,
      args: approval.args,
    };
  }
}
