/**
 * The gateway's settings: the `mcpGateway` section of agente.json, validated. The one policy choice is
 * what happens to tools that need the user's confirmation when the MCP client cannot ask for it.
 */
import { z } from "zod";
import { readConfigSection } from "../../llm/setting-layers.js";

export interface GatewaySettings {
  /**
   * Tools that need approval, for clients without MCP elicitation: `false` leaves them out (the default),
   * `true` lets them run unconfirmed, a list of server names lets only those servers' tools run unconfirmed.
   */
  allowUnconfirmed: boolean | readonly string[];
  /** Most open Streamable HTTP sessions; an `initialize` beyond it gets 503. */
  maxSessions: number;
  /** Most open sessions of one person (or their tokens), so one client cannot take every slot. */
  maxSessionsPerPerson: number;
  /** A Streamable HTTP session with no request for this long is closed. */
  sessionIdleMs: number;
}

export const DEFAULT_GATEWAY_SETTINGS: GatewaySettings = {
  allowUnconfirmed: false,
  maxSessions: 100,
  maxSessionsPerPerson: 10,
  sessionIdleMs: 5 * 60_000,
};

const gatewaySection = z
  .object({
    allowUnconfirmed: z.union([z.boolean(), z.array(z.string().min(1))]).optional(),
    maxSessions: z.number().int().min(1).max(10_000).optional(),
    maxSessionsPerPerson: z.number().int().min(1).max(10_000).optional(),
    sessionIdleMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .optional(),
  })
  .strict();

/** `section` is `config.settings.mcpGateway`; `allowUnconfirmed` (a flag such as `--yes`) overrides the file. */
export function resolveGatewaySettings(
  section: unknown,
  overrides: { allowUnconfirmed?: boolean } = {},
): GatewaySettings {
  const config = readConfigSection(gatewaySection, section, "mcpGateway");
  const defaults = DEFAULT_GATEWAY_SETTINGS;
  return {
    allowUnconfirmed: overrides.allowUnconfirmed ?? config.allowUnconfirmed ?? defaults.allowUnconfirmed,
    maxSessions: config.maxSessions ?? defaults.maxSessions,
    maxSessionsPerPerson: config.maxSessionsPerPerson ?? defaults.maxSessionsPerPerson,
    sessionIdleMs:
      config.sessionIdleMinutes === undefined ? defaults.sessionIdleMs : config.sessionIdleMinutes * 60_000,
  };
}
