/**
 * The steps of one turn after its setup: ask the model, let `resolveStep` say what comes next, act on it
 * (answer, run a tool, correct), until an answer or a stop rule. Cancels are not handled here: they throw
 * through to `runTurn`'s one cancel path.
 */
import { inEnglish, localised } from "../i18n/localised.js";
import { createTranslator, type Translator } from "../i18n/translator.js";
import type { ChatModel, ChatResponse } from "../llm/chat-model.js";
import type { ToolHub } from "../mcp/tool-hub.js";
import type { AgentAction } from "./agent-action.js";
import type { AgentEventListener, StopReason } from "./agent-events.js";
import type { AgentSettings } from "./agent-settings.js";
import type { Approver } from "./approval.js";
import { ArgumentValidator } from "./argument-validator.js";
import { CONTEXT_TOOL } from "./context-retriever.js";
import { type InvalidStep, resolveInvalid, resolveStep, type StepContext } from "./next-step.js";
import { isStepCount, type LoopCounters } from "./stop-conditions.js";
import { callKey, runToolStep } from "./tool-step.js";
import { correctionMessage, modelOptions, observationMessages } from "./turn-messages.js";
import { emitModelCall, type PreparedTurn } from "./turn-setup.js";

/** One step as `agente ask --json` reports it. */
export interface StepRecord {
  step: number;
  action?: AgentAction;
  observation?: string;
  isError?: boolean;
  repeated?: boolean;
  /** Why the model's output was rejected, for an invalid step. */
  problem?: string;
  rawOutput: string;
}

/** How the loop ended, before the turn's result is assembled. */
export interface LoopEnd {
  stopReason: StopReason;
  answer: string;
}

/**
 * A step a turn already took before it was suspended (waiting for another person's approval), replayed
 * into the prompt when the turn goes on, possibly on another replica: the call and what the model read.
 */
export interface ResumedStep {
  action: Extract<AgentAction, { kind: "tool" }>;
  observation: string;
  isError: boolean;
}

/** What the loop reads of a turn's input (`TurnInput` in run-turn.ts). */
export interface TurnLoopInput {
  model: ChatModel;
  hub: ToolHub;
  userMessage: string;
  settings: AgentSettings;
  approver: Approver;
  signal?: AbortSignal;
  validator?: ArgumentValidator;
  /** The user's language for the fixed text (default Spanish, as the seed). */
  translate?: Translator;
  /** Steps taken before the turn was suspended: the loop goes on after them. */
  resume?: readonly ResumedStep[];
}

export class TurnLoop {
  private readonly counters: LoopCounters = { stepsDone: 0, invalidInARow: 0 };
  /** Calls already made this turn (the loop guard): key → what to tell the model on a repeat. */
  private readonly seen = new Map<string, string>();
  private readonly validator: ArgumentValidator;
  private answerOnly = false;
  private lastObservation: { tool: string; text: string } | undefined;
  private warnedOverBudget: boolean;
  private readonly translate: Translator;

  constructor(
    private readonly input: TurnLoopInput,
    private readonly turn: PreparedTurn,
    private readonly steps: StepRecord[],
    private readonly now: () => number,
    private readonly emit: AgentEventListener,
  ) {
    this.validator = input.validator ?? new ArgumentValidator();
    this.translate = input.translate ?? createTranslator("es");
    // The first request's own over-budget warning came with the fit.
    this.warnedOverBudget = turn.prompt.report.overBudget;
    if (turn.passages.length > 0) {
      // The automatic retrieval counts as a call: asking again for the same thing is a repeat.
      this.seen.set(
        callKey(CONTEXT_TOOL, { pregunta: input.userMessage, k: input.settings.context.k }),
        this.translate("prompt.step.contextGiven"),
      );
    }
    for (const done of input.resume ?? []) {
      const step = this.counters.stepsDone + 1;
      this.turn.prompt.push(...observationMessages(done.action, done.observation, input.settings.toolMode));
      this.seen.set(callKey(done.action.tool, done.action.args), done.observation);
      this.steps.push({
        step,
        action: done.action,
        observation: done.observation,
        isError: done.isError,
        rawOutput: "",
      });
      this.lastObservation = { tool: done.action.tool, text: done.observation };
      this.counters.stepsDone = step;
    }
  }

  async run(): Promise<LoopEnd> {
    const { settings, signal } = this.input;
    const atStepLimit = isStepCount(settings.maxSteps);
    while (!atStepLimit(this.counters)) {
      // A provider or tool that ignores the signal must not carry a cancelled turn on.
      signal?.throwIfAborted();
      const step = this.counters.stepsDone + 1;
      const response = await this.ask(step);
      const context: StepContext = {
        ...this.counters,
        toolMode: settings.toolMode,
        maxCorrections: settings.maxCorrections,
        translate: this.translate,
      };
      const next = resolveStep(response, context);
      if (next.kind === "answer") {
        this.emit({ type: "action", step, action: next.action });
        this.steps.push({ step, action: next.action, rawOutput: response.text });
        return { stopReason: "answer", answer: next.action.text };
      }
      const invalid =
        next.kind === "run_tool" ? await this.runTool(step, next.action, response, context) : next;
      if (invalid === undefined) continue;
      const end = this.correct(step, invalid, response);
      if (end !== undefined) return end;
    }
    const last =
      this.lastObservation === undefined
        ? ""
        : this.translate("agent.lastObtained", {
            tool: this.lastObservation.tool,
            text: this.lastObservation.text.slice(0, 300),
          });
    return {
      stopReason: "step_limit",
      answer: this.translate("agent.stepLimit", { steps: settings.maxSteps, last }),
    };
  }

  /** One model call with the turn's current messages. */
  private async ask(step: number): Promise<ChatResponse> {
    const { settings, signal } = this.input;
    const { messages, tokens, overBudget } = this.turn.prompt.request();
    if (overBudget && !this.warnedOverBudget) {
      this.warnedOverBudget = true;
      const text = localised("agent.overBudgetStep", {
        step,
        tokens,
        budget: settings.promptBudgetTokens,
      });
      this.emit({ type: "warning", message: inEnglish(text), text });
    }
    const started = this.now();
    const response = await this.input.model.complete({
      messages,
      ...modelOptions(this.turn.tools, settings, this.answerOnly),
      ...(signal ? { signal } : {}),
    });
    emitModelCall(this.emit, {
      step,
      attempt: this.counters.invalidInARow + 1,
      messages,
      tokens,
      answerOnly: this.answerOnly,
      response,
      durationMs: this.now() - started,
    });
    return response;
  }

  /** Runs the tool the model asked for; undefined when it was observed, else why the step was invalid. */
  private async runTool(
    step: number,
    action: Extract<AgentAction, { kind: "tool" }>,
    response: ChatResponse,
    context: StepContext,
  ): Promise<InvalidStep | undefined> {
    const { settings, signal } = this.input;
    this.emit({ type: "action", step, action });
    const outcome = await runToolStep(action, {
      hub: this.input.hub,
      tools: this.turn.tools,
      validator: this.validator,
      approver: this.input.approver,
      seen: this.seen,
      observationTokens: settings.observationTokens,
      step,
      onEvent: this.emit,
      now: this.now,
      translate: this.translate,
      ...(signal ? { signal } : {}),
    });
    if (outcome.kind !== "observed") return resolveInvalid(outcome.problem, context);
    this.steps.push({
      step,
      action,
      observation: outcome.text,
      isError: outcome.isError,
      repeated: outcome.repeated,
      rawOutput: response.text,
    });
    this.turn.prompt.push(...observationMessages(action, outcome.text, settings.toolMode));
    this.lastObservation = { tool: action.tool, text: outcome.text };
    // After a repeated call the only useful move left is to answer: decode the next step as an answer.
    if (outcome.repeated) this.answerOnly = true;
    this.counters.invalidInARow = 0;
    this.counters.stepsDone += 1;
    return undefined;
  }

  /** An invalid step: a short correction, a bounded number of times in a row; the end when none is left. */
  private correct(step: number, invalid: InvalidStep, response: ChatResponse): LoopEnd | undefined {
    this.counters.invalidInARow += 1;
    this.emit({
      type: "invalid_action",
      step,
      problem: invalid.problem,
      correctionsLeft: invalid.kind === "correct" ? invalid.correctionsLeft : 0,
    });
    this.steps.push({ step, problem: invalid.problem, rawOutput: response.text });
    if (invalid.kind === "stop") return { stopReason: invalid.reason, answer: invalid.answer };
    this.turn.prompt.push(
      { role: "assistant", content: response.text.slice(0, 500) },
      {
        role: "user",
        content: correctionMessage(invalid.problem, this.input.settings.toolMode, this.translate),
      },
    );
    return undefined;
  }
}
