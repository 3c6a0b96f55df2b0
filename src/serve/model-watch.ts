/**
 * What `/health` and the status panel say about the model: starting (`auto` probing Ollama), downloading
 * (with bytes done and the whole size), ready, unreachable (with what is wrong), or missing (no model
 * could be had). A provider that lives elsewhere (Ollama, an OpenAI-
 * compatible server) is checked at most every `everyMs`, so a stopped Ollama shows within seconds; the
 * embedded engine runs in this process and is ready once it has a file.
 */
import type { ChatModel, ModelCheck } from "../llm/chat-model.js";
import { errorMessage } from "../util/errors.js";
import type { ModelPhase } from "./background-model.js";

export type ModelState = "starting" | "downloading" | "ready" | "unreachable" | "missing";

export interface ModelStatus {
  provider: string;
  name: string;
  state: ModelState;
  /** What is wrong and how to fix it (English, for logs and API clients). */
  reason?: string;
  /** While downloading: bytes on disk so far and the whole size (absent when the server did not say). */
  download?: { received: number; total?: number };
}

export class ModelWatch {
  private readonly model: ChatModel;
  private readonly everyMs: number;
  private readonly phase: () => ModelPhase;
  private last: { at: number; status: ModelStatus } | undefined;
  private running: Promise<ModelStatus> | undefined;

  /** `phase`: where the background settle stands (background-model.ts); default settled. */
  constructor(model: ChatModel, options: { everyMs?: number; phase?: () => ModelPhase } = {}) {
    this.model = model;
    this.everyMs = options.everyMs ?? 5_000;
    this.phase = options.phase ?? (() => ({ kind: "settled" }));
  }

  async status(): Promise<ModelStatus> {
    const base = { provider: this.model.provider, name: this.model.model };
    const phase = this.phase();
    if (phase.kind === "missing") return { ...base, state: "missing", reason: phase.reason };
    if (phase.kind === "settling") {
      const download = phase.download;
      if (download === undefined) return { ...base, state: "starting" };
      // Only the embedded model downloads: named after its file until it is settled.
      return {
        provider: "llama-cpp",
        name: download.file,
        state: "downloading",
        download: {
          received: download.received,
          ...(download.total === undefined ? {} : { total: download.total }),
        },
      };
    }
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
