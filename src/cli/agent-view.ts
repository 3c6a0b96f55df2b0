/**
 * How a turn looks on the terminal: tool calls as they happen (always), and with `--verbose` the retrieved
 * context, every model call (size, tokens, timing, raw output) and every rejected step. Written to stderr so
 * stdout carries only answers (and `--json`).
 */
import type { AgentEvent, AgentEventListener } from "../agent/agent-events.js";
import { renderLocalised } from "../i18n/localised.js";
import { createTranslator, type Translator } from "../i18n/translator.js";
import { maskSecretFields } from "../util/secret-fields.js";

export interface AgentViewOptions {
  verbose: boolean;
  write: (text: string) => void;
  /** The user's language for the lines agente writes itself (default English). */
  translate?: Translator;
  /** Whether approval can be asked on a terminal: a refusal without one says how to allow the call. */
  interactive?: boolean;
}

const MAX_SHOWN = 300;

export function agentView(options: AgentViewOptions): AgentEventListener {
  const { verbose, write } = options;
  const translate = options.translate ?? createTranslator("en");
  let refusedStep: number | undefined;
  return (event: AgentEvent) => {
    if (event.type === "approval" && !event.approved) {
      // A refusal is said here, in the user's language; the observation that follows is the model's copy.
      refusedStep = event.step;
      const key = options.interactive === true ? "cli.approval.declinedLine" : "cli.approval.noTerminal";
      write(`${translate(key, { tool: event.tool })}\n`);
      return;
    }
    if (event.type === "observation" && event.step === refusedStep && !verbose) {
      refusedStep = undefined;
      return;
    }
    const line = renderEvent(event, verbose, translate);
    if (line !== undefined) write(`${line}\n`);
  };
}

export function renderEvent(
  event: AgentEvent,
  verbose: boolean,
  t: Translator = createTranslator("en"),
): string | undefined {
  switch (event.type) {
    case "turn_start":
      return verbose
        ? t("cliView.turnStart", { model: `${event.provider}/${event.model}`, tools: event.toolCount })
        : undefined;
    case "tools_offered":
      if (!verbose) return undefined;
      if (event.reasons === undefined)
        return t("cliView.toolsOffered", { offered: event.offered.join(", "), omitted: event.omitted });
      return [
        t("cliView.toolsOffered", { offered: event.offered.length, omitted: event.omitted }),
        ...event.reasons.map((reason) => `    ${reason.name}: ${shorten(reason.why, 120)}`),
      ].join("\n");
    case "context":
      if (event.error !== undefined) return t("cliView.contextFailed", { error: event.error });
      if (!verbose)
        return event.passages.length > 0
          ? t("cliView.context", {
              sources: [...new Set(event.passages.map((passage) => passage.source))].join(", "),
            })
          : undefined;
      return [
        t("cliView.contextPassages", {
          passages: event.passages.length,
          ms: Math.round(event.durationMs),
        }),
        ...event.passages.map(
          (passage, index) =>
            `    [${index + 1}] ${passage.source}${passage.position === undefined ? "" : ` #${passage.position}`}${passage.score === undefined ? "" : ` (${passage.score.toFixed(2)})`}: ${shorten(passage.text, 160)}`,
        ),
      ].join("\n");
    case "prompt_budget": {
      if (!verbose) return undefined;
      const dropped = [
        event.droppedTools > 0 ? t("cliView.droppedTools", { count: event.droppedTools }) : undefined,
        event.droppedPassages > 0
          ? t("cliView.droppedPassages", { count: event.droppedPassages })
          : undefined,
        event.droppedHistoryMessages > 0
          ? t("cliView.droppedHistory", { count: event.droppedHistoryMessages })
          : undefined,
      ].filter((part) => part !== undefined);
      return t("cliView.promptBudget", {
        used: event.usedTokens,
        budget: event.budgetTokens,
        counter: event.counter,
        dropped: dropped.length > 0 ? t("cliView.dropped", { parts: dropped.join(", ") }) : "",
      });
    }
    case "model_call": {
      if (!verbose) return undefined;
      const tokens =
        event.promptTokens === undefined ? `~${event.promptTokensEstimate}` : String(event.promptTokens);
      const window = event.contextSize === undefined ? "" : `/${event.contextSize}`;
      const generated =
        event.completionTokens === undefined ? "" : t("cliView.generated", { count: event.completionTokens });
      const call = t("cliView.modelCall", {
        step: event.step,
        attempt: event.attempt > 1 ? t("cliView.attempt", { attempt: event.attempt }) : "",
        messages: event.messageCount,
        tokens: `${tokens}${window}`,
        generated,
        ms: Math.round(event.durationMs),
        answerOnly: event.answerOnly ? t("cliView.answerOnly") : "",
      });
      return `${call}\n${t("cliView.modelOutput", { output: shorten(event.rawOutput, MAX_SHOWN) })}`;
    }
    case "invalid_action":
      // Always shown: a rejected call was printed as `→ tool {…}` and must not look as if it ran.
      return verbose
        ? t("cliView.rejected", { step: event.step, problem: event.problem, left: event.correctionsLeft })
        : t("cliView.notRun", { problem: shorten(event.problem, MAX_SHOWN) });
    case "action":
      if (event.action.kind === "answer") return undefined;
      return `→ ${event.action.tool} ${shorten(JSON.stringify(maskSecretFields(event.action.args)), MAX_SHOWN)}`;
    case "approval":
      // A refusal shows in the observation that follows.
      return verbose && event.approved ? t("cliView.approved", { tool: event.tool }) : undefined;
    case "observation": {
      // The loop guard's text is written for the model, in its prompt's language: the person reads their own.
      if (event.repeated) return t("cliView.repeated", { tool: event.tool });
      const marker = event.repeated ? "↺" : event.isError ? "✗" : "←";
      const timing = verbose && !event.repeated ? ` (${Math.round(event.durationMs)} ms)` : "";
      return `${marker} ${shorten(event.text, verbose ? MAX_SHOWN * 3 : MAX_SHOWN)}${timing}`;
    }
    case "tool_progress":
      // Drawn on the spinner line (turn-feedback.ts), not as a line of its own.
      return undefined;
    case "warning":
      return `! ${event.text === undefined ? event.message : renderLocalised(event.text, t)}`;
    case "turn_end":
      return verbose
        ? t("cliView.turnEnd", {
            stopReason: event.stopReason,
            steps: event.steps,
            ms: Math.round(event.durationMs),
          })
        : undefined;
  }
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
