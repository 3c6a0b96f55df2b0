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
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { builtinServer } from "../../servers/builtin.js";
import { UserError } from "../../util/errors.js";
import { globalOptions, translatorFor } from "../global-options.js";

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
  /** The language of what `init` prints. */
  translate: Translator;
}

const realDependencies = (): InitDependencies => ({
  cwd: () => process.cwd(),
  env: process.env,
  builtin: builtinServer,
  community: (name) => communityServer(name),
  print: (line) => console.log(line),
  translate: createTranslator("en"),
});

export function registerInitCommand(
  program: Command,
  dependencies: Partial<InitDependencies> = {},
  translate: Translator = createTranslator("en"),
): void {
  program
    .command("init")
    .description("write a starter agente.json here: memory, Odoo, files, PostgreSQL and Maps servers")
    .option("--folder <dir>", translate("cliCommands.init.folder"))
    .option("--database-url <url>", translate("cliCommands.init.databaseUrl"))
    .option("--allow-file-writes", translate("cliCommands.init.allowFileWrites"))
    .option("--force", translate("cliCommands.init.force"))
    .option("--print", translate("cliCommands.init.print"))
    .addHelpText("after", translate("cliHelp.init"))
    .action(async (options: InitOptions, command: Command) => {
      await runInit(options, globalOptions(command).config, {
        ...realDependencies(),
        translate: translatorFor(command),
        ...dependencies,
      });
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
  const t = dependencies.translate;
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UserError(t("cliErrors.notAFolder", { folder }), { hint: t("cliErrors.notAFolderHint") });
  }
  if (options.databaseUrl !== undefined) checkDatabaseUrl(options.databaseUrl, t);

  const dotenvFile = resolve(cwd, ".env");
  const dotenv = await readDotenv(dotenvFile);
  if (
    options.databaseUrl !== undefined &&
    dotenv.DATABASE_URL !== undefined &&
    dotenv.DATABASE_URL !== options.databaseUrl &&
    !options.print
  ) {
    throw new UserError(t("cliErrors.databaseUrlConflict", { file: dotenvFile }), {
      hint: t("cliErrors.databaseUrlConflictHint"),
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
  await writeConfig(file, text, options.force ?? false, t);
  dependencies.print(t("cliOutput.init.wrote", { file }));
  if (options.databaseUrl !== undefined) {
    await saveDatabaseUrl(options.databaseUrl, dotenvFile, dotenv, dependencies);
  }
  for (const line of summary(config, dependencies.builtin("memory"), t)) dependencies.print(line);
}

function checkDatabaseUrl(databaseUrl: string, t: Translator): void {
  let url: URL | undefined;
  try {
    url = new URL(databaseUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || !["postgres:", "postgresql:"].includes(url.protocol)) {
    throw new UserError(t("cliErrors.databaseUrlScheme"), { hint: t("cliErrors.databaseUrlSchemeHint") });
  }
  if (/['\r\n]/.test(databaseUrl)) {
    throw new UserError(t("cliErrors.databaseUrlCharacters"), {
      hint: t("cliErrors.databaseUrlCharactersHint"),
    });
  }
}

async function writeConfig(file: string, text: string, force: boolean, t: Translator): Promise<void> {
  try {
    // `wx` fails if the file exists, with no window between a check and the write.
    await writeFile(file, text, { flag: force ? "w" : "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new UserError(t("cliErrors.configExists", { file }), { hint: t("cliErrors.configExistsHint") });
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
    dependencies.print(dependencies.translate("cliOutput.init.databaseUrlPresent", { file: dotenvFile }));
  } else {
    const separator =
      existsSync(dotenvFile) && !(await readFile(dotenvFile, "utf8")).endsWith("\n") ? "\n" : "";
    // Single quotes: dotenv reads them literally, whatever the password holds (checkDatabaseUrl refuses `'`).
    await appendFile(dotenvFile, `${separator}DATABASE_URL='${databaseUrl}'\n`, { mode: 0o600 });
    dependencies.print(dependencies.translate("cliOutput.init.databaseUrlSaved", { file: dotenvFile }));
  }
  const fromEnvironment = dependencies.env.DATABASE_URL;
  if (fromEnvironment !== undefined && fromEnvironment !== "" && fromEnvironment !== databaseUrl) {
    dependencies.print(dependencies.translate("cliOutput.init.databaseUrlInEnvironment"));
  }
}

function summary(config: StarterConfig, memory: ServerCommand, t: Translator): string[] {
  const lines = Object.entries(config.mcpServers).map(([name, entry]) => {
    const state = t(entry.disabled === true ? "cliOutput.init.disabled" : "cliOutput.init.enabled");
    return `  ${name.padEnd(11)} ${state}  ${String(entry["//"] ?? "")}`;
  });
  const memoryScript = memory.args.at(-1);
  if (memoryScript !== undefined && !existsSync(memoryScript)) {
    lines.push(t("cliOutput.init.notBuilt", { script: memoryScript }));
  }
  lines.push(t("cliOutput.init.next"));
  return lines;
}
