/**
 * The hub's hooks (src/mcp/client-handlers.ts) for a CLI command: the servers' questions asked on the
 * terminal (server-questions.ts), `logging/setLevel` from `--verbose` (debug, else warning) with the
 * servers' log messages on stderr under `--verbose`, and a slot for the model's sampler, which the chat and
 * `ask` fill once their model is built.
 */
import type { Translator } from "../i18n/translator.js";
import type { ClientHooks } from "../mcp/client-handlers.js";
import { SystemBrowserOpener } from "../mcp/oauth/browser-opener.js";
import { stripControlSequences } from "../util/terminal-text.js";
import { cliQuestions, type Sampler } from "./server-questions.js";
import { askOnTerminal } from "./terminal-question.js";

export interface CliHooks {
  hooks: ClientHooks;
  /** agente's model answers sampling from now on (after the person's approval). */
  setSampler(sampler: Sampler): void;
}

export function cliClientHooks(options: { yes: boolean; verbose: boolean; translate: Translator }): CliHooks {
  const t = options.translate;
  const write = (line: string) => process.stderr.write(`${line}\n`);
  let sampler: Sampler | undefined;
  const questions = cliQuestions({
    yes: options.yes,
    translate: t,
    ask: process.stdin.isTTY === true ? askOnTerminal : undefined,
    opener: new SystemBrowserOpener(process.env),
    write,
    sampler: () => sampler,
  });
  return {
    hooks: {
      questions,
      loggingLevel: options.verbose ? "debug" : "warning",
      ...(options.verbose
        ? {
            events: {
              onLog: (server, message) =>
                write(
                  t("mcpClient.log", {
                    server,
                    level: message.level,
                    text: stripControlSequences(
                      typeof message.data === "string" ? message.data : JSON.stringify(message.data),
                    ),
                  }),
                ),
            },
          }
        : {}),
    },
    setSampler(next) {
      sampler = next;
    },
  };
}
