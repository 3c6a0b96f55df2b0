/**
 * `agente ingest PATH… [--collection NAME] [--prune]`: reads files and folders into the memory with a
 * progress line (files, passages, rate) on stderr, and a summary on stdout.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { resolveLanguage } from "../../i18n/language.js";
import { createTranslator } from "../../i18n/translator.js";
import { DEFAULT_CHUNKING } from "../../memory/chunking.js";
import { type IngestProgress, type IngestReport, ingest } from "../../memory/ingest.js";
import { inputLimitsFromEnv } from "../../memory/input-limits.js";
import { DEFAULT_COLLECTION } from "../../memory/memory.js";
import { UserError } from "../../util/errors.js";
import { globalOptions } from "../global-options.js";
import { integerOption } from "../integer-option.js";
import { withMemory } from "./memory.js";

interface IngestCommandOptions {
  collection: string;
  prune?: boolean;
  chunkSize: number;
  chunkOverlap: number;
  json?: boolean;
}

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest <paths...>")
    .description("read files and folders (text, Markdown, HTML, PDF, DOCX, CSV, JSON) into agente's memory")
    .option("--collection <name>", "collection to store them in", DEFAULT_COLLECTION)
    .option("--prune", "remove documents of these folders whose files were deleted")
    .option(
      "--chunk-size <chars>",
      "most characters per passage",
      integerOption("--chunk-size", 1),
      DEFAULT_CHUNKING.chunkSize,
    )
    .option(
      "--chunk-overlap <chars>",
      "characters shared by neighbouring passages",
      integerOption("--chunk-overlap", 0),
      DEFAULT_CHUNKING.chunkOverlap,
    )
    .option("--json", "print the report as JSON for scripts")
    .addHelpText(
      "after",
      `
Examples:
  agente ingest ~/notes docs/manual.pdf        add or update files and folders
  agente ingest ~/notes --prune                also forget files deleted from ~/notes
  agente ingest contracts/ --collection legal

Unchanged files are skipped, changed ones replaced; re-running never duplicates. Hidden files, node_modules
and what .gitignore/.agenteignore list are skipped. With AGENTE_MEMORY_ROOTS set, paths must lie under those
roots; symlinks leading out of the roots (or out of the given paths) are refused.`,
    )
    .action(async (paths: string[], options: IngestCommandOptions, command: Command) => {
      if (options.chunkOverlap >= options.chunkSize) {
        throw new UserError("--chunk-overlap must be smaller than --chunk-size", {
          hint: "e.g. --chunk-size 800 --chunk-overlap 100",
        });
      }
      const { verbose } = globalOptions(command);
      await withMemory(command, async (memory, settings) => {
        const cwd = process.cwd();
        // The user names the paths here: without configured roots, each path confines its own symlinks.
        const roots = settings.roots ?? paths.map((path) => resolve(cwd, path));
        const bar = progressPrinter(process.stderr.isTTY === true);
        const report = await ingest(memory, {
          paths,
          collection: options.collection,
          roots,
          cwd,
          prune: options.prune ?? false,
          chunking: { chunkSize: options.chunkSize, chunkOverlap: options.chunkOverlap },
          limits: inputLimitsFromEnv(process.env),
          translator: createTranslator(resolveLanguage()),
          onProgress: bar.update,
        });
        bar.done();
        const notice = memory.takeNotice();
        if (notice) console.error(`note: ${notice}`);
        if (options.json) {
          console.log(JSON.stringify(report, null, 2));
        } else {
          console.log(summary(report, options.collection));
          if (verbose)
            for (const path of report.refused) console.log(`  refused (outside the roots): ${path}`);
          for (const skip of report.skipped) console.log(`  skipped: ${skip.path}: ${skip.reason}`);
          for (const failure of report.failed) console.error(`  failed: ${failure.path}: ${failure.error}`);
        }
        if (report.failed.length > 0) process.exitCode = 1;
      });
    });
}

export function summary(report: IngestReport, collection: string): string {
  const seconds = report.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(report.chunks / seconds) : report.chunks;
  const parts = [
    `${report.added} added`,
    `${report.updated} updated`,
    `${report.unchanged} unchanged`,
    `${report.skippedBinary + report.skippedIgnored} skipped (${report.skippedBinary} binary, ${report.skippedIgnored} ignored)`,
  ];
  if (report.refused.length > 0) parts.push(`${report.refused.length} refused`);
  if (report.failed.length > 0) parts.push(`${report.failed.length} failed`);
  if (report.pruned > 0) parts.push(`${report.pruned} pruned`);
  return `ingested into "${collection}": ${parts.join(", ")}; ${report.chunks} passages in ${seconds.toFixed(1)} s (${rate} passages/s)`;
}

/** A one-line progress bar redrawn in place on a terminal; nothing when stderr is not a terminal. */
export function progressPrinter(
  interactive: boolean,
  write: (text: string) => void = (text) => process.stderr.write(text),
) {
  let lastDraw = 0;
  return {
    update(progress: IngestProgress): void {
      if (!interactive) return;
      const now = performance.now();
      if (now - lastDraw < 100 && progress.filesDone < progress.filesTotal) return;
      lastDraw = now;
      write(`\r\x1b[K${formatProgress(progress, process.stderr.columns ?? 100)}`);
    },
    done(): void {
      if (interactive) write("\r\x1b[K");
    },
  };
}

export function formatProgress(progress: IngestProgress, columns: number): string {
  const width = 24;
  const filled =
    progress.filesTotal === 0 ? width : Math.round((progress.filesDone / progress.filesTotal) * width);
  const seconds = progress.elapsedMs / 1000;
  const rate = seconds > 0 ? (progress.chunks / seconds).toFixed(0) : "–";
  const head = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${progress.filesDone}/${progress.filesTotal} files  ${progress.chunks} passages  ${rate}/s  `;
  const room = Math.max(0, columns - head.length - 1);
  const current =
    progress.current.length > room ? `…${progress.current.slice(-(room - 1))}` : progress.current;
  return head + (room > 1 ? current : "");
}
