/**
 * `agente ingest PATH… [--collection NAME] [--prune]`: reads files and folders into the memory with a
 * progress line (files, passages, rate) on stderr, and a summary on stdout.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { DEFAULT_CHUNKING } from "../../memory/chunking.js";
import { type IngestProgress, type IngestReport, ingest } from "../../memory/ingest.js";
import { inputLimitsFromEnv } from "../../memory/input-limits.js";
import { DEFAULT_COLLECTION } from "../../memory/memory.js";
import { UserError } from "../../util/errors.js";
import { writeControl } from "../../util/terminal-sink.js";
import { globalOptions, translatorFor } from "../global-options.js";
import { integerOption } from "../integer-option.js";
import { withMemory } from "./memory.js";

interface IngestCommandOptions {
  collection: string;
  prune?: boolean;
  chunkSize: number;
  chunkOverlap: number;
  json?: boolean;
}

export function registerIngestCommand(
  program: Command,
  translate: Translator = createTranslator("en"),
): void {
  program
    .command("ingest <paths...>")
    .description("read files and folders (text, Markdown, HTML, PDF, DOCX, CSV, JSON) into agente's memory")
    .option("--collection <name>", translate("cliCommands.ingest.collection"), DEFAULT_COLLECTION)
    .option("--prune", translate("cliCommands.ingest.prune"))
    .option(
      "--chunk-size <chars>",
      translate("cliCommands.ingest.chunkSize"),
      integerOption("--chunk-size", 1, translate),
      DEFAULT_CHUNKING.chunkSize,
    )
    .option(
      "--chunk-overlap <chars>",
      translate("cliCommands.ingest.chunkOverlap"),
      integerOption("--chunk-overlap", 0, translate),
      DEFAULT_CHUNKING.chunkOverlap,
    )
    .option("--json", translate("cliCommands.ingest.json"))
    .addHelpText("after", translate("cliHelp.ingest"))
    .action(async (paths: string[], options: IngestCommandOptions, command: Command) => {
      const { verbose } = globalOptions(command);
      const t = translatorFor(command);
      if (options.chunkOverlap >= options.chunkSize) {
        throw new UserError(t("cliErrors.chunkOverlap"), { hint: t("cliErrors.chunkOverlapHint") });
      }
      await withMemory(command, async (memory, settings) => {
        const cwd = process.cwd();
        // The user names the paths here: without configured roots, each path confines its own symlinks.
        const roots = settings.roots ?? paths.map((path) => resolve(cwd, path));
        const bar = progressPrinter(process.stderr.isTTY === true, undefined, t);
        const report = await ingest(memory, {
          paths,
          collection: options.collection,
          roots,
          cwd,
          prune: options.prune ?? false,
          chunking: { chunkSize: options.chunkSize, chunkOverlap: options.chunkOverlap },
          limits: inputLimitsFromEnv(process.env),
          translator: t,
          onProgress: bar.update,
        });
        bar.done();
        const notice = memory.takeNotice();
        if (notice) console.error(t("cliOutput.memory.note", { notice }));
        if (options.json) {
          console.log(JSON.stringify(report, null, 2));
        } else {
          console.log(summary(report, options.collection, t));
          if (verbose)
            for (const path of report.refused) console.log(t("cliOutput.ingest.refusedLine", { path }));
          for (const skip of report.skipped)
            console.log(t("cliOutput.ingest.skippedLine", { path: skip.path, reason: skip.reason }));
          for (const path of report.empty) console.log(t("ingest.emptyLine", { path }));
          for (const path of report.missing) console.error(t("ingest.missingLine", { path }));
          for (const failure of report.failed)
            console.error(t("cliOutput.ingest.failedLine", { path: failure.path, error: failure.error }));
        }
        const nothingIngested =
          report.added + report.updated + report.unchanged === 0 && report.filesSeen > 0;
        if (nothingIngested && !options.json) console.error(t("ingest.nothingIngested"));
        if (report.failed.length > 0 || report.missing.length > 0 || nothingIngested) process.exitCode = 1;
      });
    });
}

export function summary(
  report: IngestReport,
  collection: string,
  t: Translator = createTranslator("en"),
): string {
  const seconds = report.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(report.chunks / seconds) : report.chunks;
  const parts = [
    t("cliOutput.ingest.added", { count: report.added }),
    t("cliOutput.ingest.updated", { count: report.updated }),
    t("cliOutput.ingest.unchanged", { count: report.unchanged }),
    t("cliOutput.ingest.skipped", {
      count: report.skippedBinary + report.skippedIgnored,
      binary: report.skippedBinary,
      ignored: report.skippedIgnored,
    }),
  ];
  if (report.empty.length > 0) parts.push(t("ingest.empty", { count: report.empty.length }));
  if (report.missing.length > 0) parts.push(t("ingest.missing", { count: report.missing.length }));
  if (report.refused.length > 0) parts.push(t("cliOutput.ingest.refused", { count: report.refused.length }));
  if (report.failed.length > 0) parts.push(t("cliOutput.ingest.failed", { count: report.failed.length }));
  if (report.pruned > 0) parts.push(t("cliOutput.ingest.pruned", { count: report.pruned }));
  return t("cliOutput.ingest.summary", {
    collection,
    parts: parts.join(", "),
    passages: report.chunks,
    seconds: seconds.toFixed(1),
    rate,
  });
}

/** Where the bar is drawn: clearing the line is agente's own control sequence, the text (file names) is not. */
export interface ProgressOutput {
  clearLine(): void;
  write(text: string): void;
}

const STDERR_PROGRESS: ProgressOutput = {
  clearLine: () => writeControl(process.stderr, "\r\x1b[K"),
  write: (text) => process.stderr.write(text),
};

/** A one-line progress bar redrawn in place on a terminal; nothing when stderr is not a terminal. */
export function progressPrinter(
  interactive: boolean,
  output: ProgressOutput = STDERR_PROGRESS,
  t: Translator = createTranslator("en"),
) {
  let lastDraw = 0;
  return {
    update(progress: IngestProgress): void {
      if (!interactive) return;
      const now = performance.now();
      if (now - lastDraw < 100 && progress.filesDone < progress.filesTotal) return;
      lastDraw = now;
      output.clearLine();
      output.write(formatProgress(progress, process.stderr.columns ?? 100, t));
    },
    done(): void {
      if (interactive) output.clearLine();
    },
  };
}

export function formatProgress(
  progress: IngestProgress,
  columns: number,
  t: Translator = createTranslator("en"),
): string {
  const width = 24;
  const filled =
    progress.filesTotal === 0 ? width : Math.round((progress.filesDone / progress.filesTotal) * width);
  const seconds = progress.elapsedMs / 1000;
  const rate = seconds > 0 ? (progress.chunks / seconds).toFixed(0) : "–";
  const counts = t("cliOutput.ingest.progress", {
    done: progress.filesDone,
    total: progress.filesTotal,
    passages: progress.chunks,
    rate,
  });
  const head = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${counts}`;
  const room = Math.max(0, columns - head.length - 1);
  const current =
    progress.current.length > room ? `…${progress.current.slice(-(room - 1))}` : progress.current;
  return head + (room > 1 ? current : "");
}
