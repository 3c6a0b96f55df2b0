/**
 * The answer as it streams, turned into small deltas for a client: only what was added since the last
 * one (a whole-text event per token would send the answer n times), a reset when a new model reply starts
 * over, and never the start of a secret. A secret arriving token by token would pass the secret guard one
 * harmless-looking piece at a time, so the text is held back from where a secret might be starting until
 * it is clearly not one (or is whole, and hidden).
 */
import { answerSoFar } from "../agent/answer-stream.js";
import type { ChatModel } from "../llm/chat-model.js";
import type { Redactor } from "../util/secret-redaction.js";

export class AnswerDeltas {
  private sent = "";
  private readonly secrets: readonly string[];
  private readonly redactor: Redactor;
  private readonly emit: (text: string, reset: boolean) => void;

  constructor(secrets: readonly string[], redactor: Redactor, emit: (text: string, reset: boolean) => void) {
    this.secrets = secrets.filter((secret) => secret.length > 0);
    this.redactor = redactor;
    this.emit = emit;
  }

  /** A new model reply begins: what it streams replaces what an earlier reply streamed. */
  startReply(): void {
    if (this.sent === "") return;
    this.sent = "";
    this.emit("", true);
  }

  /** The answer so far in the current reply (undefined: not an answer, or not yet). */
  update(answerSoFar: string | undefined): void {
    if (answerSoFar === undefined) return;
    const visible = this.safePrefix(this.redactor.text(answerSoFar));
    if (visible.startsWith(this.sent)) {
      if (visible.length > this.sent.length) this.emit(visible.slice(this.sent.length), false);
    } else {
      this.emit(visible, true);
    }
    if (visible.length >= this.sent.length || !visible.startsWith(this.sent)) this.sent = visible;
  }

  /** `text` without a tail that could be the beginning of a secret. */
  private safePrefix(text: string): string {
    let end = text.length;
    for (const secret of this.secrets) {
      const longest = Math.min(secret.length - 1, text.length);
      for (let size = longest; size > 0; size--) {
        if (text.endsWith(secret.slice(0, size))) {
          end = Math.min(end, text.length - size);
          break;
        }
      }
    }
    return text.slice(0, end);
  }
}

/** The model with every reply's text fed to `deltas` as it streams (the page sees the answer grow). */
export function streamingModel(model: ChatModel, deltas: AnswerDeltas): ChatModel {
  return {
    provider: model.provider,
    model: model.model,
    constrainsOutput: model.constrainsOutput,
    check: () => model.check(),
    close: () => model.close(),
    complete: (request) => {
      deltas.startReply();
      return model.complete({
        ...request,
        onText: (text) => {
          request.onText?.(text);
          deltas.update(answerSoFar(text));
        },
      });
    },
  };
}
