/**
 * Opens the memory from its settings, for the server entry point and the CLI alike. The settings come
 * from environment variables: `AGENTE_MEMORY_URL` (postgres://… selects PostgreSQL), else
 * `AGENTE_MEMORY_PATH` (SQLite file, default in the per-user data folder), `AGENTE_EMBEDDER` with the
 * variables its providers read, and `AGENTE_MEMORY_ROOTS`.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { createEmbedder } from "../embedders/create-embedder.js";
import { defaultEmbedder } from "../embedders/default-embedder.js";
import type { Embedder } from "../embedders/embedder.js";
import type { Fetch } from "../embedders/http-embedder.js";
import { localised } from "../i18n/localised.js";
import { UserError } from "../util/errors.js";
import { Memory } from "./memory.js";
import { PostgresStore } from "./postgres-store.js";
import { rootsFromEnv } from "./roots.js";
import { SqliteStore } from "./sqlite-store.js";
import type { MemoryStore } from "./store.js";
import { storedEmbedderSpec } from "./stored-embedder.js";

/** The variables the embedder reads (see create-embedder.ts). */
const EMBEDDER_VARIABLES = [
  "AGENTE_EMBEDDER",
  "AGENTE_EMBEDDER_URL",
  "AGENTE_EMBEDDER_SHA256",
  "OLLAMA_HOST",
  "OPENAI_BASE_URL",
  "OPENAI_API_KEY",
  // Where a downloaded embedding model is cached.
  "XDG_CACHE_HOME",
  "HOME",
  // The language of the line that tells of a fallback to USE-lite.
  "AGENTE_LANG",
  "LC_ALL",
  "LC_MESSAGES",
  "LANG",
] as const;

export interface MemorySettings {
  /** `postgres://…`: the PostgreSQL store; undefined: the SQLite file at `path`. */
  url: string | undefined;
  path: string;
  /** The embedder's variables (`AGENTE_EMBEDDER` and its providers'). */
  embedder: Partial<Record<(typeof EMBEDDER_VARIABLES)[number], string>>;
  /** The folders ingest may read (`AGENTE_MEMORY_ROOTS`), resolved; undefined when none are configured. */
  roots: string[] | undefined;
}

/** `${XDG_DATA_HOME:-~/.local/share}/agente/memory.db`. */
export function defaultMemoryPath(env: NodeJS.ProcessEnv): string {
  const dataHome = env.XDG_DATA_HOME?.trim() || join(env.HOME?.trim() || homedir(), ".local", "share");
  return join(dataHome, "agente", "memory.db");
}

/**
 * The settings from one or more sets of variables, the first set that has a variable winning (e.g. the
 * config's `memory` server entry, then the process environment). Relative roots resolve against `cwd`.
 */
export function memorySettings(sources: readonly NodeJS.ProcessEnv[], cwd: string): MemorySettings {
  const read = (name: string): string | undefined => {
    for (const source of sources) {
      const value = source[name];
      if (value !== undefined && value !== "") return value;
    }
    return undefined;
  };
  const url = read("AGENTE_MEMORY_URL")?.trim() || undefined;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    throw new UserError(localised("errorsMemory.badUrl"), { hint: localised("errorsMemory.badUrlHint") });
  }
  const embedder: MemorySettings["embedder"] = {};
  for (const name of EMBEDDER_VARIABLES) {
    const value = read(name);
    if (value !== undefined) embedder[name] = value;
  }
  const roots = read("AGENTE_MEMORY_ROOTS")?.trim();
  return {
    url,
    path:
      read("AGENTE_MEMORY_PATH")?.trim() ||
      defaultMemoryPath({ XDG_DATA_HOME: read("XDG_DATA_HOME"), HOME: read("HOME") }),
    embedder,
    roots: roots ? rootsFromEnv({ AGENTE_MEMORY_ROOTS: roots }, cwd) : undefined,
  };
}

export async function openStore(settings: MemorySettings): Promise<MemoryStore> {
  // The server, `serve` and the CLI all search soon after opening: start loading the vector index now.
  if (settings.url !== undefined) return PostgresStore.connect({ url: settings.url, preloadIndex: true });
  return new SqliteStore({ path: settings.path, preloadIndex: true });
}

export interface OpenMemoryOptions {
  fetch?: Fetch;
  /** Where the line about falling back to USE-lite goes; default stderr. */
  warn?: (line: string) => void;
}

export async function openMemory(settings: MemorySettings, options: OpenMemoryOptions = {}): Promise<Memory> {
  const store = await openStore(settings);
  try {
    return new Memory({ store, embedder: await embedderFor(store, settings, options) });
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * `AGENTE_EMBEDDER` when set; else the embedder the store was built with; else, for a new store, the
 * multilingual GGUF model with USE-lite as its fallback (whichever is used is what the store records).
 */
async function embedderFor(
  store: MemoryStore,
  settings: MemorySettings,
  options: OpenMemoryOptions,
): Promise<Embedder | undefined> {
  if (settings.embedder.AGENTE_EMBEDDER?.trim()) return createEmbedder(settings.embedder, options.fetch);
  const stored = storedEmbedderSpec((await store.stats()).collections, settings.embedder);
  if (stored === undefined)
    return defaultEmbedder(settings.embedder, options.warn === undefined ? {} : { warn: options.warn });
  return createEmbedder({ ...settings.embedder, AGENTE_EMBEDDER: stored }, options.fetch);
}
