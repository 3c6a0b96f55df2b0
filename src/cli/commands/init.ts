/**
 * `agente init`: writes a starter `agente.json` in the current folder with the seed's topology (memory,
 * Odoo, filesystem, PostgreSQL, Google Maps), each entry enabled according to the environment, and never
 * overwrites a file without `--force`. Secrets stay out of the file: a `--database-url` goes to `.env`.
 */
import { existsSync, statSync } from "node:fs";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { readDotenv } from "../../config/dotenv-file.js";
import {
  buildStarterConfig,
  type CommunityServer,
  communityServer,
  type ServerCommand,
  type StarterConfig,
} from "../../config/starter-config.js";
import { builtinServer } from "../../servers/builtin.js";
import { UserError } from "../../util/errors.js";
import { globalOptions } from "../global-options.js";

export interface InitOptions {
  folder?: string;
  databaseUrl?: string;
  allowFileWrites?: boolean;
  force?: boolean;
  print?: boolean;
}

/** What `init` reads from the outside world; the defaults are the real ones. */
export interface InitDependencies {
  cwd: () => string;
  env: NodeJS.ProcessEnv;
  builtin: (name: "memory" | "odoo") => ServerCommand;
  community: (name: CommunityServer) => ServerCommand;
  print: (line: string) => void;
}

const realDependencies = (): InitDependencies => ({
  cwd: () => process.cwd(),
  env: process.env,
  builtin: builtinServer,
  community: (name) => communityServer(name),
  print: (line) => console.log(line),
});

export function registerInitCommand(program: Command, dependencies: Partial<InitDependencies> = {}): void {
  program
    .command("init")
    .description("write a starter agente.json here: memory, Odoo, files, PostgreSQL and Maps servers")
    .option("--folder <dir>", "folder the filesystem server may read (default: the current folder)")
    .option(
      "--database-url <url>",
      "PostgreSQL connection string; saved to .env as DATABASE_URL, not in the config",
    )
    .option(
      "--allow-file-writes",
      "let the filesystem server write, edit and move files (default: read-only)",
    )
    .option("--force", "overwrite an existing config file")
    .option("--print", "print the config on stdout instead of writing it")
    .addHelpText(
      "after",
      `
Which servers are enabled depends on the environment (and .env):
  memory       always (agente's own, on this Node)
  odoo         written always; enabled when ODOO_URL is set (also needs ODOO_DB, ODOO_USER, ODOO_API_KEY or ODOO_PASSWORD)
  filesystem   always, on --folder, read-only unless --allow-file-writes
  postgres     when --database-url or DATABASE_URL is given
  maps         when GOOGLE_MAPS_API_KEY is set

Examples:
  agente init
  agente init --folder ~/Documentos --database-url postgres://lector@localhost/agente_demo
  agente --config team.json init --force`,
    )
    .action(async (options: InitOptions, command: Command) => {
      await runInit(options, globalOptions(command).config, { ...realDependencies(), ...dependencies });
    });
}

export async function runInit(
  options: InitOptions,
  configPath: string | undefined,
  dependencies: InitDependencies,
): Promise<void> {
  const cwd = dependencies.cwd();
  const file = resolve(cwd, configPath ?? "agente.json");
  const folder = resolve(cwd, options.folder ?? ".");
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UserError(`--folder ${folder} is not a folder`, {
      hint: "create it, or name an existing folder",
    });
  }
  if (options.databaseUrl !== undefined) checkDatabaseUrl(options.databaseUrl);

  const dotenvFile = resolve(cwd, ".env");
  const dotenv = await readDotenv(dotenvFile);
  if (
    options.databaseUrl !== undefined &&
    dotenv.DATABASE_URL !== undefined &&
    dotenv.DATABASE_URL !== options.databaseUrl &&
    !options.print
  ) {
    throw new UserError(`${dotenvFile} already sets DATABASE_URL to another connection string`, {
      hint: "edit DATABASE_URL in .env yourself, then run `agente init` without --database-url",
    });
  }
  // The same precedence as loadConfig: the real environment over .env.
  const env = { ...dotenv, ...dependencies.env };
  const config = buildStarterConfig({
    folder,
    allowFileWrites: options.allowFileWrites ?? false,
    database: options.databaseUrl !== undefined,
    env,
    builtin: dependencies.builtin,
    community: dependencies.community,
  });
  const text = `${JSON.stringify(config, null, 2)}\n`;

  if (options.print) {
    dependencies.print(text.trimEnd());
    return;
  }
  await writeConfig(file, text, options.force ?? false);
  dependencies.print(`wrote ${file}`);
  if (options.databaseUrl !== undefined) {
    await saveDatabaseUrl(options.databaseUrl, dotenvFile, dotenv, dependencies);
  }
  for (const line of summary(config, dependencies.builtin("memory"))) dependencies.print(line);
}

function checkDatabaseUrl(databaseUrl: string): void {
  let url: URL | undefined;
  try {
    url = new URL(databaseUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || !["postgres:", "postgresql:"].includes(url.protocol)) {
    throw new UserError("--database-url must be a postgres:// or postgresql:// connection string", {
      hint: "for example postgres://user:password@localhost:5432/database",
    });
  }
  if (/['\r\n]/.test(databaseUrl)) {
    throw new UserError("--database-url must not contain quotes or line breaks", {
      hint: "percent-encode them in the password (' is %27)",
    });
  }
}

async function writeConfig(file: string, text: string, force: boolean): Promise<void> {
  try {
    // `wx` fails if the file exists, with no window between a check and the write.
    await writeFile(file, text, { flag: force ? "w" : "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new UserError(`${file} already exists`, {
        hint: "pass --force to overwrite it, or --print to see the starter config",
      });
    }
    throw error;
  }
}

/** Keeps the connection string (which may hold a password) in `.env`, which the config refers to. */
async function saveDatabaseUrl(
  databaseUrl: string,
  dotenvFile: string,
  dotenv: Record<string, string>,
  dependencies: InitDependencies,
): Promise<void> {
  if (dotenv.DATABASE_URL === databaseUrl) {
    dependencies.print(`DATABASE_URL: already in ${dotenvFile}`);
  } else {
    const separator =
      existsSync(dotenvFile) && !(await readFile(dotenvFile, "utf8")).endsWith("\n") ? "\n" : "";
    // Single quotes: dotenv reads them literally, whatever the password holds (checkDatabaseUrl refuses `'`).
    await appendFile(dotenvFile, `${separator}DATABASE_URL='${databaseUrl}'\n`, { mode: 0o600 });
    dependencies.print(`DATABASE_URL: saved to ${dotenvFile} (keep it out of version control)`);
  }
  const fromEnvironment = dependencies.env.DATABASE_URL;
  if (fromEnvironment !== undefined && fromEnvironment !== "" && fromEnvironment !== databaseUrl) {
    dependencies.print(
      "note: DATABASE_URL is also set in your environment, and the environment wins over .env",
    );
  }
}

function summary(config: StarterConfig, memory: ServerCommand): string[] {
  const lines = Object.entries(config.mcpServers).map(([name, entry]) => {
    const state = entry.disabled === true ? "disabled" : "enabled ";
    return `  ${name.padEnd(11)} ${state}  ${String(entry["//"] ?? "")}`;
  });
  const memoryScript = memory.args.at(-1);
  if (memoryScript !== undefined && !existsSync(memoryScript)) {
    lines.push(`note: ${memoryScript} does not exist yet: run \`npm run build\` in agente's folder`);
  }
  lines.push("next: `agente servers` shows which servers start and what each one still needs");
  return lines;
}
