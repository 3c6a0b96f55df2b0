/**
 * Every command's name and one-line description, without loading it. `agente --help` lists commands from
 * here; only the command actually run (or asked for with `help <command>`) imports its module, so a start
 * loads one command's dependencies instead of all of them (MCP SDK, SQLite, PDF parsing …).
 */
import type { Command } from "commander";
import type { MessageKey } from "../i18n/catalogue.js";
import type { Translator } from "../i18n/translator.js";

export interface CommandEntry {
  name: string;
  /** How the command line shows its arguments in the command list, e.g. `<question...>`. */
  usage?: string;
  description: MessageKey;
  /**
   * Loads the module that registers this command (and maybe its siblings, see `module`); the register
   * function gets the translator of the language the user chose, for its help texts.
   */
  load: () => Promise<(program: Command, translate: Translator) => void>;
  /** Commands that one module registers together share this key. */
  module: string;
  isDefault?: boolean;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "chat",
    description: "cli.command.chat",
    module: "chat",
    isDefault: true,
    load: async () => (await import("./commands/chat.js")).registerChatCommand,
  },
  {
    name: "ask",
    usage: "<question...>",
    description: "cli.command.ask",
    module: "ask",
    load: async () => (await import("./commands/ask.js")).registerAskCommand,
  },
  {
    name: "ingest",
    usage: "<paths...>",
    description: "cli.command.ingest",
    module: "ingest",
    load: async () => (await import("./commands/ingest.js")).registerIngestCommand,
  },
  {
    name: "memory",
    description: "cli.command.memory",
    module: "memory",
    load: async () => (await import("./commands/memory.js")).registerMemoryCommand,
  },
  {
    name: "servers",
    description: "cli.command.servers",
    module: "servers",
    load: async () => (await import("./commands/servers.js")).registerServersCommand,
  },
  {
    name: "tools",
    description: "cli.command.tools",
    module: "tools",
    load: async () => (await import("./commands/tools.js")).registerToolsCommand,
  },
  {
    name: "resources",
    description: "cli.command.resources",
    module: "resources",
    load: async () => (await import("./commands/resources.js")).registerResourcesCommands,
  },
  {
    name: "prompts",
    description: "cli.command.prompts",
    module: "resources",
    load: async () => (await import("./commands/resources.js")).registerResourcesCommands,
  },
  {
    name: "login",
    usage: "<server>",
    description: "oauth.command.login",
    module: "oauth",
    load: async () => (await import("./commands/login.js")).registerOAuthCommands,
  },
  {
    name: "logout",
    usage: "<server>",
    description: "oauth.command.logout",
    module: "oauth",
    load: async () => (await import("./commands/login.js")).registerOAuthCommands,
  },
  {
    name: "doctor",
    description: "cli.command.doctor",
    module: "doctor",
    load: async () => (await import("./commands/doctor.js")).registerDoctorCommand,
  },
  {
    name: "init",
    description: "cli.command.init",
    module: "init",
    load: async () => {
      const { registerInitCommand } = await import("./commands/init.js");
      return (program, translate) => registerInitCommand(program, {}, translate);
    },
  },
  {
    name: "eval",
    usage: "<scenarios>",
    description: "cli.command.eval",
    module: "eval",
    load: async () => (await import("./commands/eval.js")).registerEvalCommand,
  },
  {
    name: "models",
    description: "cli.command.models",
    module: "models",
    load: async () => (await import("./commands/models.js")).registerModelsCommand,
  },
  {
    name: "audit",
    description: "team.command.audit",
    module: "audit",
    load: async () => (await import("./commands/audit.js")).registerAuditCommand,
  },
  {
    name: "serve",
    description: "cli.command.serve",
    module: "serve",
    load: async () => (await import("./commands/serve.js")).registerServeCommand,
  },
  {
    name: "users",
    description: "team.command.users",
    module: "users",
    load: async () => (await import("./commands/users.js")).registerUsersCommand,
  },
  {
    name: "tokens",
    description: "team.command.tokens",
    module: "tokens",
    load: async () => (await import("./commands/tokens.js")).registerTokensCommand,
  },
  {
    name: "mcp",
    description: "cli.command.mcp",
    module: "mcp",
    load: async () => (await import("./commands/mcp.js")).registerMcpCommand,
  },
];

/** Global options that take a value: their value is not a command name. */
const VALUE_OPTIONS = new Set(["-c", "--config", "--lang"]);

/**
 * The command `argv` (without `node` and the script) runs: the first word that is not an option or an
 * option's value; for `help <command>`, that command. `undefined`: no command word (the default command,
 * or only `--help` / `--version`).
 */
export function targetCommand(args: readonly string[]): CommandEntry | undefined {
  const words: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    if (arg === "--") break;
    if (arg.startsWith("-")) {
      if (VALUE_OPTIONS.has(arg)) index++;
      continue;
    }
    words.push(arg);
    if (words[0] !== "help" || words.length === 2) break;
  }
  const name = words[0] === "help" ? words[1] : words[0];
  return COMMANDS.find((entry) => entry.name === name);
}
