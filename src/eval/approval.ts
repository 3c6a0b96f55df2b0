/**
 * Approval in `agente eval`: the shipped fixture servers only pretend (their tools have no effects), so
 * their calls run; a configured server's tools follow the agent's rule (`--yes`, a terminal, or refused),
 * because a scenario naming the user's own server acts on the user's own data.
 */
import type { Approver } from "../agent/approval.js";

export function approveFixtureServers(fixtureServers: ReadonlySet<string>, others: Approver): Approver {
  return {
    decide: (request) =>
      fixtureServers.has(request.tool.server) ? Promise.resolve({ approved: true }) : others.decide(request),
  };
}
