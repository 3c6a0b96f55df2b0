/**
 * Opens the hub for one CLI command and guarantees it closes: on return, on error, and on SIGINT/SIGTERM,
 * so no server child outlives agente.
 */
import type { Command } from "commander";
import { checkModelSection } from "../llm/model-settings.js";
import { type HubSession, withHubLifetime } from "./hub-lifetime.js";

export type { HubSession };

export function withHub<T>(command: Command, work: (session: HubSession) => Promise<T>): Promise<T> {
  return withHubLifetime(command, ["SIGINT", "SIGTERM"], (session) => {
    // The model section is part of the config: `"provider": "olama"` fails `servers` too, not only `ask`.
    checkModelSection(session.config.settings.model, session.config.file);
    return work(session);
  });
}
