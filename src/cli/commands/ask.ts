/** `agente ask "question"`: one turn of the agent; prints the answer, or `{answer, steps, stopReason}` with `--json`. */

import type { Command } from "commander";
import { runTurn } from "../../agent/run-turn.js";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { chooseApprover, withAgentRuntime } from "../agent-runtime.js";
import { translatorFor } from "../global-options.js";
import { addAgentOptions, type RunFlags } from "../model-options.js";
import { askOnTerminal } from "../terminal-question.js";
import { turnFailureJson } from "../turn-failure.js";
import { TurnFeedback } from "../turn-feedback.js";
import { UsageError } from "../usage-error.js";

interface AskFlags extends RunFlags {
  json?: boolean;
}

export function registerAskCommand(program: Command, translate: Translator = createTranslator("en")): void {
  const ask = program
    .command("ask")
    .description("ask one question: the agent uses the tools it needs and prints the answer")
    .argument("<question...>", translate("cliCommands.ask.question"));
  addAgentOptions(ask)
    .option("--json", translate("cliCommands.ask.json"))
    .addHelpText("after", translate("cliHelp.ask"))
    .action(async (words: string[], flags: AskFlags, command: Command) => {
      const question = words.join(" ").trim();
      if (question === "")
        throw new UsageError(translatorFor(command)("cli.ask.emptyQuestion"), {
          hint: translatorFor(command)("cli.ask.emptyQuestionHint"),
        });
      await withAgentRuntime(command, flags, async (runtime) => {
        const controller = new AbortController();
        let interrupted = 0;
        const onInterrupt = () => {
          interrupted += 1;
          // A second Ctrl-C leaves at once (the hub closes its children on exit).
          if (interrupted > 1) process.exit(130);
          controller.abort();
        };
        process.on("SIGINT", onInterrupt);
        try {
          // A spinner on the terminal until the model's first token; the answer itself prints whole (stdout
          // is for scripts).
          const feedback = new TurnFeedback({
            spinner: process.stderr.isTTY === true,
            stream: false,
            answerPrefix: "",
          });
          const result = await runTurn({
            model: feedback.watch(runtime.model),
            hub: runtime.toolHub,
            userMessage: question,
            history: [],
            settings: runtime.agentSettings,
            approver: chooseApprover(
              flags.yes,
              process.stdin.isTTY ? askOnTerminal : undefined,
              translatorFor(command),
            ),
            onEvent: feedback.listen(runtime.onEvent),
            signal: controller.signal,
            translate: translatorFor(command),
            ...(runtime.selectTools === undefined ? {} : { selectTools: runtime.selectTools }),
          })
            .finally(() => feedback.stopSpinner())
            .catch((error: unknown) => {
              // Scripts reading stdout get an object on failure too; the one-line error still goes to stderr.
              if (flags.json) console.log(JSON.stringify(turnFailureJson(error), null, 2));
              throw error;
            });
          if (flags.json) {
            console.log(
              JSON.stringify(
                {
                  answer: result.answer,
                  stopReason: result.stopReason,
                  steps: result.steps,
                  context: result.context,
                },
                null,
                2,
              ),
            );
          } else {
            console.log(result.answer);
          }
          if (result.stopReason !== "answer") process.exitCode = result.stopReason === "cancelled" ? 130 : 1;
        } finally {
          process.off("SIGINT", onInterrupt);
        }
      });
    });
}
