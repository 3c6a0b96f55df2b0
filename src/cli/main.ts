/**
 * The `agente` command line. Each command lives in `commands/<name>.ts` and registers itself here; this file
 * only builds the program, runs it, and turns failures into one-line messages and exit codes.
 */
import { Command, CommanderError } from "commander";
import { registerAskCommand } from "./commands/ask.js";
import { registerChatCommand } from "./commands/chat.js";
import { registerDoctorCommand } from "./commands/doctor.js";
import { registerEvalCommand } from "./commands/eval.js";
import { registerIngestCommand } from "./commands/ingest.js";
import { registerInitCommand } from "./commands/init.js";
import { registerMemoryCommand } from "./commands/memory.js";
import { registerResourcesCommands } from "./commands/resources.js";
import { registerServersCommand } from "./commands/servers.js";
import { registerToolsCommand } from "./commands/tools.js";
import { formatError } from "./print-error.js";
import { UsageError } from "./usage-error.js";

export const VERSION = "0.1.0";

export function buildProgram(): Command {
  const program = new Command("agente")
    .description(
      "A local-first AI agent: a small local model acting through MCP servers (memory, Odoo, files, SQL).",
    )
    .version(VERSION)
    .option("-c, --config <file>", "config file (default: ./agente.json, then ~/.config/agente/agente.json)")
    .option("-v, --verbose", "show server logs, tool calls and retrieved context as they happen", false)
    .option("--debug", "show stack traces on errors", false)
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      `
Examples:
  agente                                   chat (Ollama at $OLLAMA_HOST, model llama3.2:1b)
  agente ask "consulta empresa Empresa X"  one question, one answer
  agente ingest ~/empresa/documentos       put a folder into the memory the agent searches
  agente servers                           which MCP servers are up, and why the others are not
  agente init                              write a starter agente.json here
  agente doctor                            what to fix before the first question

Docs: README.md and docs/ (configuration.md lists every key, variable and flag).`,
    )
    .exitOverride();
  registerChatCommand(program);
  registerAskCommand(program);
  registerIngestCommand(program);
  registerMemoryCommand(program);
  registerServersCommand(program);
  registerToolsCommand(program);
  registerResourcesCommands(program);
  registerDoctorCommand(program);
  registerInitCommand(program);
  registerEvalCommand(program);
  return program;
}

/** Runs the CLI and returns the exit code (0 ok, 1 failure, 2 usage). */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed help, the version, or the usage problem.
      return error.exitCode === 0 ? 0 : 2;
    }
    console.error(formatError(error, argv.includes("--debug")));
    return error instanceof UsageError ? 2 : 1;
  }
}
