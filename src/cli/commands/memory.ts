/**
 * `agente memory stats|list|search|forget|reindex`: the user's view of the memory store. Works on the memory
 * directly (no MCP round trip), with the same settings the memory server gets from the config.
 */
import { type Command, Option } from "commander";
import { loadConfig } from "../../config/load-config.js";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { DEFAULT_COLLECTION, type Memory } from "../../memory/memory.js";
import { type MemorySettings, memorySettings, openMemory } from "../../memory/open-memory.js";
import type { SearchMode } from "../../memory/search.js";
import type { CollectionInfo, SearchFilter } from "../../memory/types.js";
import { DEFAULT_EMBEDDING_MODEL } from "../../models/known-models.js";
import { writeControl } from "../../util/terminal-sink.js";
import { globalOptions, translatorFor } from "../global-options.js";
import { integerOption } from "../integer-option.js";

/**
 * The settings the memory server would run with: the `env` of the config's `memory` server entry first,
 * then the process environment (and `.env`), so `agente memory` and the server open the same store.
 */
export async function commandMemorySettings(command: Command): Promise<MemorySettings> {
  const { config } = globalOptions(command);
  const loaded = await loadConfig(config === undefined ? {} : { path: config });
  const server = loaded.servers.find((entry) => entry.name === "memory");
  const serverEnv = server && server.transport === "stdio" ? server.env : {};
  return memorySettings([serverEnv, loaded.env], process.cwd());
}

/** Opens the memory for one command and always closes it. */
export async function withMemory<T>(
  command: Command,
  work: (memory: Memory, settings: MemorySettings) => Promise<T>,
): Promise<T> {
  const settings = await commandMemorySettings(command);
  const memory = await openMemory(settings);
  try {
    return await work(memory, settings);
  } finally {
    await memory.close();
  }
}

export function registerMemoryCommand(
  program: Command,
  translate: Translator = createTranslator("en"),
): void {
  const memory = program
    .command("memory")
    .description("inspect and manage agente's document memory (see docs/memory.md)")
    .addHelpText("after", translate("cliHelp.memory"));

  memory
    .command("stats")
    .description(translate("cliCommands.memory.stats"))
    .option("--json", translate("cliCommands.json"))
    .action(async (options: { json?: boolean }, command: Command) => {
      const t = translatorFor(command);
      await withMemory(command, async (opened, settings) => {
        const stats = await opened.stats();
        if (options.json) {
          console.log(JSON.stringify({ ...stats, embedder: opened.embedder?.name ?? null }, null, 2));
          return;
        }
        const size = stats.sizeBytes === undefined ? "" : ` (${formatBytes(stats.sizeBytes)})`;
        console.log(t("cliOutput.memory.store", { location: stats.location, size }));
        console.log(
          t("cliOutput.memory.embedder", { name: opened.embedder?.name ?? t("cliOutput.memory.noEmbedder") }),
        );
        console.log(
          t("cliOutput.memory.counts", { documents: stats.documentCount, passages: stats.chunkCount }),
        );
        for (const collection of stats.collections) {
          const vectors = collection.embedder
            ? t("cliOutput.memory.vectors", {
                name: collection.embedder.name,
                dimensions: collection.embedder.dimensions,
              })
            : t("cliOutput.memory.noVectors");
          const missing =
            collection.chunksWithoutVector > 0
              ? t("cliOutput.memory.withoutVector", { count: collection.chunksWithoutVector })
              : "";
          console.log(
            t("cliOutput.memory.collection", {
              name: collection.name,
              documents: collection.documentCount,
              passages: collection.chunkCount,
              vectors,
              missing,
            }),
          );
        }
        // A store built offline keeps USE-lite for good unless moved: say how, as ingest said when it fell back.
        if (settings.embedder.AGENTE_EMBEDDER?.trim()) return;
        for (const collection of englishOnly(stats.collections))
          console.error(
            t("ingest.englishOnly", {
              collection: collection.name,
              embedder: ENGLISH_ONLY_EMBEDDER,
              model: DEFAULT_EMBEDDING_MODEL.label,
            }),
          );
      });
    });

  memory
    .command("list")
    .description(translate("cliCommands.memory.list"))
    .option("--collection <name>", translate("cliCommands.collection"))
    .option("--source <prefix>", translate("cliCommands.memory.source"))
    .option("--limit <n>", translate("cliCommands.memory.limit"), integerOption("--limit", 1, translate), 50)
    .option("--json", translate("cliCommands.json"))
    .action(
      async (
        options: { collection?: string; source?: string; limit: number; json?: boolean },
        command: Command,
      ) => {
        const t = translatorFor(command);
        await withMemory(command, async (opened) => {
          const filter: SearchFilter = {};
          if (options.collection !== undefined) filter.collection = options.collection;
          if (options.source !== undefined) filter.sourcePrefix = options.source;
          const documents = await opened.listDocuments(filter, options.limit);
          if (options.json) {
            console.log(JSON.stringify(documents, null, 2));
            return;
          }
          if (documents.length === 0) console.log(t("cliOutput.memory.noDocuments"));
          for (const document of documents) {
            console.log(
              t("cliOutput.memory.document", {
                id: document.id,
                collection: document.collection,
                source: document.source,
                passages: document.chunkCount,
              }),
            );
          }
        });
      },
    );

  memory
    .command("search <query...>")
    .description(translate("cliCommands.memory.search"))
    .option("-k <n>", translate("cliCommands.memory.k"), integerOption("-k", 1, translate), 5)
    .option("--collection <name>", translate("cliCommands.collection"))
    .addOption(
      new Option("--mode <mode>", translate("cliCommands.memory.mode"))
        .choices(["hybrid", "lexical", "vector"] satisfies SearchMode[])
        .default("hybrid"),
    )
    .option("--json", translate("cliCommands.json"))
    .action(
      async (
        words: string[],
        // Commander refuses any --mode outside the choices before the action runs.
        options: { k: number; collection?: string; mode: SearchMode; json?: boolean },
        command: Command,
      ) => {
        const t = translatorFor(command);
        await withMemory(command, async (opened) => {
          const filter: SearchFilter =
            options.collection === undefined ? {} : { collection: options.collection };
          const passages = await opened.search(words.join(" "), {
            k: options.k,
            filter,
            mode: options.mode,
          });
          const notice = opened.takeNotice();
          if (notice) console.error(t("cliOutput.memory.note", { notice }));
          if (options.json) {
            console.log(JSON.stringify(passages, null, 2));
            return;
          }
          if (passages.length === 0) console.log(t("cliOutput.memory.noPassages"));
          for (const [index, passage] of passages.entries()) {
            console.log(
              t("cliOutput.memory.passage", {
                rank: index + 1,
                source: passage.source,
                position: passage.position,
                score: passage.score.toFixed(3),
              }),
            );
            console.log(`    ${passage.text.replace(/\s+/g, " ").slice(0, 300)}`);
          }
        });
      },
    );

  memory
    .command("forget <target...>")
    .description(translate("cliCommands.memory.forget"))
    .option("--collection <name>", translate("cliCommands.memory.forgetCollection"))
    .action(async (targets: string[], options: { collection?: string }, command: Command) => {
      const t = translatorFor(command);
      await withMemory(command, async (opened) => {
        let total = 0;
        for (const target of targets) {
          const byId = await opened.forget({ id: target });
          const forgotten =
            byId.length > 0
              ? byId
              : await opened.forget({
                  source: target,
                  ...(options.collection ? { collection: options.collection } : {}),
                });
          for (const document of forgotten)
            console.log(t("cliOutput.memory.forgot", { id: document.id, source: document.source }));
          if (forgotten.length === 0) console.error(t("cliOutput.memory.nothingMatches", { target }));
          total += forgotten.length;
        }
        if (total === 0) process.exitCode = 1;
      });
    });

  memory
    .command("reindex")
    .description(translate("cliCommands.memory.reindex"))
    .option("--collection <name>", translate("cliCommands.memory.reindexCollection"), DEFAULT_COLLECTION)
    .option("--full", translate("cliCommands.memory.full"))
    .action(async (options: { collection: string; full?: boolean }, command: Command) => {
      const t = translatorFor(command);
      await withMemory(command, async (opened) => {
        const started = performance.now();
        const interactive = process.stderr.isTTY === true;
        const result = await opened.reindex(options.collection, {
          full: options.full ?? false,
          onProgress: (progress) => {
            if (interactive) {
              writeControl(process.stderr, "\r\x1b[K");
              process.stderr.write(
                t("cliOutput.memory.reindexProgress", {
                  done: progress.chunksDone,
                  total: progress.chunksTotal,
                }),
              );
            }
          },
        });
        if (interactive) writeControl(process.stderr, "\r\x1b[K");
        const seconds = (performance.now() - started) / 1000;
        console.log(
          t("cliOutput.memory.reindexed", {
            passages: result.chunks,
            collection: options.collection,
            embedder: opened.embedder?.name ?? "?",
            seconds: seconds.toFixed(1),
          }),
        );
      });
    });
}

/** USE-lite, the embedder a store falls back to when the multilingual model cannot be downloaded. */
const ENGLISH_ONLY_EMBEDDER = "offline:use-lite";

function englishOnly(collections: readonly CollectionInfo[]): CollectionInfo[] {
  return collections.filter((collection) => collection.embedder?.name === ENGLISH_ONLY_EMBEDDER);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
