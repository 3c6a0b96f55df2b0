/**
 * Starts the MCP servers a scenario set needs, once, as real child processes through the hub: a name is a
 * fixture catalogue (`<catalogues>/<name>.json`, served by the catalogue server) or, failing that, an entry
 * of the user's `mcpServers` config (to evaluate against real servers).
 */
import { access } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerConfig } from "../config/server-config.js";
import { type HubOptions, McpHub } from "../mcp/hub.js";
import { UserError } from "../util/errors.js";
import type { Scenario } from "./scenario.js";
import { fixtureServerConfig } from "./servers/fixture-entry.js";

/** The catalogues shipped with agente (`eval/servers`), from `src/eval` or `dist/eval` alike. */
export const SHIPPED_CATALOGUES = fileURLToPath(new URL("../../eval/servers/", import.meta.url));

export function serverNames(scenarios: readonly Scenario[]): string[] {
  return [...new Set(scenarios.flatMap((scenario) => scenario.servers))].sort();
}

export async function resolveServers(
  names: readonly string[],
  options: { catalogueDirectories: readonly string[]; configured?: readonly ServerConfig[] },
): Promise<ServerConfig[]> {
  const configs: ServerConfig[] = [];
  for (const name of names) {
    const catalogue = await firstExisting(
      options.catalogueDirectories.map((directory) => join(directory, `${name}.json`)),
    );
    if (catalogue !== undefined) {
      configs.push(fixtureServerConfig(name, catalogue));
      continue;
    }
    const configured = options.configured?.find((config) => config.name === name);
    if (configured !== undefined) {
      configs.push(configured);
      continue;
    }
    throw new UserError(`scenario server "${name}" is neither a fixture catalogue nor a configured server`, {
      hint: `add ${name}.json to ${options.catalogueDirectories.join(" or ")}, or an mcpServers entry named ${name}`,
    });
  }
  return configs;
}

/** Starts the hub and insists every server is up: a scenario against a missing server measures nothing. */
export async function startEvalHub(configs: ServerConfig[], options: HubOptions = {}): Promise<McpHub> {
  const hub = await McpHub.start(configs, options);
  const down = hub.statuses().filter((status) => status.state !== "up");
  if (down.length > 0) {
    await hub.close();
    const detail = down.map((status) => `${status.name} (${status.reason ?? status.state})`).join(", ");
    throw new UserError(`eval servers did not start: ${detail}`, {
      hint: "run `agente servers` with the same config to see why",
    });
  }
  return hub;
}

async function firstExisting(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) {
    try {
      await access(path);
      return path;
    } catch {
      // Not there: try the next directory.
    }
  }
  return undefined;
}
