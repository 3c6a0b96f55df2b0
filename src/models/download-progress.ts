/**
 * How a download shows its progress on stderr: on a terminal, one bar redrawn in place (bytes, speed, time
 * left); without one (logs, CI, pipes), one line at each further tenth of the file.
 */
import type { Translator } from "../i18n/translator.js";
import { formatBytes, formatDuration } from "./format-bytes.js";

export interface ProgressUpdate {
  name: string;
  /** Bytes on disk so far, including a resumed part. */
  received: number;
  /** Whole file size; undefined when the server did not say. */
  total: number | undefined;
  /** Bytes per second over this run's transfer. */
  bytesPerSecond: number;
}

export interface DownloadProgress {
  update(progress: ProgressUpdate): void;
  /** Ends the bar's line; the download is over (done or failed). */
  finish(): void;
  /** One whole line (start, resume, wait, done), outside the bar. */
  note(line: string): void;
}

export interface ProgressOptions {
  write: (text: string) => void;
  terminal: boolean;
  translate: Translator;
  /** Milliseconds clock, injected for tests. */
  now?: () => number;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

export function createDownloadProgress(options: ProgressOptions): DownloadProgress {
  const now = options.now ?? Date.now;
  const t = options.translate;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let lastTenth = -1;
  let barShown = false;
  const endBar = () => {
    if (barShown) options.write("\n");
    barShown = false;
  };
  return {
    update(progress) {
      const { received, total, bytesPerSecond } = progress;
      const fraction = total === undefined || total === 0 ? undefined : Math.min(1, received / total);
      const percent = fraction === undefined ? "?" : String(Math.floor(fraction * 100));
      const size = total === undefined ? "?" : formatBytes(total);
      const speed = formatBytes(Math.round(bytesPerSecond));
      if (options.terminal) {
        const complete = fraction === 1;
        if (!complete && now() - lastDraw < REDRAW_MS) return;
        lastDraw = now();
        const filled = Math.round((fraction ?? 0) * BAR_WIDTH);
        const bar = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
        const left =
          total === undefined || bytesPerSecond <= 0
            ? "?"
            : formatDuration((total - received) / bytesPerSecond);
        const line = t("models.download.progressBar", {
          bar,
          percent,
          done: formatBytes(received),
          size,
          speed,
          left,
        });
        options.write(`\r${line}\u001b[K`);
        barShown = true;
        return;
      }
      if (fraction === undefined) return;
      const tenth = Math.floor(fraction * 10);
      if (tenth <= lastTenth) return;
      lastTenth = tenth;
      // The first report after a resume prints where it stands; then one line per further 10 %.
      options.write(
        `${t("models.download.progressLine", { name: progress.name, percent, done: formatBytes(received), size, speed })}\n`,
      );
    },
    finish: endBar,
    note(line) {
      endBar();
      options.write(`${line}\n`);
    },
  };
}

/** For callers that want no output (tests, `--json` pipelines that silence stderr themselves). */
export const silentProgress: DownloadProgress = { update() {}, finish() {}, note() {} };
