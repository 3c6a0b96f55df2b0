/**
 * The environment agente's memory server runs with: the process environment under the `env` block of its
 * `mcpServers` entry. Uploaded documents go to that memory, and conversations are stored beside it (or in
 * its PostgreSQL), so both must read the variables the memory server itself reads.
 */
import type { LoadedConfig } from "../config/load-config.js";
import { builtinServerScript } from "../servers/builtin.js";

export function memoryEnvironment(
  config: Pick<LoadedConfig, "servers">,
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const script = builtinServerScript("memory");
  const memory = config.servers.find(
    (server) => server.transport === "stdio" && server.args.some((argument) => argument === script),
  );
  return memory?.transport === "stdio" ? { ...env, ...memory.env } : env;
}
