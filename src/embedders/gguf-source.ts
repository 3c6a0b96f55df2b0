/**
 * Where the gguf embedder's model comes from: `AGENTE_EMBEDDER=gguf` (and an unset `AGENTE_EMBEDDER` on a new
 * store) downloads agente's multilingual default into the model cache on first use, from the mirror
 * `AGENTE_EMBEDDER_URL` names when set; `gguf:https://…` any GGUF; `gguf:/path/model.gguf` a local file.
 * A download from a URL is checked against `AGENTE_EMBEDDER_SHA256` when set.
 */
import { resolveLanguage } from "../i18n/language.js";
import { createTranslator } from "../i18n/translator.js";
import { modelCacheFolder } from "../models/cache-folder.js";
import { downloadModel } from "../models/download-model.js";
import { createDownloadProgress } from "../models/download-progress.js";
import { DEFAULT_EMBEDDING_MODEL, type ModelSource, sourceFromUrl } from "../models/known-models.js";
import { UserError } from "../util/errors.js";
import { writeControl } from "../util/terminal-sink.js";
import { GgufEmbedder } from "./gguf-embedder.js";

export function ggufEmbedderFor(spec: string, env: NodeJS.ProcessEnv): GgufEmbedder {
  const trimmed = spec.trim();
  if (trimmed !== "" && !/^https?:\/\//i.test(trimmed)) {
    const fileName = trimmed.split(/[\\/]/).pop() ?? trimmed;
    return new GgufEmbedder({ label: fileName.replace(/\.gguf$/i, ""), resolveFile: async () => trimmed });
  }
  const source: ModelSource =
    trimmed === ""
      ? defaultEmbeddingSource(env)
      : sourceFromUrl(trimmed, env.AGENTE_EMBEDDER_SHA256 || undefined);
  return new GgufEmbedder({
    label: source.label,
    resolveFile: async () => {
      const translate = createTranslator(resolveLanguage({ env }));
      const result = await downloadModel(source, modelCacheFolder(env), {
        translate,
        // stderr: in the memory server stdout carries the MCP protocol.
        progress: createDownloadProgress({
          // The bar redraws itself with `\r` and an erase: agente's own control sequences.
          write: (text) => writeControl(process.stderr, text),
          terminal: process.stderr.isTTY === true,
          translate,
        }),
      });
      return result.path;
    },
  });
}

/** agente's default embedding model, or the copy of it (or another GGUF) that `AGENTE_EMBEDDER_URL` names. */
export function defaultEmbeddingSource(env: NodeJS.ProcessEnv): ModelSource {
  const mirror = env.AGENTE_EMBEDDER_URL?.trim();
  if (!mirror) return DEFAULT_EMBEDDING_MODEL;
  try {
    return sourceFromUrl(mirror, env.AGENTE_EMBEDDER_SHA256 || undefined);
  } catch (error) {
    throw new UserError(`AGENTE_EMBEDDER_URL is not a URL: ${mirror}`, {
      cause: error,
      hint: "give the http(s) URL of a GGUF embedding model, or unset it to download agente's default",
    });
  }
}
