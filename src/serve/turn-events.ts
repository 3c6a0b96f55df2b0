/**
 * What a client sees of a turn while it runs: the web chat renders these, and the OpenAI-compatible
 * stream carries them in an extra `agente` field of its chunks. Built from the agent's own events; every
 * text passes through the secret guard before it leaves the server.
 */

import type { AgentEvent, StopReason } from "../agent/agent-events.js";
import type { ToolMedia } from "../agent/tool-media.js";
import type { ContextPassage } from "../prompt/context-passage.js";
import { maskSecretArguments } from "../util/secret-fields.js";
import type { Redactor } from "../util/secret-redaction.js";
import type { QuestionRequest } from "./stored-question.js";

/** A passage the answer was given as context: its file, where in the file, and its text. */
export interface SourcePassage {
  source: string;
  position?: number;
  text: string;
}

/** An answer cut to the size clients get: how much is shown of how much. */
export interface AnswerCut {
  shown: number;
  total: number;
}

export type TurnEvent =
  | { type: "sources"; sources: string[] }
  | { type: "tool_call"; step: number; tool: string; arguments: Record<string, unknown> }
  | { type: "approval_request"; id: string; tool: string; arguments: Record<string, unknown> }
  /** The call needs another person's approval: the turn is stored and goes on once they decide. */
  | { type: "approval_waiting"; id: string; tool: string; arguments: Record<string, unknown> }
  | { type: "approval"; step: number; tool: string; approved: boolean; reason?: string }
  /** A server asks the person something (stored-questions.ts): a form or a URL; `id` names the answer's POST. */
  | ({ type: "question"; id: string; server: string } & QuestionRequest)
  | { type: "question_answered"; id: string; action: "accept" | "decline" | "cancel" }
  /** A running tool's progress (MCP `notifications/progress`). */
  | { type: "tool_progress"; step: number; tool: string; progress: number; total?: number; message?: string }
  | {
      type: "tool_result";
      step: number;
      tool: string;
      result: string;
      isError: boolean;
      repeated: boolean;
      /** Images and audio for the page (not stored with the conversation). */
      media?: ToolMedia[];
    }
  | { type: "invalid_step"; step: number; problem: string }
  /** The answer as the model writes it: `text` is added to what came before, or replaces it (`reset`). */
  | { type: "answer_delta"; text: string; reset?: boolean }
  | {
      type: "answer";
      text: string;
      stopReason: StopReason;
      sources: string[];
      passages?: SourcePassage[];
      cut?: AnswerCut;
    };

export type TurnEventListener = (event: TurnEvent) => void;

/** One step as stored with the answer and shown folded in the page. */
export interface StepSummary {
  step: number;
  tool?: string;
  arguments?: Record<string, unknown>;
  result?: string;
  isError?: boolean;
  repeated?: boolean;
  problem?: string;
  /** For a call that needed approval: whether the user gave it. */
  approved?: boolean;
}

/** What is stored with an answer (`StoredMessage.details`). */
export interface TurnSummary {
  stopReason: StopReason;
  steps: StepSummary[];
  sources: string[];
  passages?: SourcePassage[];
  cut?: AnswerCut;
}

/** Unique file names of the passages, in order (a path shows as its last part). */
export function sourceNames(sources: readonly string[]): string[] {
  const names = sources.map((source) => source.split(/[\\/]/).at(-1) ?? source);
  return [...new Set(names)];
}

/** The context passages an answer used, by file name, with secrets hidden (the page opens them from a source chip). */
export function sourcePassages(passages: readonly ContextPassage[], redactor: Redactor): SourcePassage[] {
  return passages.map((passage) => ({
    source: passage.source.split(/[\\/]/).at(-1) ?? passage.source,
    ...(passage.position === undefined ? {} : { position: passage.position }),
    text: redactor.text(passage.text),
  }));
}

/** The client event for an agent event, or undefined when clients do not see it. */
export function turnEventOf(event: AgentEvent): TurnEvent | undefined {
  switch (event.type) {
    case "context":
      return { type: "sources", sources: sourceNames(event.passages.map((passage) => passage.source)) };
    case "action":
      if (event.action.kind !== "tool") return undefined;
      return {
        type: "tool_call",
        step: event.step,
        tool: event.action.tool,
        arguments: maskSecretArguments(event.action.args),
      };
    case "approval":
      return {
        type: "approval",
        step: event.step,
        tool: event.tool,
        approved: event.approved,
        ...(event.reason === undefined ? {} : { reason: event.reason }),
      };
    case "observation":
      return {
        type: "tool_result",
        step: event.step,
        tool: event.tool,
        result: event.text,
        isError: event.isError,
        repeated: event.repeated,
        ...(event.media === undefined ? {} : { media: event.media }),
      };
    case "invalid_action":
      return { type: "invalid_step", step: event.step, problem: event.problem };
    case "tool_progress":
      return event;
    default:
      return undefined;
  }
}

/** Folds the client events of a turn into the steps stored with its answer. */
export function collectSteps(events: readonly TurnEvent[]): StepSummary[] {
  const steps = new Map<number, StepSummary>();
  const at = (step: number) => {
    const existing = steps.get(step) ?? { step };
    steps.set(step, existing);
    return existing;
  };
  for (const event of events) {
    if (event.type === "tool_call")
      Object.assign(at(event.step), { tool: event.tool, arguments: event.arguments });
    else if (event.type === "tool_result")
      Object.assign(at(event.step), {
        tool: event.tool,
        result: event.result,
        isError: event.isError,
        repeated: event.repeated,
      });
    else if (event.type === "invalid_step") Object.assign(at(event.step), { problem: event.problem });
    else if (event.type === "approval")
      Object.assign(at(event.step), { tool: event.tool, approved: event.approved });
  }
  return [...steps.values()];
}
