/**
 * Finds, reads and validates `agente.json`. Search order: `--config FILE`, `$AGENTE_CONFIG`, `./agente.json`,
 * `$XDG_CONFIG_HOME/agente/agente.json` (default `~/.config/agente/agente.json`); with none, the default
 * servers (agente's own, started as `builtin` says). `.env` in the working folder fills `${VAR}`s (the real environment wins).
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import { localised } from "../i18n/localised.js";
import { errorMessage } from "../util/errors.js";
import { ConfigError } from "./config-error.js";
import { type BuiltinServerCommand, defaultServerEntries } from "./default-servers.js";
import { readDotenv } from "./dotenv-file.js";
import { expandVariables } from "./expand-variables.js";
import { jsonSyntaxProblem } from "./json-position.js";
import { parseServerEntry, type ServerConfig } from "./server-config.js";
import { checkTopLevelKeys } from "./top-level-keys.js";
import { COMMENT_KEYS } from "./unknown-keys.js";

export interface LoadConfigOptions {
  /** An explicit file (`--config`): it must exist. */
  path?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How agente's own servers start, for the defaults used when no file exists; without it, no defaults. */
  builtin?: BuiltinServerCommand;
}

export interface LoadedConfig {
  /** The file read, or undefined when running on the built-in defaults. */
  file: string | undefined;
  servers: ServerConfig[];
  /** Every other top-level key (`model`, `agent`, `memory`, …), `${VAR}`-expanded, validated by its owner. */
  settings: Record<string, unknown>;
  /** The environment used for expansion: the process environment over `.env`. */
  env: Record<string, string | undefined>;
}

/** A JSON object (not an array, not null): the file's top level, and its table of servers. */
const jsonObject = z.record(z.string(), z.unknown());

export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const env = { ...(await readDotenv(join(cwd, ".env"))), ...(options.env ?? process.env) };
  const file = await findConfigFile(options.path, cwd, env);
  if (file === undefined) {
    return {
      file,
      servers:
        options.builtin === undefined
          ? []
          : parseServers("(built-in defaults)", defaultServerEntries(env, options.builtin), env),
      settings: {},
      env,
    };
  }
  const top = jsonObject.safeParse(stripComments(await readJson(file)));
  if (!top.success) {
    throw new ConfigError(file, localised("errorsConfig.notObject"));
  }
  checkTopLevelKeys(file, top.data);
  const { mcpServers, servers, ...rest } = top.data;
  const entries = jsonObject.safeParse(mcpServers ?? servers ?? {});
  if (!entries.success) {
    throw new ConfigError(file, localised("errorsConfig.serversNotObject"), {
      field: mcpServers ? "mcpServers" : "servers",
    });
  }
  const settings = expandVariables(rest, env).value;
  return { file, servers: parseServers(file, entries.data, env), settings, env };
}

function parseServers(
  file: string,
  entries: Record<string, unknown>,
  env: Record<string, string | undefined>,
) {
  return Object.entries(entries).map(([name, entry]) => {
    if (name.trim() === "") throw new ConfigError(file, localised("errorsConfig.emptyServerName"));
    const expanded = expandVariables(entry, env);
    const parsed = parseServerEntry(name, expanded.value, expanded.missing);
    if (!parsed.ok) throw new ConfigError(file, parsed.problemText, { server: name, field: parsed.field });
    return parsed.config;
  });
}

async function findConfigFile(
  explicit: string | undefined,
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<string | undefined> {
  const chosen = explicit ?? env.AGENTE_CONFIG;
  if (chosen) {
    const file = resolve(cwd, chosen);
    if (!(await exists(file))) {
      throw new ConfigError(file, localised("errorsConfig.missingFile"), {}, undefined);
    }
    return file;
  }
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  for (const candidate of [join(cwd, "agente.json"), join(configHome, "agente", "agente.json")]) {
    if (await exists(candidate)) return candidate;
  }
  return undefined;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(
      file,
      localised("errorsConfig.unreadable", { reason: errorMessage(error) }),
      {},
      error,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      file,
      localised("errorsConfig.badJson", { problem: jsonSyntaxProblem(text, error) }),
      {},
      error,
    );
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await readFile(file);
    return true;
  } catch (error) {
    const code = error instanceof Error && "code" in error ? error.code : undefined;
    if (code === "ENOENT") return false;
    if (code === "EISDIR") throw new ConfigError(file, localised("errorsConfig.isFolder"));
    return true; // exists but unreadable: readJson reports why
  }
}

function stripComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripComments);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !COMMENT_KEYS.has(key))
        .map(([key, child]) => [key, stripComments(child)]),
    );
  }
  return value;
}
