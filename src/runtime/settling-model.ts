/**
 * The model a chat or `ask` runs with, settled on first use: `auto` becomes Ollama or the embedded model
 * (downloaded then, with progress) when the first question needs it, not before the prompt appears. A
 * settle that fails (no Ollama and no way to download) fails that question only; the next one tries again,
 * so starting Ollama or fixing the network mid-chat is enough.
 */
import type { Language } from "../i18n/language.js";
import type { ChatModel, ChatRequest, ChatResponse, ModelCheck } from "../llm/chat-model.js";
import { createChatModel } from "../llm/create-chat-model.js";
import type { ModelSettings } from "../llm/model-settings.js";
import { notDownloadedCheck, settleModel } from "./settle-model.js";

export interface SettlingModelOptions {
  env: NodeJS.ProcessEnv;
  /** The language the user chose (`--lang`); without it, the one `env` gives. */
  language?: Language | undefined;
  /** Builds the provider for settled settings (default `createChatModel`). */
  create?: (settings: ModelSettings) => ChatModel;
}

/** How far the embedded model's download has come, while `ready()` downloads it. */
export interface DownloadState {
  /** The file being downloaded (`Qwen3-1.7B-Q4_K_M.gguf`). */
  file: string;
  /** Bytes on disk so far, including a resumed part. */
  received: number;
  /** The whole file's size; undefined when the server did not say. */
  total: number | undefined;
}

export class SettlingChatModel implements ChatModel {
  readonly #settings: ModelSettings;
  readonly #options: SettlingModelOptions;
  #inner: ChatModel | undefined;
  #settled: ModelSettings | undefined;
  #settling: Promise<ChatModel> | undefined;
  #announcement: string | undefined;
  #download: DownloadState | undefined;

  constructor(settings: ModelSettings, options: SettlingModelOptions) {
    this.#settings = settings;
    this.#options = options;
  }

  get provider(): string {
    return this.#inner?.provider ?? this.#settings.provider;
  }

  get model(): string {
    return this.#inner?.model ?? this.#settings.model;
  }

  get constrainsOutput(): boolean {
    // Every provider agente builds constrains its output; the settled one says for itself.
    return this.#inner?.constrainsOutput ?? true;
  }

  /** The settled settings, once the first question settled them. */
  get settings(): ModelSettings {
    return this.#settled ?? this.#settings;
  }

  /** Which model `auto` took and why (`model: embedded … (no Ollama at …)`), once settled. */
  get announcement(): string | undefined {
    return this.#announcement;
  }

  /** The download under way while settling; undefined when nothing is being downloaded. */
  get download(): DownloadState | undefined {
    return this.#download;
  }

  /**
   * Settles the provider now (downloading the embedded model if needed); idempotent. `announce: false`
   * keeps the announcement off stderr (the chat prints it as one of its own lines, never over the prompt).
   */
  ready(signal?: AbortSignal, announce = true): Promise<ChatModel> {
    if (this.#inner !== undefined) return Promise.resolve(this.#inner);
    this.#settling ??= (async () => {
      const choice = await settleModel(this.#settings, {
        env: this.#options.env,
        language: this.#options.language,
        // Said once: not again when the check already told it.
        announce: announce && this.#announcement === undefined,
        ...(signal === undefined ? {} : { signal }),
        onProgress: (update) => {
          this.#download = { file: update.name, received: update.received, total: update.total };
        },
      });
      this.#announcement = choice.announcement;
      const model = (this.#options.create ?? createChatModel)(choice.settings);
      this.#settled = choice.settings;
      this.#inner = model;
      return model;
    })().finally(() => {
      this.#settling = undefined;
      this.#download = undefined;
    });
    return this.#settling;
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    return (await this.ready(request.signal)).complete(request);
  }

  /**
   * Checks without downloading: an embedded model not yet in the cache is reported as coming on first use;
   * otherwise the model is settled (and announced) now and checked.
   */
  async check(): Promise<ModelCheck> {
    if (this.#inner !== undefined) return this.#inner.check();
    const choice = await settleModel(this.#settings, {
      env: this.#options.env,
      language: this.#options.language,
      download: false,
      announce: false,
    });
    this.#announcement = choice.announcement;
    if (!choice.cached)
      return notDownloadedCheck(choice.settings, {
        env: this.#options.env,
        language: this.#options.language,
      });
    // Nothing to download: settle now, so the engine the check loads is the one the first question uses.
    return (await this.ready(undefined, false)).check();
  }

  async close(): Promise<void> {
    await this.#inner?.close();
  }
}
