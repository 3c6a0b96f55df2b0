/**
 * The environment agente's memory server runs with: the process environment under the `env` block of its
 * `mcpServers` entry. Uploaded documents go to that memory, and conversations are stored beside it (or in
 * its PostgreSQL), so both must read the variables the memory server itself reads.
 */
import type { LoadedConfig } from "../config/load-config.js";
import { builtinMemoryEntries } from "./context-trust.js";

export function memoryEnvironment(
  config: Pick<LoadedConfig, "servers">,
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const [memory] = builtinMemoryEntries(config.servers);
  return memory?.transport === "stdio" ? { ...env, ...memory.env } : env;
}
