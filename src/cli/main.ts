/**
 * The `agente` command line. Each command lives in `commands/<name>.ts` and registers itself here; this file
 * only builds the program, runs it, and turns failures into one-line messages and exit codes.
 */
import { Command, CommanderError } from "commander";
import { type Language, resolveLanguage } from "../i18n/language.js";
import { createTranslator } from "../i18n/translator.js";
import { Redactor, secretValues } from "../util/secret-redaction.js";
import { guardTerminal } from "../util/terminal-sink.js";
import { agenteVersion } from "../util/version.js";
import { COMMANDS, targetCommand } from "./command-manifest.js";
import { unknownLanguage } from "./command-suggestion.js";
import { localiseCommanderError } from "./localised-errors.js";
import { localisedHelp } from "./localised-help.js";
import { localiseOptions } from "./localised-options.js";
import { formatError } from "./print-error.js";
import { UsageError } from "./usage-error.js";

/**
 * The program for these arguments (without `node` and the script): every command is listed, but only the
 * one that runs is loaded (see command-manifest.ts), so `--help` and `--version` start fast.
 */
export async function buildProgram(args: readonly string[], language: Language): Promise<Command> {
  const translate = createTranslator(language);
  const program = new Command("agente")
    .configureHelp(localisedHelp(translate))
    .configureOutput({ outputError: (text, write) => write(localiseCommanderError(text, translate)) })
    .description(translate("cli.program.description"))
    .version(agenteVersion(), "-V, --version", translate("cli.option.version"))
    .helpOption("-h, --help", translate("cli.option.help"))
    .helpCommand("help [command]", translate("cli.option.help"))
    .option("-c, --config <file>", translate("cli.option.config"))
    .option("-v, --verbose", translate("cli.option.verbose"))
    .option("--debug", translate("cli.option.debug"))
    .option("--lang <language>", translate("cli.option.lang"))
    .showHelpAfterError(translate("cli.help.afterError"))
    .addHelpText("after", translate("cli.help.examples"))
    .exitOverride();
  const onlyHelpOrVersion = args.some((arg) => ["-h", "--help", "-V", "--version"].includes(arg));
  const chosen =
    targetCommand(args) ?? (onlyHelpOrVersion ? undefined : COMMANDS.find((entry) => entry.isDefault));
  for (const entry of COMMANDS) {
    if (entry.module === chosen?.module) continue;
    program
      .command(entry.usage === undefined ? entry.name : `${entry.name} ${entry.usage}`)
      .description(translate(entry.description));
  }
  if (chosen !== undefined) {
    (await chosen.load())(program, translate);
    for (const entry of COMMANDS.filter((candidate) => candidate.module === chosen.module)) {
      const command = program.commands.find((candidate) => candidate.name() === entry.name);
      command?.description(translate(entry.description));
      if (command !== undefined) localiseOptions(command, translate);
    }
  }
  return program;
}

/** `--lang es` or `--lang=es` from the raw arguments (the language is needed before parsing). */
export function langFlag(args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    if (arg === "--") return undefined;
    if (arg === "--lang") return args[index + 1];
    if (arg.startsWith("--lang=")) return arg.slice("--lang=".length);
  }
  return undefined;
}

/** Runs the CLI and returns the exit code (0 ok, 1 failure, 2 usage). */
export async function run(argv: string[]): Promise<number> {
  // Every string printed from here on is cleaned of terminal control sequences (util/terminal-sink.ts).
  guardTerminal();
  const args = argv.slice(2);
  const flag = langFlag(args);
  const unknown = unknownLanguage(flag);
  // An unknown --lang is refused in the language the environment gives.
  const language = resolveLanguage(unknown === undefined ? { flag } : {});
  try {
    if (unknown !== undefined) throw unknown;
    const program = await buildProgram(args, language);
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed help, the version, or the usage problem.
      return error.exitCode === 0 ? 0 : 2;
    }
    // The last sink of every failure: no secret of the environment leaves in any form.
    const message = formatError(error, argv.includes("--debug"), createTranslator(language));
    console.error(new Redactor(secretValues(process.env)).text(message));
    return error instanceof UsageError ? 2 : 1;
  }
}
