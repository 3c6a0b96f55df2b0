/**
 * Why a stdio server could not be spawned, beyond "command not found": spawn reports a missing working
 * folder (`cwd`) as ENOENT too, naming the command, which sent users looking for a Node that was there.
 */
import { statSync } from "node:fs";
import type { ServerConfig } from "../config/server-config.js";

/** The configured `cwd` when it is not an existing folder; undefined otherwise. */
export function missingWorkingFolder(config: ServerConfig): string | undefined {
  if (config.transport !== "stdio" || config.cwd === undefined) return undefined;
  try {
    return statSync(config.cwd).isDirectory() ? undefined : config.cwd;
  } catch {
    return config.cwd;
  }
}
