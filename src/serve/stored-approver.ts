/**
 * Approval of destructive tools in the web chat. The request is a row in the conversation store and the
 * turn polls that row until the user decides: the decision can reach any replica (the page posts it to
 * whichever one the load balancer picks), and nothing about it lives in the memory of the replica that
 * runs the turn. A denial reaches the model as the observation "the user did not approve".
 */
import type { Approver } from "../agent/approval.js";
import { maskSecretArguments } from "../util/secret-fields.js";
import type { ConversationStore } from "./conversation-store.js";
import type { Person } from "./team/person.js";
import type { TurnEventListener } from "./turn-events.js";

export interface StoredApproverOptions {
  store: ConversationStore;
  sessionId: string;
  emit: TurnEventListener;
  /** Who asks (the only person besides approvers who may decide it). */
  requester?: Person;
  /** How often the turn reads the decision. Default 200 ms. */
  pollMs?: number;
  /** After this long without a decision the call is denied. Default 10 minutes. */
  timeoutMs?: number;
  now?: () => number;
}

export function storedApprover(options: StoredApproverOptions): Approver {
  const pollMs = options.pollMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const now = options.now ?? (() => performance.now());
  return {
    async decide({ tool, args, signal }) {
      const approval = await options.store.createApproval({
        sessionId: options.sessionId,
        tool: tool.name,
        args: maskSecretArguments(args),
        kind: "self",
        server: tool.server,
        originalTool: tool.originalName,
        ...(options.requester === undefined
          ? {}
          : { requester: { id: options.requester.id, name: options.requester.name } }),
      });
      options.emit({
        type: "approval_request",
        id: approval.id,
        tool: tool.name,
        arguments: approval.args,
      });
      const deadline = now() + timeoutMs;
      for (;;) {
        const current = await options.store.getApproval(approval.id);
        if (current === undefined) return { approved: false, reason: "la aprobación ya no existe" };
        if (current.status === "approved") return { approved: true };
        if (current.status === "denied")
          return {
            approved: false,
            reason: current.reason ? `el usuario no lo aprobó: ${current.reason}` : "el usuario no lo aprobó",
          };
        if (signal?.aborted || now() > deadline) {
          const reason = signal?.aborted ? "turno cancelado" : "nadie respondió a tiempo";
          await options.store.decideApproval(approval.id, false, reason);
          return { approved: false, reason: `el usuario no lo aprobó (${reason})` };
        }
        await sleep(pollMs, signal);
      }
    },
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
