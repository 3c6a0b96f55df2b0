/**
 * The model `agente serve` runs with: settled in the background, so the server listens at once while
 * `auto` probes Ollama or downloads the embedded model. While the file downloads, a question gets one line
 * saying so (never a wait as long as the download); when the settle fails, the model is missing and each
 * question gets the line on what is missing and how to get it (missing-model.ts).
 */
import { localised } from "../i18n/localised.js";
import type { ChatModel, ChatRequest, ChatResponse, ModelCheck } from "../llm/chat-model.js";
import type { DownloadState, SettlingChatModel } from "../runtime/settling-model.js";
import { SystemError } from "../util/errors.js";
import { downloadPercent } from "./download-percent.js";
import { MissingModel } from "./missing-model.js";

/** Where the background settle stands, for `/health` and the status panel (model-watch.ts). */
export type ModelPhase =
  | { kind: "settling"; download: DownloadState | undefined }
  | { kind: "settled" }
  | { kind: "missing"; reason: string };

/** How often a question waiting for a settle (an Ollama probe, at most 1.5 s) looks whether a download began. */
const DOWNLOAD_LOOK_MS = 200;

export class BackgroundModel implements ChatModel {
  private readonly inner: SettlingChatModel;
  private readonly abort = new AbortController();
  private readonly settling: Promise<void>;
  private settled = false;
  private missing: MissingModel | undefined;
  private begin: () => void = () => {};

  /** Settles `inner` once `start()` is called; `log` hears why there is no model when the settle fails. */
  constructor(inner: SettlingChatModel, options: { log: (line: string) => void }) {
    this.inner = inner;
    const begun = new Promise<void>((resolve) => {
      this.begin = resolve;
    });
    this.settling = begun
      .then(() => inner.ready(this.abort.signal))
      .then(
        () => {
          this.settled = true;
        },
        (error: unknown) => {
          if (this.abort.signal.aborted) return;
          this.missing = new MissingModel(inner.model, error);
          options.log(`! ${this.missing.reason}`);
        },
      );
  }

  get provider(): string {
    return this.missing?.provider ?? this.inner.provider;
  }

  get model(): string {
    return this.missing?.model ?? this.inner.model;
  }

  get constrainsOutput(): boolean {
    return this.missing?.constrainsOutput ?? this.inner.constrainsOutput;
  }

  /**
   * Starts settling: called once the server listens, so the Ollama probe (1.5 s at most) does not race
   * the rest of start-up for the event loop and fall back to the embedded model under load.
   */
  start(): void {
    this.begin();
  }

  phase(): ModelPhase {
    if (this.missing !== undefined) return { kind: "missing", reason: this.missing.reason };
    if (this.settled) return { kind: "settled" };
    return { kind: "settling", download: this.inner.download };
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    await this.untilSettledOrDownloading(request.signal);
    if (this.missing !== undefined) return this.missing.complete();
    const download = this.inner.download;
    if (!this.settled && download !== undefined)
      throw new SystemError(
        localised("serve.modelDownloading", { file: download.file, percent: downloadPercent(download) }),
        { hint: localised("serve.modelDownloadingHint") },
      );
    return this.inner.complete(request);
  }

  async check(): Promise<ModelCheck> {
    if (this.missing !== undefined) return this.missing.check();
    if (this.settled) return this.inner.check();
    return {
      provider: this.inner.provider,
      model: this.inner.model,
      location: "",
      reachable: true,
      modelAvailable: false,
      problems: [],
    };
  }

  /** Stops a download under way; the settled model itself is closed with the runtime that built it. */
  async close(): Promise<void> {
    this.abort.abort();
    this.begin(); // never started: the aborted settle ends at once
    await this.settling;
  }

  /** Waits while the settle only probes (short); returns as soon as it ended or a download began. */
  private async untilSettledOrDownloading(signal: AbortSignal | undefined): Promise<void> {
    let ended = false;
    const settling = this.settling.then(() => {
      ended = true;
    });
    while (!ended && this.inner.download === undefined) {
      signal?.throwIfAborted();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        settling,
        new Promise((resolve) => {
          timer = setTimeout(resolve, DOWNLOAD_LOOK_MS);
        }),
      ]);
      clearTimeout(timer);
    }
  }
}
