/**
 * `agente memory stats|list|search|forget|reindex`: the user's view of the memory store. Works on the memory
 * directly (no MCP round trip), with the same settings the memory server gets from the config.
 */
import { type Command, Option } from "commander";
import { loadConfig } from "../../config/load-config.js";
import { DEFAULT_COLLECTION, type Memory } from "../../memory/memory.js";
import { type MemorySettings, memorySettings, openMemory } from "../../memory/open-memory.js";
import type { SearchMode } from "../../memory/search.js";
import type { SearchFilter } from "../../memory/types.js";
import { globalOptions } from "../global-options.js";
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

export function registerMemoryCommand(program: Command): void {
  const memory = program
    .command("memory")
    .description("inspect and manage agente's document memory (see docs/memory.md)")
    .addHelpText(
      "after",
      `
Examples:
  agente memory stats
  agente memory list --collection contratos
  agente memory search "horario de atención"
  agente memory forget ~/empresa/documentos/viejo.pdf
  agente memory reindex`,
    );

  memory
    .command("stats")
    .description("where the memory is, its collections, documents, passages and embedders")
    .option("--json", "print JSON for scripts")
    .action(async (options: { json?: boolean }, command: Command) => {
      await withMemory(command, async (opened) => {
        const stats = await opened.stats();
        if (options.json) {
          console.log(JSON.stringify({ ...stats, embedder: opened.embedder?.name ?? null }, null, 2));
          return;
        }
        console.log(
          `store:     ${stats.location}${stats.sizeBytes === undefined ? "" : ` (${formatBytes(stats.sizeBytes)})`}`,
        );
        console.log(`embedder:  ${opened.embedder?.name ?? "none (lexical search only)"}`);
        console.log(`documents: ${stats.documentCount}   passages: ${stats.chunkCount}`);
        for (const collection of stats.collections) {
          const embedder = collection.embedder
            ? `${collection.embedder.name}, ${collection.embedder.dimensions}-d`
            : "no vectors";
          const missing =
            collection.chunksWithoutVector > 0 ? `, ${collection.chunksWithoutVector} without vector` : "";
          console.log(
            `  ${collection.name}: ${collection.documentCount} documents, ${collection.chunkCount} passages (${embedder}${missing})`,
          );
        }
      });
    });

  memory
    .command("list")
    .description("list stored documents and notes, newest first")
    .option("--collection <name>", "only this collection")
    .option("--source <prefix>", "only sources starting with this (a folder)")
    .option("--limit <n>", "at most this many", integerOption("--limit", 1), 50)
    .option("--json", "print JSON for scripts")
    .action(
      async (
        options: { collection?: string; source?: string; limit: number; json?: boolean },
        command: Command,
      ) => {
        await withMemory(command, async (opened) => {
          const filter: SearchFilter = {};
          if (options.collection !== undefined) filter.collection = options.collection;
          if (options.source !== undefined) filter.sourcePrefix = options.source;
          const documents = await opened.listDocuments(filter, options.limit);
          if (options.json) {
            console.log(JSON.stringify(documents, null, 2));
            return;
          }
          if (documents.length === 0) console.log("no documents");
          for (const document of documents) {
            console.log(
              `${document.id}  ${document.collection}  ${document.source}  (${document.chunkCount} passages)`,
            );
          }
        });
      },
    );

  memory
    .command("search <query...>")
    .description("search the memory as the agent does (hybrid lexical + vector)")
    .option("-k <n>", "how many passages", integerOption("-k", 1), 5)
    .option("--collection <name>", "only this collection")
    .addOption(
      new Option("--mode <mode>", "how to rank passages")
        .choices(["hybrid", "lexical", "vector"] satisfies SearchMode[])
        .default("hybrid"),
    )
    .option("--json", "print JSON for scripts")
    .action(
      async (
        words: string[],
        // Commander refuses any --mode outside the choices before the action runs.
        options: { k: number; collection?: string; mode: SearchMode; json?: boolean },
        command: Command,
      ) => {
        await withMemory(command, async (opened) => {
          const filter: SearchFilter =
            options.collection === undefined ? {} : { collection: options.collection };
          const passages = await opened.search(words.join(" "), {
            k: options.k,
            filter,
            mode: options.mode,
          });
          const notice = opened.takeNotice();
          if (notice) console.error(`note: ${notice}`);
          if (options.json) {
            console.log(JSON.stringify(passages, null, 2));
            return;
          }
          if (passages.length === 0) console.log("no relevant passages");
          for (const [index, passage] of passages.entries()) {
            console.log(
              `[${index + 1}] ${passage.source} #${passage.position}  score ${passage.score.toFixed(3)}`,
            );
            console.log(`    ${passage.text.replace(/\s+/g, " ").slice(0, 300)}`);
          }
        });
      },
    );

  memory
    .command("forget <target...>")
    .description("delete documents by id, or by source (a file, a folder: everything under it, a nota:… id)")
    .option("--collection <name>", "with a source: only in this collection")
    .action(async (targets: string[], options: { collection?: string }, command: Command) => {
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
          for (const document of forgotten) console.log(`forgot ${document.id}  ${document.source}`);
          if (forgotten.length === 0) console.error(`nothing matches ${target}`);
          total += forgotten.length;
        }
        if (total === 0) process.exitCode = 1;
      });
    });

  memory
    .command("reindex")
    .description("embed passages that have no vector, or re-embed a collection with the current embedder")
    .option("--collection <name>", "the collection", DEFAULT_COLLECTION)
    .option("--full", "drop every vector and re-embed all passages")
    .action(async (options: { collection: string; full?: boolean }, command: Command) => {
      await withMemory(command, async (opened) => {
        const started = performance.now();
        const interactive = process.stderr.isTTY === true;
        const result = await opened.reindex(options.collection, {
          full: options.full ?? false,
          onProgress: (progress) => {
            if (interactive) {
              process.stderr.write(
                `\r\x1b[K${progress.chunksDone}/${progress.chunksTotal} passages embedded`,
              );
            }
          },
        });
        if (interactive) process.stderr.write("\r\x1b[K");
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `re-indexed ${result.chunks} passages of "${options.collection}" with ${opened.embedder?.name} in ${seconds.toFixed(1)} s`,
        );
      });
    });
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
