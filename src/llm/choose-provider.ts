/**
 * Settles the provider before a run. `auto` (the default) takes Ollama when it answers at `OLLAMA_HOST` and
 * has the model, else the embedded llama.cpp provider with agente's default GGUF, downloaded into the cache
 * on first use. The embedded provider without a `--gguf` file also gets the cached download. Says which
 * model it took and why in one line, as `ollama run` would.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { type LocalisedText, localised } from "../i18n/localised.js";
import type { Translator } from "../i18n/translator.js";
import { downloadModel } from "../models/download-model.js";
import type { DownloadProgress } from "../models/download-progress.js";
import { DEFAULT_CHAT_MODEL, type ModelSource, sourceFromUrl } from "../models/known-models.js";
import { AgenteError, SystemError } from "../util/errors.js";
import { displayUrl, moveCredentialsToHeader } from "../util/url-credentials.js";
import type { FetchFunction } from "./http-json.js";
import type { ModelSettings } from "./model-settings.js";

export interface ProviderChoice {
  /** Settings whose provider is never `auto`; for llama-cpp, `gguf` names a file on disk. */
  settings: ModelSettings;
  /** The line to show (`model: embedded … (no Ollama at …)`); undefined when the user named the provider. */
  announcement: string | undefined;
  /** For llama-cpp: whether the GGUF file is on disk (false only with `download: false`). */
  cached: boolean;
}

export interface ChooseProviderDependencies {
  translate: Translator;
  /** The model cache folder (`modelCacheFolder(env)`). */
  cacheFolder: string;
  progress?: DownloadProgress;
  fetch?: FetchFunction;
  signal?: AbortSignal;
  /** How long Ollama may take to answer `/api/tags`; default 1500 ms. */
  probeTimeoutMs?: number;
  /**
   * False: never download (`agente doctor`); `gguf` then names where the cached file is or will be, and
   * `cached` says which.
   */
  download?: boolean;
}

const tagsSchema = z.looseObject({
  models: z.array(z.looseObject({ name: z.string() })).default([]),
});

export async function chooseProvider(
  settings: ModelSettings,
  dependencies: ChooseProviderDependencies,
): Promise<ProviderChoice> {
  if (settings.provider === "llama-cpp") {
    if (settings.gguf !== undefined) return { settings, announcement: undefined, cached: true };
    return { ...(await embedded(settings, dependencies)), announcement: undefined };
  }
  if (settings.provider !== "auto") return { settings, announcement: undefined, cached: true };
  const t = dependencies.translate;
  const url = displayUrl(settings.baseUrl);
  const ollama = await probeOllama(settings, dependencies);
  if (ollama === "has-model") {
    return {
      settings: { ...settings, provider: "ollama" },
      announcement: t("models.chosen.ollama", { model: settings.model, url }),
      cached: true,
    };
  }
  let fallback: { settings: ModelSettings; cached: boolean };
  try {
    fallback = await embedded(settings, dependencies);
  } catch (error) {
    // Neither way works: say both, so the user can start Ollama or fix the download.
    if (error instanceof AgenteError && dependencies.signal?.aborted !== true)
      throw new SystemError(
        // Catalogue text all through, so the CLI says the whole line in the user's language.
        localised("models.chosen.neither", {
          model: settings.model,
          url,
          reason: error.text ?? error.message,
        }),
        { cause: error, ...neitherHint(error) },
      );
    throw error;
  }
  const { settings: chosen, cached } = fallback;
  const announcement =
    ollama === "unreachable"
      ? t("models.chosen.embeddedNoOllama", { model: chosen.model, url })
      : t("models.chosen.embeddedNoModel", { model: chosen.model, url, ollamaModel: settings.model });
  return { settings: chosen, announcement, cached };
}

/** What to do when neither way works: for an unreachable download, every way out (pull later, a file, Ollama). */
function neitherHint(error: AgenteError): { hint?: string | LocalisedText } {
  if (error.text?.key === "models.error.unreachable") return { hint: localised("models.chosen.neitherHint") };
  const hint = error.hintText ?? error.hint;
  return hint === undefined ? {} : { hint };
}

/** The GGUF source a download would use: `AGENTE_GGUF_URL` / `model.ggufUrl`, else agente's default. */
export function ggufSource(settings: ModelSettings): ModelSource {
  return settings.ggufUrl === undefined
    ? DEFAULT_CHAT_MODEL
    : sourceFromUrl(settings.ggufUrl, settings.ggufSha256);
}

async function embedded(
  settings: ModelSettings,
  dependencies: ChooseProviderDependencies,
): Promise<{ settings: ModelSettings; cached: boolean }> {
  let gguf = settings.gguf;
  let cached = true;
  if (gguf === undefined && dependencies.download === false) {
    gguf = join(dependencies.cacheFolder, ggufSource(settings).fileName);
    cached = await isFile(gguf);
  } else if (gguf === undefined) {
    gguf = (
      await downloadModel(ggufSource(settings), dependencies.cacheFolder, {
        translate: dependencies.translate,
        ...(dependencies.progress === undefined ? {} : { progress: dependencies.progress }),
        ...(dependencies.fetch === undefined ? {} : { fetch: dependencies.fetch }),
        ...(dependencies.signal === undefined ? {} : { signal: dependencies.signal }),
      })
    ).path;
  }
  const fileName = gguf.split(/[\\/]/).pop() ?? gguf;
  // Under auto the model name was Ollama's (llama3.2:1b); the embedded model is named after its file.
  const model = settings.provider === "auto" ? fileName.replace(/\.gguf$/i, "") : settings.model;
  return { settings: { ...settings, provider: "llama-cpp", gguf, model }, cached };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return false;
    throw error;
  }
}

type OllamaState = "has-model" | "no-model" | "unreachable";

async function probeOllama(
  settings: ModelSettings,
  dependencies: ChooseProviderDependencies,
): Promise<OllamaState> {
  const timeout = AbortSignal.timeout(dependencies.probeTimeoutMs ?? 1500);
  const signal =
    dependencies.signal === undefined ? timeout : AbortSignal.any([timeout, dependencies.signal]);
  let body: unknown;
  try {
    // Credentials written into OLLAMA_HOST go as basic auth: fetch refuses a URL that carries them.
    const request = moveCredentialsToHeader(`${settings.baseUrl}/api/tags`, { signal });
    const response = await (dependencies.fetch ?? fetch)(request.url, request.init);
    if (!response.ok) {
      await response.body?.cancel();
      return "unreachable";
    }
    body = await response.json();
  } catch (error) {
    dependencies.signal?.throwIfAborted();
    // Refused, timed out, or not JSON: whatever answers there is no usable Ollama.
    if (error instanceof Error) return "unreachable";
    throw error;
  }
  const tags = tagsSchema.safeParse(body);
  if (!tags.success) return "unreachable";
  const wanted = settings.model.includes(":") ? settings.model : `${settings.model}:latest`;
  return tags.data.models.some((entry) => entry.name === wanted || entry.name === settings.model)
    ? "has-model"
    : "no-model";
}
