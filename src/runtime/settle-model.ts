/**
 * Turns the resolved model settings into the provider a command runs with (`auto` → Ollama or the embedded
 * model), downloading the embedded model on first use with progress on stderr, and says on stderr which
 * model it took. stdout stays the command's own (`--json`).
 */
import { resolveLanguage } from "../i18n/language.js";
import { createTranslator } from "../i18n/translator.js";
import type { ModelCheck } from "../llm/chat-model.js";
import { chooseProvider, type ProviderChoice } from "../llm/choose-provider.js";
import type { ModelSettings } from "../llm/model-settings.js";
import { modelCacheFolder } from "../models/cache-folder.js";
import { createDownloadProgress } from "../models/download-progress.js";
import { writeControl } from "../util/terminal-sink.js";

export async function settleModel(
  settings: ModelSettings,
  options: { env: NodeJS.ProcessEnv; download?: boolean; announce?: boolean; signal?: AbortSignal },
): Promise<ProviderChoice> {
  const translate = createTranslator(resolveLanguage({ env: options.env }));
  const choice = await chooseProvider(settings, {
    translate,
    cacheFolder: modelCacheFolder(options.env),
    progress: createDownloadProgress({
      // The bar redraws itself with `\r` and an erase: agente's own control sequences.
      write: (text) => writeControl(process.stderr, text),
      terminal: process.stderr.isTTY === true,
      translate,
    }),
    ...(options.download === undefined ? {} : { download: options.download }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  if (choice.announcement !== undefined && options.announce !== false)
    process.stderr.write(`${choice.announcement}\n`);
  return choice;
}

/** `agente doctor`'s finding for an embedded model that is not in the cache yet: fine, it comes on first use. */
export function notDownloadedCheck(settings: ModelSettings, env: NodeJS.ProcessEnv): ModelCheck {
  const translate = createTranslator(resolveLanguage({ env }));
  return {
    provider: settings.provider,
    model: settings.model,
    location: translate("models.doctor.notDownloaded", { path: settings.gguf ?? "?" }),
    reachable: true,
    modelAvailable: false,
    problems: [],
  };
}
