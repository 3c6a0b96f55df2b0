/**
 * What the loop does with one model response, decided by a pure function (as openai-agents-js
 * `runner/steps.ts` turns a model response into a `NextStep`): answer, run a tool, send a correction, or
 * stop after too many invalid steps in a row. The loop in turn-loop.ts only acts on the result.
 */
import { createTranslator, type Translator } from "../i18n/translator.js";
import type { ChatResponse } from "../llm/chat-model.js";
import type { ToolMode } from "../prompt/system-prompt.js";
import { type AgentAction, parseJsonAction, parseNativeAction } from "./agent-action.js";
import { hasTooManyCorrections, type LoopCounters } from "./stop-conditions.js";

export type NextStep =
  /** The model answered: the turn ends with this text. */
  | { kind: "answer"; action: Extract<AgentAction, { kind: "answer" }> }
  /** The model asked for a tool: run it and show the observation. */
  | { kind: "run_tool"; action: Extract<AgentAction, { kind: "tool" }> }
  /** The step was invalid: tell the model what was wrong and ask again. */
  | { kind: "correct"; problem: string; correctionsLeft: number }
  /** Invalid once too often: the turn ends with an honest message. */
  | { kind: "stop"; reason: "invalid_output"; problem: string; answer: string };

/** The two ways an invalid step goes on. */
export type InvalidStep = Extract<NextStep, { kind: "correct" | "stop" }>;

export interface StepContext extends LoopCounters {
  toolMode: ToolMode;
  maxCorrections: number;
  /** The user's language for the honest message that ends the turn (default Spanish, as the seed). */
  translate?: Translator;
}

/** Turns one model response into the loop's next step. */
export function resolveStep(response: ChatResponse, context: StepContext): NextStep {
  const t = context.translate ?? createTranslator("es");
  const parsed =
    context.toolMode === "json" ? parseJsonAction(response.text, t) : parseNativeAction(response, t);
  if (!parsed.ok)
    return resolveInvalid(
      response.stopReason === "length"
        ? t("prompt.step.truncated", { problem: parsed.problem })
        : parsed.problem,
      context,
    );
  if (parsed.action.kind === "answer") return { kind: "answer", action: parsed.action };
  return { kind: "run_tool", action: parsed.action };
}

/** An invalid step (unreadable output, unknown tool, bad arguments): a correction, or the stop. */
export function resolveInvalid(problem: string, context: StepContext): InvalidStep {
  const invalidInARow = context.invalidInARow + 1;
  if (hasTooManyCorrections(context.maxCorrections)({ ...context, invalidInARow }))
    return {
      kind: "stop",
      reason: "invalid_output",
      problem,
      answer: (context.translate ?? createTranslator("es"))("agent.invalidOutput", {
        count: invalidInARow,
        problem,
      }),
    };
  return { kind: "correct", problem, correctionsLeft: context.maxCorrections - invalidInARow + 1 };
}
