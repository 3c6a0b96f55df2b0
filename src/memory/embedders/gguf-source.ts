/**
 * Where the gguf embedder's model comes from: `AGENTE_EMBEDDER=gguf` downloads agente's multilingual default
 * into the model cache on first use, `gguf:https://…` any GGUF (checked against `AGENTE_EMBEDDER_SHA256` when
 * set), `gguf:/path/model.gguf` a local file.
 */
import { resolveLanguage } from "../../i18n/language.js";
import { createTranslator } from "../../i18n/translator.js";
import { modelCacheFolder } from "../../models/cache-folder.js";
import { downloadModel } from "../../models/download-model.js";
import { createDownloadProgress } from "../../models/download-progress.js";
import { DEFAULT_EMBEDDING_MODEL, type ModelSource, sourceFromUrl } from "../../models/known-models.js";
import { GgufEmbedder } from "./gguf-embedder.js";

export function ggufEmbedderFor(spec: string, env: NodeJS.ProcessEnv): GgufEmbedder {
  const trimmed = spec.trim();
  if (trimmed !== "" && !/^https?:\/\//i.test(trimmed)) {
    const fileName = trimmed.split(/[\\/]/).pop() ?? trimmed;
    return new GgufEmbedder({ label: fileName.replace(/\.gguf$/i, ""), resolveFile: async () => trimmed });
  }
  const source: ModelSource =
    trimmed === ""
      ? DEFAULT_EMBEDDING_MODEL
      : sourceFromUrl(trimmed, env.AGENTE_EMBEDDER_SHA256 || undefined);
  return new GgufEmbedder({
    label: source.label,
    resolveFile: async () => {
      const translate = createTranslator(resolveLanguage({ env }));
      const result = await downloadModel(source, modelCacheFolder(env), {
        translate,
        // stderr: in the memory server stdout carries the MCP protocol.
        progress: createDownloadProgress({
          write: (text) => process.stderr.write(text),
          terminal: process.stderr.isTTY === true,
          translate,
        }),
      });
      return result.path;
    },
  });
}
