/**
 * What `/health` and the status panel say about the model: ready, unreachable (with what is wrong), or
 * missing (`agente serve` started without one). A provider that lives elsewhere (Ollama, an OpenAI-
 * compatible server) is checked at most every `everyMs`, so a stopped Ollama shows within seconds; the
 * embedded engine runs in this process and is ready once it has a file.
 */
import type { ChatModel, ModelCheck } from "../llm/chat-model.js";
import { errorMessage } from "../util/errors.js";

export type ModelState = "ready" | "unreachable" | "missing";

export interface ModelStatus {
  provider: string;
  name: string;
  state: ModelState;
  /** What is wrong and how to fix it (English, for logs and API clients). */
  reason?: string;
}

export class ModelWatch {
  private readonly model: ChatModel;
  private readonly everyMs: number;
  private readonly missing: string | undefined;
  private last: { at: number; status: ModelStatus } | undefined;
  private running: Promise<ModelStatus> | undefined;

  /** `missing`: why there is no model at all (serve started without one). */
  constructor(model: ChatModel, options: { everyMs?: number; missing?: string } = {}) {
    this.model = model;
    this.everyMs = options.everyMs ?? 5_000;
    this.missing = options.missing;
  }

  async status(): Promise<ModelStatus> {
    const base = { provider: this.model.provider, name: this.model.model };
    if (this.missing !== undefined) return { ...base, state: "missing", reason: this.missing };
    if (this.model.provider === "llama-cpp") return { ...base, state: "ready" };
    const last = this.last;
    if (last !== undefined && performance.now() - last.at < this.everyMs) return last.status;
    this.running ??= this.check(base).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async check(base: { provider: string; name: string }): Promise<ModelStatus> {
    let status: ModelStatus;
    try {
      status = statusOf(base, await this.model.check());
    } catch (error) {
      status = { ...base, state: "unreachable", reason: errorMessage(error) };
    }
    this.last = { at: performance.now(), status };
    return status;
  }
}

function statusOf(base: { provider: string; name: string }, check: ModelCheck): ModelStatus {
  if (check.reachable && check.modelAvailable) return { ...base, state: "ready" };
  const reason = check.problems.join("; ");
  return { ...base, state: "unreachable", ...(reason === "" ? {} : { reason }) };
}
