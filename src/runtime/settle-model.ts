/**
 * Turns the resolved model settings into the provider a command runs with (`auto` → Ollama or the embedded
 * model), downloading the embedded model on first use with progress on stderr, and says on stderr which
 * model it took. stdout stays the command's own (`--json`).
 */
import { type Language, resolveLanguage } from "../i18n/language.js";
import { localised } from "../i18n/localised.js";
import { createTranslator } from "../i18n/translator.js";
import type { ModelCheck } from "../llm/chat-model.js";
import { addProblem } from "../llm/check-problems.js";
import { chooseProvider, ggufSource, type ProviderChoice } from "../llm/choose-provider.js";
import type { ModelSettings } from "../llm/model-settings.js";
import { modelCacheFolder } from "../models/cache-folder.js";
import type { FetchFunction } from "../models/download-model.js";
import {
  createDownloadProgress,
  type DownloadProgress,
  type ProgressUpdate,
} from "../models/download-progress.js";
import { probeModelSource } from "../models/probe-source.js";
import { writeControl } from "../util/terminal-sink.js";

export interface SettleOptions {
  env: NodeJS.ProcessEnv;
  /** The language the user chose (`--lang`); without it, the one `env` gives. */
  language?: Language | undefined;
  download?: boolean;
  announce?: boolean;
  signal?: AbortSignal;
  /** Hears each step of a download too (`agente serve` shows it on `/health` and the page). */
  onProgress?: (update: ProgressUpdate) => void;
}

export async function settleModel(settings: ModelSettings, options: SettleOptions): Promise<ProviderChoice> {
  const translate = createTranslator(options.language ?? resolveLanguage({ env: options.env }));
  const stderrProgress = createDownloadProgress({
    // The bar redraws itself with `\r` and an erase: agente's own control sequences.
    write: (text) => writeControl(process.stderr, text),
    terminal: process.stderr.isTTY === true,
    translate,
  });
  const listener = options.onProgress;
  const progress: DownloadProgress =
    listener === undefined
      ? stderrProgress
      : {
          update(update) {
            stderrProgress.update(update);
            listener(update);
          },
          finish: () => stderrProgress.finish(),
          note: (line) => stderrProgress.note(line),
        };
  const choice = await chooseProvider(settings, {
    translate,
    cacheFolder: modelCacheFolder(options.env),
    progress,
    ...(options.download === undefined ? {} : { download: options.download }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  if (choice.announcement !== undefined && options.announce !== false)
    process.stderr.write(`${choice.announcement}\n`);
  return choice;
}

/**
 * The check of an embedded model that is not in the cache yet: fine when its source answers (the first
 * question downloads it), a problem when it cannot be fetched (offline, wrong URL), so `doctor` and the chat
 * never call "ready" a model no question can get.
 */
export async function notDownloadedCheck(
  settings: ModelSettings,
  options: { env: NodeJS.ProcessEnv; language?: Language | undefined; fetch?: FetchFunction },
): Promise<ModelCheck> {
  const translate = createTranslator(options.language ?? resolveLanguage({ env: options.env }));
  const path = settings.gguf ?? "?";
  const probe = await probeModelSource(ggufSource(settings), {
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const check: ModelCheck = {
    provider: settings.provider,
    model: settings.model,
    location: probe.reachable ? translate("models.doctor.notDownloaded", { path }) : path,
    reachable: true,
    modelAvailable: false,
    problems: [],
  };
  if (!probe.reachable)
    addProblem(
      check,
      localised("errorsModel.problemWithHint", {
        message: localised("models.doctor.cannotFetch", { reason: probe.reason }),
        hint: localised("models.chosen.neitherHint"),
      }),
    );
  return check;
}
