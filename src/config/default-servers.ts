/**
 * The servers agente runs when no config file exists: its own memory server always, its Odoo server when
 * `ODOO_URL` is set. The variables each server reads are passed through explicitly, because stdio servers
 * only inherit a small safe environment. How the built-in servers start is given by the caller (the CLI
 * knows where they are installed; the config layer does not).
 */

/** A command line that starts a stdio server. */
export interface ServerCommand {
  command: string;
  args: string[];
}

/** How agente's own servers start, e.g. `builtinServer` of `servers/builtin.ts`. */
export type BuiltinServerCommand = (name: "memory" | "odoo") => ServerCommand;

/** Variables agente's memory server reads. */
export const MEMORY_VARIABLES = [
  "AGENTE_MEMORY_PATH",
  "AGENTE_MEMORY_URL",
  "AGENTE_EMBEDDER",
  "AGENTE_MEMORY_ROOTS",
  "OLLAMA_HOST",
  "OPENAI_BASE_URL",
  "OPENAI_API_KEY",
  "XDG_DATA_HOME",
  "AGENTE_MAX_FILE_BYTES",
  "AGENTE_MAX_EXTRACTED_BYTES",
  // The gguf embedder's download: where the model cache is, a mirror of the default model, its checksum.
  "XDG_CACHE_HOME",
  "AGENTE_EMBEDDER_URL",
  "AGENTE_EMBEDDER_SHA256",
];

/** Variables agente's Odoo server reads. */
export const ODOO_VARIABLES = [
  "ODOO_URL",
  "ODOO_DB",
  "ODOO_USER",
  "ODOO_API_KEY",
  "ODOO_PASSWORD",
  "ODOO_PROTOCOL",
  "ODOO_WRITE",
  "ODOO_MODELS",
  "ODOO_TIMEOUT_MS",
  "ODOO_MAX_RESPONSE_BYTES",
];

/** `{NAME: "${NAME}"}` for each of `names` set (non-empty) in `env`: the entry reads it when agente starts. */
export function passThrough(
  names: readonly string[],
  env: Record<string, string | undefined>,
): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((name) =>
      env[name] === undefined || env[name] === "" ? [] : [[name, `\${${name}}`] as const],
    ),
  );
}

/** Raw `mcpServers` entries, in the same format a config file holds (`${VAR}`s are expanded later). */
export function defaultServerEntries(
  env: Record<string, string | undefined>,
  builtin: BuiltinServerCommand,
): Record<string, unknown> {
  const entries: Record<string, unknown> = {
    memory: { ...builtin("memory"), env: passThrough(MEMORY_VARIABLES, env) },
  };
  if (env.ODOO_URL) {
    entries.odoo = { ...builtin("odoo"), env: passThrough(ODOO_VARIABLES, env) };
  }
  return entries;
}
