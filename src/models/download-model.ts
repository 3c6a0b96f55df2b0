/**
 * Downloads one model file into the cache: to `<file>.part`, resumed with an HTTP Range request after an
 * interruption (in this run or an earlier one), checked against its sha256, and renamed to its final name
 * only when complete. A lock file keeps two processes from writing it at once; the second one waits and
 * then finds the file there. `fetch` is injected so tests can use any server.
 *
 * node-llama-cpp's own downloader (ipull) was not used: it has no checksum, no lock between processes,
 * and it lives in an optional package this layer must not need.
 */
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { localised } from "../i18n/localised.js";
import type { Translator } from "../i18n/translator.js";
import { errorMessage, SystemError, UserError } from "../util/errors.js";
import { displayUrl, moveCredentialsToHeader } from "../util/url-credentials.js";
import { type DownloadProgress, silentProgress } from "./download-progress.js";
import { acquireFileLock } from "./file-lock.js";
import { formatBytes } from "./format-bytes.js";
import type { ModelSource } from "./known-models.js";

export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

export interface DownloadDependencies {
  translate: Translator;
  fetch?: FetchFunction;
  progress?: DownloadProgress;
  signal?: AbortSignal;
  /** Transfers tried in one run before giving up (each resumes the last); default 3. */
  attempts?: number;
  /** Milliseconds clock for the speed figures. */
  now?: () => number;
}

export interface DownloadResult {
  path: string;
  /** False when the file was already there (or another process fetched it while we waited). */
  downloaded: boolean;
}

export async function downloadModel(
  source: ModelSource,
  folder: string,
  dependencies: DownloadDependencies,
): Promise<DownloadResult> {
  const path = join(folder, source.fileName);
  if (await exists(path)) return { path, downloaded: false };
  await mkdir(folder, { recursive: true });
  const progress = dependencies.progress ?? silentProgress;
  const t = dependencies.translate;
  const lock = await acquireFileLock(`${path}.lock`, {
    onWait: () => progress.note(t("models.download.waiting", { name: source.fileName })),
    ...(dependencies.signal === undefined ? {} : { signal: dependencies.signal }),
  });
  try {
    if (await exists(path)) return { path, downloaded: false };
    await transfer(source, folder, path, dependencies, progress);
    return { path, downloaded: true };
  } finally {
    progress.finish();
    await lock.release();
  }
}

async function transfer(
  source: ModelSource,
  folder: string,
  path: string,
  dependencies: DownloadDependencies,
  progress: DownloadProgress,
): Promise<void> {
  const t = dependencies.translate;
  const now = dependencies.now ?? Date.now;
  const partPath = `${path}.part`;
  const shownUrl = displayUrl(source.url);
  const attempts = dependencies.attempts ?? 3;
  const started = now();
  let announced = false;
  // Said once, when the first fresh transfer starts and the server has told the size.
  const announce = (total: number | undefined) => {
    if (announced) return;
    announced = true;
    const size = total ?? source.sizeBytes;
    progress.note(
      t("models.download.start", {
        name: source.fileName,
        size: size === undefined ? "?" : formatBytes(size),
        url: shownUrl,
        folder,
      }),
    );
  };
  let lastReason = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const outcome = await transferOnce(source, partPath, dependencies, progress, shownUrl, announce);
    if (outcome.kind === "complete") {
      await verify(source, partPath, outcome);
      await rename(partPath, path);
      const seconds = ((now() - started) / 1000).toFixed(1);
      progress.note(
        t("models.download.done", { name: source.fileName, size: formatBytes(outcome.size), seconds }),
      );
      return;
    }
    lastReason = outcome.reason;
    if (attempt < attempts)
      progress.note(t("models.download.retry", { name: source.fileName, reason: lastReason }));
  }
  throw new SystemError(
    localised("models.error.interrupted", { name: source.fileName, attempts, reason: lastReason }),
    {
      hint: localised("models.error.interruptedHint"),
    },
  );
}

type TransferOutcome =
  | { kind: "complete"; size: number; total: number | undefined; hash: Hash }
  | { kind: "interrupted"; reason: string };

async function transferOnce(
  source: ModelSource,
  partPath: string,
  dependencies: DownloadDependencies,
  progress: DownloadProgress,
  shownUrl: string,
  announce: (total: number | undefined) => void,
): Promise<TransferOutcome> {
  const t = dependencies.translate;
  const now = dependencies.now ?? Date.now;
  const already = await sizeOf(partPath);
  // A mirror's `https://user:pass@host/…` goes as basic auth: fetch refuses credentials in the URL.
  const target = moveCredentialsToHeader(source.url, {
    headers: already > 0 ? { range: `bytes=${already}-` } : {},
    ...(dependencies.signal === undefined ? {} : { signal: dependencies.signal }),
  });
  let response: Response;
  try {
    response = await (dependencies.fetch ?? fetch)(target.url, target.init);
  } catch (error) {
    dependencies.signal?.throwIfAborted();
    // Nothing came back: offline, DNS, refused. Retrying at once would not help.
    throw new SystemError(
      localised("models.error.unreachable", {
        name: source.fileName,
        url: shownUrl,
        reason: networkReason(error),
      }),
      { cause: error, hint: localised("models.error.unreachableHint") },
    );
  }
  if (response.status === 416 && already > 0) {
    // The part is no prefix of this file (it changed on the server, or is already whole): start over.
    await response.body?.cancel();
    await rm(partPath, { force: true });
    return { kind: "interrupted", reason: "416 Range Not Satisfiable" };
  }
  if (!response.ok) {
    await response.body?.cancel();
    const status = `${response.status}${response.statusText === "" ? "" : ` ${response.statusText}`}`;
    throw new (response.status >= 500 ? SystemError : UserError)(
      localised("models.error.status", { name: source.fileName, url: shownUrl, status }),
      { hint: localised("models.error.statusHint") },
    );
  }
  const resumed = response.status === 206 && rangeStart(response) === already;
  const hash = createHash("sha256");
  let size = 0;
  if (resumed) {
    size = already;
    await hashFile(partPath, hash);
    progress.note(
      t("models.download.resume", {
        name: source.fileName,
        done: formatBytes(already),
        size: formatBytes(totalSize(response, already) ?? source.sizeBytes ?? already),
      }),
    );
  }
  const total = totalSize(response, resumed ? already : 0) ?? source.sizeBytes;
  if (!resumed) announce(total);
  const file = await open(partPath, resumed ? "a" : "w");
  const started = now();
  let fresh = 0;
  try {
    if (response.body === null) throw new Error("empty response body");
    for await (const chunk of response.body) {
      const bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk as ArrayBuffer);
      await file.write(bytes);
      hash.update(bytes);
      size += bytes.byteLength;
      fresh += bytes.byteLength;
      const seconds = Math.max(0.001, (now() - started) / 1000);
      progress.update({ name: source.fileName, received: size, total, bytesPerSecond: fresh / seconds });
    }
  } catch (error) {
    dependencies.signal?.throwIfAborted();
    return { kind: "interrupted", reason: networkReason(error) };
  } finally {
    await file.close();
  }
  if (total !== undefined && size < total)
    return { kind: "interrupted", reason: `${size} of ${total} bytes` };
  return { kind: "complete", size, total, hash };
}

async function verify(
  source: ModelSource,
  partPath: string,
  outcome: { size: number; total: number | undefined; hash: Hash },
): Promise<void> {
  if (outcome.total !== undefined && outcome.size !== outcome.total) {
    await rm(partPath, { force: true });
    throw new SystemError(
      localised("models.error.size", {
        name: source.fileName,
        done: formatBytes(outcome.size),
        size: formatBytes(outcome.total),
      }),
      { hint: localised("models.error.interruptedHint") },
    );
  }
  if (source.sha256 === undefined) return;
  const actual = outcome.hash.digest("hex");
  if (actual === source.sha256) return;
  await rm(partPath, { force: true });
  throw new UserError(
    localised("models.error.checksum", { name: source.fileName, expected: source.sha256, actual }),
    { hint: localised("models.error.checksumHint") },
  );
}

/** `Content-Range: bytes 100-199/200` → 100. */
function rangeStart(response: Response): number | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get("content-range") ?? "");
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** The whole file's size: from Content-Range on a 206, else offset plus Content-Length. */
function totalSize(response: Response, offset: number): number | undefined {
  const range = /\/(\d+)$/.exec(response.headers.get("content-range") ?? "");
  if (range?.[1] !== undefined) return Number(range[1]);
  const length = response.headers.get("content-length");
  return length === null || !/^\d+$/.test(length) ? undefined : offset + Number(length);
}

function hashFile(path: string, hash: Hash): Promise<void> {
  return new Promise((resolve, reject) => {
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", resolve)
      .on("error", reject);
  });
}

/** fetch hides the reason in `cause` (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`). */
/** Why a request got no answer: the system code (`ECONNREFUSED`, `ENOTFOUND`) when there is one. */
export function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = "code" in cause && typeof cause.code === "string" ? cause.code : undefined;
    return code ?? cause.message;
  }
  return errorMessage(error);
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if (isMissing(error)) return 0;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
