/**
 * The top-level keys of `agente.json`. Each section is validated by its owner (`model` by the model
 * settings, `agent` by the agent settings, …); here only the names are checked, so a misspelt section
 * (`mcpServer`) is an error instead of a silent zero tools. A layer that adds a section adds its name here.
 */
import { closestWord } from "../util/closest-word.js";
import { ConfigError } from "./config-error.js";
import { describeUnknownKey } from "./unknown-keys.js";

export const TOP_LEVEL_KEYS = [
  "$schema",
  "mcpServers",
  "servers",
  "model",
  "agent",
  "toolRetrieval",
  "mcpGateway",
  "access",
  "oidc",
  "roots",
] as const;

/** Throws a `ConfigError` naming the first unknown top-level key and the closest known one. */
export function checkTopLevelKeys(file: string, config: Record<string, unknown>): void {
  const known: readonly string[] = TOP_LEVEL_KEYS;
  for (const key of Object.keys(config)) {
    if (known.includes(key)) continue;
    const problem = describeUnknownKey(
      { path: key, key, suggestion: closestWord(key, known) },
      TOP_LEVEL_KEYS.filter((name) => name !== "$schema"),
    );
    throw new ConfigError(file, problem);
  }
}
