/**
 * `agente models list|pull|rm`: the local model files agente downloads by itself (the embedded chat model,
 * or whatever AGENTE_GGUF_URL names), in `$XDG_CACHE_HOME/agente/models`.
 */
import type { Command } from "commander";
import { loadConfig } from "../../config/load-config.js";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { ggufSource } from "../../llm/choose-provider.js";
import { resolveModelSettings } from "../../llm/model-settings.js";
import { modelCacheFolder } from "../../models/cache-folder.js";
import { downloadModel } from "../../models/download-model.js";
import { createDownloadProgress } from "../../models/download-progress.js";
import { formatBytes } from "../../models/format-bytes.js";
import { listCachedModels, removeCachedModel } from "../../models/model-cache.js";
import { writeControl } from "../../util/terminal-sink.js";
import { globalOptions, translatorFor } from "../global-options.js";

interface ModelsContext {
  env: NodeJS.ProcessEnv;
  folder: string;
  translate: Translator;
  /** The file `auto` would download (AGENTE_GGUF_URL / model.ggufUrl, else agente's default). */
  defaultFileName: string;
  config: unknown;
}

async function modelsContext(command: Command): Promise<ModelsContext> {
  const { config } = globalOptions(command);
  const loaded = await loadConfig(config === undefined ? {} : { path: config });
  const env = { ...loaded.env, ...process.env };
  const settings = resolveModelSettings({ flags: {}, env, config: loaded.settings.model });
  return {
    env,
    folder: modelCacheFolder(env),
    translate: translatorFor(command),
    defaultFileName: ggufSource(settings).fileName,
    config: loaded.settings.model,
  };
}

export function registerModelsCommand(
  program: Command,
  translate: Translator = createTranslator("en"),
): void {
  const models = program
    .command("models")
    .description("the model files agente downloads (the embedded model), see docs/models.md")
    .addHelpText("after", translate("cliHelp.models"));

  models
    .command("list")
    .description(translate("cliCommands.models.list"))
    .option("--json", translate("cliCommands.json"))
    .action(async (options: { json?: boolean }, command: Command) => {
      const context = await modelsContext(command);
      const t = context.translate;
      const cached = await listCachedModels(context.folder);
      if (options.json) {
        console.log(
          JSON.stringify(
            {
              folder: context.folder,
              models: cached.map((model) => ({
                name: model.name,
                path: model.path,
                sizeBytes: model.sizeBytes,
                partial: model.partial,
                default: model.name === context.defaultFileName,
              })),
            },
            null,
            2,
          ),
        );
        return;
      }
      if (cached.length === 0) {
        console.log(t("models.list.empty", { folder: context.folder }));
        return;
      }
      console.log(t("models.list.header", { folder: context.folder }));
      for (const model of cached) {
        const notes = [
          ...(model.partial ? [t("models.list.partial")] : []),
          ...(model.name === context.defaultFileName ? [t("models.list.default")] : []),
        ];
        const suffix = notes.length === 0 ? "" : `  (${notes.join(", ")})`;
        console.log(`  ${model.name}  ${formatBytes(model.sizeBytes)}${suffix}`);
      }
    });

  models
    .command("pull")
    .description(translate("cliCommands.models.pull"))
    .argument("[url]", translate("cliCommands.models.url"))
    .option("--sha256 <hex>", translate("cliCommands.models.sha256"))
    .action(async (url: string | undefined, options: { sha256?: string }, command: Command) => {
      const context = await modelsContext(command);
      const t = context.translate;
      const env = {
        ...context.env,
        ...(url === undefined ? {} : { AGENTE_GGUF_URL: url, AGENTE_GGUF_SHA256: undefined }),
        ...(options.sha256 === undefined ? {} : { AGENTE_GGUF_SHA256: options.sha256 }),
      };
      const source = ggufSource(resolveModelSettings({ flags: {}, env, config: context.config }));
      const result = await downloadModel(source, context.folder, {
        translate: t,
        progress: createDownloadProgress({
          // The bar redraws itself with `\r` and an erase: agente's own control sequences.
          write: (text) => writeControl(process.stderr, text),
          terminal: process.stderr.isTTY === true,
          translate: t,
        }),
      });
      if (!result.downloaded)
        console.log(t("models.pull.present", { name: source.fileName, folder: context.folder }));
      else console.log(result.path);
    });

  models
    .command("rm")
    .description(translate("cliCommands.models.rm"))
    .argument("<name>", translate("cliCommands.models.name"))
    .action(async (name: string, _options: unknown, command: Command) => {
      const context = await modelsContext(command);
      await removeCachedModel(context.folder, name);
      console.log(context.translate("models.rm.done", { name }));
    });
}
