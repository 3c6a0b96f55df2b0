/**
 * The real `agente` program (src/cli/main.ts) with the agent commands registered, for tests run before
 * main.ts registers them itself. Same parsing, same error printing, same exit codes as `bin/agente`.
 */
import { CommanderError } from "commander";
import { registerAskCommand } from "../../../src/cli/commands/ask.js";
import { registerChatCommand } from "../../../src/cli/commands/chat.js";
import { registerDoctorCommand } from "../../../src/cli/commands/doctor.js";
import { buildProgram } from "../../../src/cli/main.js";
import { formatError } from "../../../src/cli/print-error.js";

const program = buildProgram();
const names = new Set(program.commands.map((command) => command.name()));
if (!names.has("ask")) registerAskCommand(program);
if (!names.has("chat")) registerChatCommand(program);
if (!names.has("doctor")) registerDoctorCommand(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : 2;
  else {
    console.error(formatError(error, process.argv.includes("--debug")));
    process.exitCode = 1;
  }
}
