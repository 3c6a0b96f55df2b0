/**
 * The environment entry of agente's memory server: each variable it reads that is set, except the
 * endpoints of embedders it does not use. `OLLAMA_HOST` goes in only for `AGENTE_EMBEDDER=ollama[:model]`
 * (and `OPENAI_*` only for `openai[:model]`): a written `${OLLAMA_HOST}` the offline embedder never needs
 * would stop the server from starting the day the variable is unset.
 */
import { MEMORY_VARIABLES, passThrough } from "./default-servers.js";

const EMBEDDER_VARIABLES: Record<string, readonly string[]> = {
  ollama: ["OLLAMA_HOST"],
  openai: ["OPENAI_BASE_URL", "OPENAI_API_KEY"],
};

export function memoryServerEnv(env: Record<string, string | undefined>): Record<string, string> {
  const embedder = (env.AGENTE_EMBEDDER?.trim() || "offline").split(":")[0] ?? "offline";
  const unused = Object.entries(EMBEDDER_VARIABLES)
    .filter(([kind]) => kind !== embedder)
    .flatMap(([, names]) => names);
  return passThrough(
    MEMORY_VARIABLES.filter((name) => !unused.includes(name)),
    env,
  );
}
