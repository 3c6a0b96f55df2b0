/**
 * Where downloaded models live: `$XDG_CACHE_HOME/agente/models`, else `~/.cache/agente/models`.
 * A cache, not configuration: deleting it only costs a new download.
 */
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

export function modelCacheFolder(env: NodeJS.ProcessEnv, home: string = homedir()): string {
  const xdg = env.XDG_CACHE_HOME?.trim();
  // The XDG spec says a relative path is invalid and must be ignored.
  const base = xdg !== undefined && xdg !== "" && isAbsolute(xdg) ? xdg : join(home, ".cache");
  return join(base, "agente", "models");
}
