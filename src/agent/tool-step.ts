/**
 * One tool action, after it parsed: check the tool exists and the arguments fit its schema, apply the loop
 * guard and the approval policy, call it through the hub. Tool failures, hub errors and refusals all come
 * back as observations for the model; only a cancelled turn throws.
 */

import { createTranslator, type Translator } from "../i18n/translator.js";
import type { ExposedTool, ToolHub } from "../mcp/tool-hub.js";
import { errorMessage } from "../util/errors.js";
import { maskSecretArguments } from "../util/secret-fields.js";
import type { AgentAction } from "./agent-action.js";
import type { AgentEventListener } from "./agent-events.js";
import { type Approver, needsApproval } from "./approval.js";
import type { ArgumentValidator } from "./argument-validator.js";
import { observationText } from "./observation.js";
import { type ToolMedia, toolMedia } from "./tool-media.js";

export type ToolStepOutcome =
  /** The action cannot run as written: the model gets a correction. */
  | { kind: "invalid"; problem: string }
  /** The tool ran (or was refused, or failed): the model reads `text`. */
  | { kind: "observed"; text: string; isError: boolean; repeated: boolean };

export interface ToolStepContext {
  hub: ToolHub;
  tools: readonly ExposedTool[];
  validator: ArgumentValidator;
  approver: Approver;
  /** Observations of calls already made this turn, by `callKey`. */
  seen: Map<string, string>;
  observationTokens: number;
  step: number;
  onEvent: AgentEventListener;
  now: () => number;
  signal?: AbortSignal;
  /** The language of the model's prompt (default Spanish, as the seed). */
  translate?: Translator;
}

const SEED = createTranslator("es");

export async function runToolStep(
  action: Extract<AgentAction, { kind: "tool" }>,
  context: ToolStepContext,
): Promise<ToolStepOutcome> {
  // What the model reads, in the language of its prompt.
  const t = context.translate ?? SEED;
  const tool = context.tools.find((candidate) => candidate.name === action.tool);
  if (tool === undefined) {
    const names = context.tools.map((candidate) => candidate.name);
    return {
      kind: "invalid",
      problem: t("prompt.step.unknownTool", {
        tool: action.tool,
        names: names.join(", ") || t("prompt.step.noTools"),
      }),
    };
  }
  const check = context.validator.check(tool, action.args);
  if (!check.ok)
    return {
      kind: "invalid",
      problem: t("prompt.step.invalidArguments", { tool: tool.name, problem: check.problem }),
    };

  const key = callKey(tool.name, action.args);
  const earlier = context.seen.get(key);
  if (earlier !== undefined) {
    const text = t("prompt.step.repeated", { tool: tool.name, earlier });
    context.onEvent({
      type: "observation",
      step: context.step,
      tool: tool.name,
      text,
      isError: false,
      repeated: true,
      durationMs: 0,
    });
    return { kind: "observed", text, isError: false, repeated: true };
  }

  if (needsApproval(tool)) {
    const decision = await context.approver.decide({
      tool,
      args: maskSecretArguments(action.args),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    context.onEvent({
      type: "approval",
      step: context.step,
      tool: tool.name,
      approved: decision.approved,
      ...(decision.approved ? {} : { reason: decision.reason }),
      ...(decision.approver === undefined ? {} : { approver: decision.approver }),
      ...(!decision.approved && decision.expired === true ? { expired: true } : {}),
    });
    if (!decision.approved) {
      const text = t("prompt.step.refused", { tool: tool.name, reason: decision.reason });
      context.onEvent({
        type: "observation",
        step: context.step,
        tool: tool.name,
        text,
        isError: true,
        repeated: false,
        durationMs: 0,
      });
      return { kind: "observed", text, isError: true, repeated: false };
    }
  }

  const started = context.now();
  let text: string;
  let isError: boolean;
  let media: ToolMedia[] = [];
  try {
    const result = await context.hub.callTool(tool.name, action.args, {
      ...(context.signal ? { signal: context.signal } : {}),
      onProgress: ({ progress, total, message }) =>
        context.onEvent({
          type: "tool_progress",
          step: context.step,
          tool: tool.name,
          progress,
          ...(total === undefined ? {} : { total }),
          ...(message === undefined ? {} : { message }),
        }),
    });
    isError = result.isError === true;
    text = observationText(result, context.observationTokens);
    media = toolMedia(result);
  } catch (error) {
    if (context.signal?.aborted) throw error;
    // The hub could not reach the server (down, timed out): the model is told, the turn goes on.
    isError = true;
    text = t("prompt.step.callFailed", { tool: tool.name, error: errorMessage(error) });
  }
  const durationMs = context.now() - started;
  context.seen.set(key, text);
  context.onEvent({
    type: "observation",
    step: context.step,
    tool: tool.name,
    text,
    isError,
    repeated: false,
    durationMs,
    ...(media.length === 0 ? {} : { media }),
  });
  return { kind: "observed", text, isError, repeated: false };
}

/** Same tool and same arguments, whatever the key order. */
export function callKey(tool: string, args: unknown): string {
  return `${tool}\u0000${stableJson(args)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${stableJson(entry)}`).join(",")}}`;
}
