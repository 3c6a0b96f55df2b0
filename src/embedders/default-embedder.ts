/**
 * The embedder a new store gets when `AGENTE_EMBEDDER` is not set: the multilingual GGUF model
 * (multilingual-e5-small, or the mirror `AGENTE_EMBEDDER_URL` names), downloaded into the model cache on
 * first use and run by node-llama-cpp; when it cannot be had (offline, the download fails, node-llama-cpp is
 * missing or cannot load it), USE-lite, which needs no download, with one line on stderr that says so.
 */
import { resolveLanguage } from "../i18n/language.js";
import { createTranslator } from "../i18n/translator.js";
import type { Embedder } from "./embedder.js";
import { FallbackEmbedder } from "./fallback-embedder.js";
import { ggufEmbedderFor } from "./gguf-source.js";
import { OfflineEmbedder } from "./offline-embedder.js";

export interface DefaultEmbedderOptions {
  /** Where the fallback line goes; default stderr (in the memory server, stdout carries the protocol). */
  warn?: (line: string) => void;
}

export function defaultEmbedder(env: NodeJS.ProcessEnv, options: DefaultEmbedderOptions = {}): Embedder {
  const preferred = ggufEmbedderFor("", env);
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  return new FallbackEmbedder({
    preferred,
    fallback: new OfflineEmbedder(),
    onFallback: (reason) => {
      const translate = createTranslator(resolveLanguage({ env }));
      warn(translate("embedder.fallback", { model: preferred.name.replace(/^gguf:/, ""), reason }));
    },
  });
}
