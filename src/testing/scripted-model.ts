/**
 * The scripted model: a `ChatModel` that hands out scripted replies (one value for every call, a function
 * of the request, or a list of per-call replies) and records every request. Like the Vercel AI SDK's
 * mock model and openai-agents-js's `ScriptedModel`; tests, benchmarks and the eval use it wherever the
 * agent needs a model but the test is not about a provider. A list script must be used up: the model joins
 * `scriptLedger`, which the test setup settles after every test, and `assertConsumed()` checks at once.
 */

import { setTimeout as delay } from "node:timers/promises";
import type { ChatModel, ChatRequest, ChatResponse, ModelCheck } from "../llm/chat-model.js";
import { type Script, ScriptPlayer } from "./script.js";
import { scriptLedger } from "./script-ledger.js";
import { UnconsumedRepliesError } from "./unconsumed-replies-error.js";

export { answer, toolCall } from "./model-actions.js";

/** One reply: the model's text, or the fields of a full response (the rest take their defaults). */
export type ScriptedReply = string | Partial<ChatResponse>;

export interface ScriptedModelOptions {
  /** The provider name the model reports (default `scripted`). */
  provider?: string;
  /** The model name it reports (default `scripted-model`). */
  model?: string;
  /** Whether it claims to enforce `schema` while decoding (default false). */
  constrainsOutput?: boolean;
  /** Keep a copy of every request in `requests` (default true; a benchmark turns it off). */
  recordRequests?: boolean;
  /** Milliseconds each reply takes (a slow model, to cancel or to queue behind); the request's signal cuts it short. */
  delayMs?: number;
  /**
   * Stream each reply's text to `onText` a word at a time, this many milliseconds apart (a model writing
   * as a real one does); the request's signal cuts it short. Absent: the reply arrives whole.
   */
  wordDelayMs?: number;
}

export class ScriptedModel implements ChatModel {
  readonly provider: string;
  readonly model: string;
  readonly constrainsOutput: boolean;
  /** Every request so far, in order (without its signal). */
  readonly requests: ChatRequest[] = [];
  readonly #player: ScriptPlayer<ChatRequest, ScriptedReply>;
  readonly #record: boolean;
  readonly #delayMs: number;
  readonly #wordDelayMs: number | undefined;

  constructor(script: Script<ChatRequest, ScriptedReply>, options: ScriptedModelOptions = {}) {
    this.#player = new ScriptPlayer("ScriptedModel", script);
    this.provider = options.provider ?? "scripted";
    this.model = options.model ?? "scripted-model";
    this.constrainsOutput = options.constrainsOutput ?? false;
    this.#record = options.recordRequests ?? true;
    this.#delayMs = options.delayMs ?? 0;
    const player = this.#player;
    if (player.isList())
      scriptLedger.add({
        double: "ScriptedModel",
        remaining: () => player.remaining(),
        calls: () => player.calls(),
      });
    this.#wordDelayMs = options.wordDelayMs;
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    if (this.#record)
      this.requests.push(structuredClone({ ...request, signal: undefined, onText: undefined }));
    if (this.#delayMs > 0) await delay(this.#delayMs, undefined, { signal: request.signal });
    const reply = this.#player.next(request);
    const partial = typeof reply === "string" ? { text: reply } : reply;
    if (this.#wordDelayMs !== undefined && partial.text !== undefined) {
      const words = partial.text.split(/(?<=\s)/);
      let soFar = "";
      for (const word of words) {
        await delay(this.#wordDelayMs, undefined, { signal: request.signal });
        soFar += word;
        request.onText?.(soFar);
      }
    }
    return { text: "", toolCalls: [], stopReason: "stop", warnings: [], ...partial };
  }

  async check(): Promise<ModelCheck> {
    return {
      provider: this.provider,
      model: this.model,
      location: "memory",
      reachable: true,
      modelAvailable: true,
      problems: [],
    };
  }

  async close(): Promise<void> {}

  /** Replies of a list script not consumed yet. */
  remaining(): number {
    return this.#player.remaining();
  }

  /** Throws `UnconsumedRepliesError` when replies of a list script were never used. */
  assertConsumed(): void {
    const remaining = this.#player.remaining();
    if (remaining > 0) throw new UnconsumedRepliesError("ScriptedModel", remaining, this.#player.calls());
  }
}
