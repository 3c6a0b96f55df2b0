/**
 * `agente` (no arguments) or `agente chat`: the interactive chat, as the seed prototype had it. `Usuario:` prompt,
 * history across turns, tool calls shown as they happen; `salir`/`exit`/`quit` or Ctrl-D leave, Ctrl-C
 * cancels the current turn and stays.
 */
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { Conversation } from "../../agent/conversation.js";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import type { ChatModel, ModelCheck } from "../../llm/chat-model.js";
import type { ServerStatus } from "../../mcp/hub.js";
import { SettlingChatModel } from "../../runtime/settling-model.js";
import { rawOutput } from "../../util/terminal-sink.js";
import { chooseApprover, withAgentRuntime } from "../agent-runtime.js";
import { commandMistake } from "../command-suggestion.js";
import { translatorFor } from "../global-options.js";
import { LineReader } from "../line-reader.js";
import { addAgentOptions, type RunFlags } from "../model-options.js";
import { localisedMessage } from "../print-error.js";
import { checkProblems, statusReason } from "../status-reason.js";
import { turnFailureLine } from "../turn-failure.js";
import { TurnFeedback } from "../turn-feedback.js";

const EXIT_WORDS = new Set(["salir", "exit", "quit", "adios", "adiós"]);

export function registerChatCommand(program: Command, help: Translator = createTranslator("en")): void {
  const chat = program
    .command("chat", { isDefault: true })
    .description("chat with the agent (the default command)")
    .addHelpText("after", help("cliHelp.chat"));
  // Words after `agente` that name no command land here: said as the command or question they meant.
  chat.argument("[words...]").usage("[options]");
  addAgentOptions(chat).action(async (words: string[], flags: RunFlags, command: Command) => {
    const mistake = commandMistake(
      words,
      program.commands.map((entry) => entry.name()),
    );
    if (mistake !== undefined) throw mistake;
    const translate = translatorFor(command);
    const prompt = translate("cli.chat.prompt");
    const lines = new LineReader(
      createInterface({
        input: process.stdin,
        output: rawOutput(process.stdout),
        terminal: process.stdin.isTTY === true,
      }),
    );
    // Once the user leaves, late status lines (a server still starting, closed on the way out) stay unsaid.
    let leaving = false;
    const notify = (line: string) => {
      if (!leaving) lines.notify(line);
    };
    try {
      // The prompt appears while the servers connect; each server's line prints when it is ready.
      await withAgentRuntime(
        command,
        flags,
        async (runtime) => {
          let turn: AbortController | undefined;
          const interrupt = () => {
            if (turn !== undefined) {
              turn.abort();
              return;
            }
            process.stdout.write(`\n${translate("cli.chat.howToLeave")}\n`);
            lines.prompt(prompt);
          };
          lines.onInterrupt(interrupt);
          process.on("SIGINT", interrupt);
          const interactive = process.stdin.isTTY === true;
          const feedback = new TurnFeedback({
            spinner: process.stderr.isTTY === true,
            stream: process.stdout.isTTY === true,
            answerPrefix: translate("cli.chat.answer", { answer: "" }),
          });
          const conversation = new Conversation({
            model: feedback.watch(runtime.model),
            hub: runtime.toolHub,
            settings: runtime.agentSettings,
            approver: chooseApprover(
              flags.yes,
              interactive ? (question) => lines.ask(question) : undefined,
              translate,
            ),
            onEvent: feedback.listen(runtime.onEvent),
            translate,
            ...(runtime.selectTools === undefined ? {} : { selectTools: runtime.selectTools }),
          });
          // `auto` names no model yet: the model line names the one that will answer once it is settled.
          console.log(
            runtime.model.provider === "auto"
              ? translate("cli.chat.bannerSettling")
              : translate("cli.chat.banner", { model: `${runtime.model.provider}/${runtime.model.model}` }),
          );
          // Checked in parallel with the servers, and reported before the first question runs.
          const modelChecked = checkModel(runtime.model, translate).then((line) => notify(line));
          try {
            for (;;) {
              const line = await lines.ask(prompt);
              if (line === undefined) {
                // Ctrl-D (end of input): end the prompt's line so the shell prompt starts on its own.
                process.stdout.write("\n");
                break;
              }
              const message = line.trim();
              if (message === "") continue;
              if (EXIT_WORDS.has(message.toLowerCase())) break;
              await Promise.all([runtime.ready, modelChecked]);
              turn = new AbortController();
              try {
                const result = await conversation.send(message, turn.signal);
                if (result.stopReason === "cancelled")
                  feedback.finish(undefined, translate("cli.chat.cancelled"));
                else feedback.finish(result.answer, translate("cli.chat.answer", { answer: result.answer }));
              } catch (error) {
                feedback.abandon();
                // The model or a server failed: say so in one line and stay; the history is as before the
                // question, so asking again once the cause is fixed continues the same conversation.
                process.stderr.write(`${turnFailureLine(error, translate)}\n`);
              } finally {
                turn = undefined;
              }
            }
          } finally {
            leaving = true;
            process.off("SIGINT", interrupt);
          }
        },
        { background: { onServer: (status) => notify(serverLine(status, translate)) } },
      );
    } finally {
      lines.close();
    }
  });
}

/** `· server memory ready: 7 tools` or `! server odoo is down: …`. */
function serverLine(status: ServerStatus, translate: Translator): string {
  if (status.state === "up")
    return translate("cli.chat.serverUp", { name: status.name, tools: status.toolCount });
  if (status.state === "disabled") return translate("cli.chat.serverDisabled", { name: status.name });
  return translate("cli.chat.serverDown", {
    name: status.name,
    reason: statusReason(status, translate) ?? "?",
  });
}

/**
 * Whether the model answers and is there (pulled, downloaded): one line (two with `auto`'s choice), never a
 * throw. Named after the check, when `auto` has settled on the model that will answer.
 */
export async function checkModel(model: ChatModel, translate: Translator): Promise<string> {
  const name = `${model.provider}/${model.model}`;
  try {
    const check = await model.check();
    const announcement = model instanceof SettlingChatModel ? model.announcement : undefined;
    const line = checkLine(check, translate);
    return announcement === undefined ? line : `${announcement}\n${line}`;
  } catch (error) {
    return translate("cli.chat.modelProblem", { model: name, problem: localisedMessage(error, translate) });
  }
}

function checkLine(check: ModelCheck, translate: Translator): string {
  const name = `${check.provider}/${check.model}`;
  // `auto` with no Ollama and nothing in the cache yet: the first question downloads the embedded model.
  if (check.problems.length === 0 && !check.modelAvailable)
    return translate("cli.chat.modelPending", {
      model: `${check.provider} ${check.model}`,
      where: check.location,
    });
  if (check.problems.length === 0) return translate("cli.chat.modelReady", { model: name });
  return checkProblems(check, translate)
    .map((problem) => translate("cli.chat.modelProblem", { model: name, problem }))
    .join("\n");
}
