/**
 * Opens the hub for one CLI command and guarantees it closes: on return, on error, and on SIGINT/SIGTERM,
 * so no server child outlives agente.
 */
import type { Command } from "commander";
import { type HubSession, withHubLifetime } from "./hub-lifetime.js";

export type { HubSession };

export function withHub<T>(command: Command, work: (session: HubSession) => Promise<T>): Promise<T> {
  return withHubLifetime(command, ["SIGINT", "SIGTERM"], work);
}
