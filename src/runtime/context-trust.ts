/**
 * Which configured servers automatic context may come from without asking: agente's own memory server,
 * recognised by the script it runs (a server's name or its self-reported info proves nothing).
 */
import { resolve } from "node:path";
import type { AgentSettings } from "../agent/agent-settings.js";
import type { ServerConfig } from "../config/server-config.js";
import { builtinServerScript } from "../servers/builtin.js";

/** The configured entries that run agente's own memory server. */
export function builtinMemoryEntries(configs: readonly ServerConfig[]): ServerConfig[] {
  const script = builtinServerScript("memory");
  return configs.filter(
    (config) =>
      config.transport === "stdio" &&
      config.args.some((argument) => resolve(config.cwd ?? process.cwd(), argument) === script),
  );
}

export function builtinMemoryServers(configs: readonly ServerConfig[]): string[] {
  return builtinMemoryEntries(configs).map((config) => config.name);
}

/** `settings` with `extra` servers (and the built-in memory servers among `configs`) trusted for context. */
export function withTrustedContext(
  settings: AgentSettings,
  configs: readonly ServerConfig[],
  extra: readonly string[] = [],
): AgentSettings {
  return {
    ...settings,
    context: { ...settings.context, trustedServers: [...builtinMemoryServers(configs), ...extra] },
  };
}
