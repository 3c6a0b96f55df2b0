/**
 * The starter `agente.json` that `agente init` writes: the seed's topology (memory, Odoo, filesystem,
 * PostgreSQL, Google Maps) as `mcpServers` entries, each with a `"//"` comment key that the config
 * loader ignores. Building it is a pure function of the options and the environment; where the server
 * scripts live is passed in, so tests need no file system.
 *
 * Secrets never go in the file: connection strings and keys are written as `${VAR}` and filled from
 * the environment or `.env` when agente starts.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { z } from "zod";
import { parseReply } from "../util/parse-reply.js";
import {
  type BuiltinServerCommand,
  ODOO_VARIABLES,
  passThrough,
  type ServerCommand,
} from "./default-servers.js";
import { memoryServerEnv } from "./memory-env.js";

export type { ServerCommand };

/** The community servers agente ships as pinned npm dependencies. */
export const COMMUNITY_PACKAGES = {
  filesystem: "@modelcontextprotocol/server-filesystem",
  postgres: "@modelcontextprotocol/server-postgres",
  googleMaps: "@modelcontextprotocol/server-google-maps",
} as const;

export type CommunityServer = keyof typeof COMMUNITY_PACKAGES;

/** Tools of the filesystem server that change files: hidden unless writes are asked for. */
export const FILESYSTEM_WRITE_TOOLS = ["write_file", "edit_file", "create_directory", "move_file"] as const;

const ODOO_REQUIRED_VARIABLES = ["ODOO_URL", "ODOO_DB", "ODOO_USER", "ODOO_API_KEY", "ODOO_PASSWORD"];
const ODOO_OPTIONAL_VARIABLES = ODOO_VARIABLES.filter((name) => !ODOO_REQUIRED_VARIABLES.includes(name));

export interface StarterConfigOptions {
  /** The folder the filesystem server may read (absolute). */
  folder: string;
  /** Expose the filesystem server's write tools too. Default false: read-only. */
  allowFileWrites?: boolean;
  /** True when a PostgreSQL connection string was given (`--database-url` or `DATABASE_URL`). */
  database?: boolean;
  /** The environment at init time: decides which entries are enabled and which variables are listed. */
  env: Record<string, string | undefined>;
  /** How agente's own servers start (`builtinServer(name)`). */
  builtin: BuiltinServerCommand;
  /** How a community server starts (`communityServer(name)`). */
  community: (name: CommunityServer) => ServerCommand;
  /** The file's top comment; the default says `agente init` wrote it. */
  comment?: string;
}

/** A config object ready for `JSON.stringify`. Comment keys are `"//"`. */
export type StarterConfig = {
  "//": string;
  mcpServers: Record<string, Record<string, unknown>>;
};

const reference = (name: string) => `\${${name}}`;

function isSet(env: Record<string, string | undefined>, name: string): boolean {
  const value = env[name];
  return value !== undefined && value !== "";
}

/** The starter config for these options: pure, deterministic. */
export function buildStarterConfig(options: StarterConfigOptions): StarterConfig {
  const { env } = options;
  const servers: Record<string, Record<string, unknown>> = {};

  servers.memory = {
    "//": "agente's document memory (RAG): ingest folders with `agente ingest`, the agent searches it before answering.",
    ...options.builtin("memory"),
    env: memoryServerEnv(env),
  };

  const odooEnabled = isSet(env, "ODOO_URL");
  const credential =
    isSet(env, "ODOO_PASSWORD") && !isSet(env, "ODOO_API_KEY") ? "ODOO_PASSWORD" : "ODOO_API_KEY";
  servers.odoo = {
    "//": odooEnabled
      ? "Odoo ERP (customers, companies, CRM, sales), read-only unless ODOO_WRITE=true. Credentials come from the environment or .env."
      : "Odoo ERP: set ODOO_URL, ODOO_DB, ODOO_USER and ODOO_API_KEY (or ODOO_PASSWORD) in the environment or .env, then remove `disabled`.",
    ...options.builtin("odoo"),
    env: {
      ODOO_URL: reference("ODOO_URL"),
      ODOO_DB: reference("ODOO_DB"),
      ODOO_USER: reference("ODOO_USER"),
      [credential]: reference(credential),
      ...passThrough(ODOO_OPTIONAL_VARIABLES, env),
    },
    ...(odooEnabled ? {} : { disabled: true }),
  };

  const filesystem = options.community("filesystem");
  servers.filesystem = {
    "//": options.allowFileWrites
      ? `Files under ${options.folder}, read and write.`
      : `Files under ${options.folder}, read-only (the write tools are excluded; remove excludedTools to allow writes).`,
    command: filesystem.command,
    args: [...filesystem.args, options.folder],
    ...(options.allowFileWrites ? {} : { excludedTools: [...FILESYSTEM_WRITE_TOOLS] }),
  };

  if (options.database || isSet(env, "DATABASE_URL")) {
    const postgres = options.community("postgres");
    servers.postgres = {
      "//": "PostgreSQL, read-only queries (the server wraps each one in a READ ONLY transaction; give it a role that may only SELECT). The connection string comes from DATABASE_URL.",
      command: postgres.command,
      args: [...postgres.args, reference("DATABASE_URL")],
    };
  }

  if (isSet(env, "GOOGLE_MAPS_API_KEY")) {
    const maps = options.community("googleMaps");
    servers.maps = {
      "//": "Google Maps (geocoding, places, directions). The key comes from GOOGLE_MAPS_API_KEY.",
      ...maps,
      env: { GOOGLE_MAPS_API_KEY: reference("GOOGLE_MAPS_API_KEY") },
    };
  }

  return {
    "//":
      options.comment ??
      'agente configuration, written by `agente init`. "${VAR}" is read from the environment or .env; keys named "//" are comments. See docs/configuration.md.',
    mcpServers: servers,
  };
}

/** The `bin` field of a package's `package.json`: one script, or scripts by command name. */
const binManifestSchema = z.looseObject({
  bin: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
});

/**
 * How a community server starts: this Node (`process.execPath`) running the package's `bin` script
 * from `node_modules`, so it works offline and never goes through `npx`.
 */
export function communityServer(name: CommunityServer, fromFile: string = import.meta.url): ServerCommand {
  const packageName = COMMUNITY_PACKAGES[name];
  const require = createRequire(fromFile);
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = parseReply(binManifestSchema, require(manifestPath), { what: manifestPath });
  const bin = typeof manifest.bin === "string" ? manifest.bin : Object.values(manifest.bin ?? {})[0];
  if (bin === undefined) throw new Error(`${packageName} declares no bin script in its package.json`);
  return { command: process.execPath, args: [join(dirname(manifestPath), bin)] };
}
