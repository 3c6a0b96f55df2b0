/**
 * The model `agente serve` runs with when none could be had at start (no Ollama, no downloaded file, no
 * network): the page, uploads, the document list and `/mcp` still work, and each question gets the one
 * line that says what is missing and how to get it.
 */
import type { ChatModel, ChatResponse, ModelCheck } from "../llm/chat-model.js";
import { AgenteError, SystemError } from "../util/errors.js";

export class MissingModel implements ChatModel {
  readonly provider = "none";
  readonly model: string;
  readonly constrainsOutput = false;
  private readonly why: AgenteError;

  /** `model`: the name that was asked for; `why`: the error that said it cannot be had. */
  constructor(model: string, why: unknown) {
    this.model = model;
    this.why =
      why instanceof AgenteError
        ? why
        : new SystemError(why instanceof Error ? why.message : String(why), { cause: why });
  }

  /** What is missing and how to get it, in one line. */
  get reason(): string {
    return this.why.hint === undefined ? this.why.message : `${this.why.message}: ${this.why.hint}`;
  }

  async complete(): Promise<ChatResponse> {
    throw this.why;
  }

  async check(): Promise<ModelCheck> {
    return {
      provider: this.provider,
      model: this.model,
      location: "",
      reachable: false,
      modelAvailable: false,
      problems: [this.reason],
    };
  }

  async close(): Promise<void> {}
}
