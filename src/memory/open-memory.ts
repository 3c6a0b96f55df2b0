/**
 * Builds the memory from the environment, for the server entry point and the CLI:
 * `AGENTE_MEMORY_URL` (postgres://… selects PostgreSQL), else `AGENTE_MEMORY_PATH` (SQLite file, default in
 * the per-user data folder), and `AGENTE_EMBEDDER`.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { UserError } from "../util/errors.js";
import { createEmbedder } from "./embedders/create-embedder.js";
import type { Fetch } from "./embedders/http-embedder.js";
import { storedEmbedderSpec } from "./embedders/stored-embedder.js";
import { Memory } from "./memory.js";
import { PostgresStore } from "./postgres-store.js";
import { SqliteStore } from "./sqlite-store.js";
import type { MemoryStore } from "./store.js";

/** `${XDG_DATA_HOME:-~/.local/share}/agente/memory.db`. */
export function defaultMemoryPath(env: NodeJS.ProcessEnv): string {
  const dataHome = env.XDG_DATA_HOME?.trim() || join(env.HOME?.trim() || homedir(), ".local", "share");
  return join(dataHome, "agente", "memory.db");
}

export async function openStore(env: NodeJS.ProcessEnv): Promise<MemoryStore> {
  const url = env.AGENTE_MEMORY_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new UserError("AGENTE_MEMORY_URL must be a postgres:// connection string", {
        hint: "unset it to use the SQLite file (AGENTE_MEMORY_PATH), or give postgres://user:password@host/db",
      });
    }
    return PostgresStore.connect({ url });
  }
  return new SqliteStore({ path: env.AGENTE_MEMORY_PATH?.trim() || defaultMemoryPath(env) });
}

export async function openMemory(env: NodeJS.ProcessEnv, fetchFunction?: Fetch): Promise<Memory> {
  const store = await openStore(env);
  try {
    // Without AGENTE_EMBEDDER the store keeps the embedder it was built with (USE-lite for a new one).
    const chosen = env.AGENTE_EMBEDDER?.trim()
      ? env
      : { ...env, AGENTE_EMBEDDER: storedEmbedderSpec((await store.stats()).collections, env) };
    return new Memory({ store, embedder: createEmbedder(chosen, fetchFunction) });
  } catch (error) {
    await store.close();
    throw error;
  }
}
