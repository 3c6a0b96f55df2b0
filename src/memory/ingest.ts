/**
 * Ingest of files and folders into the memory: walk (inside the roots, skipping ignored paths), parse,
 * chunk, embed, store: documents are written in batched transactions, each document
 * whole or absent. Incremental: a file whose bytes hash the
 * same as the stored document is skipped; a changed file replaces its document atomically; with `prune`,
 * documents under an ingested folder whose file is gone are removed.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename, extname, sep } from "node:path";
import { renderLocalised } from "../i18n/localised.js";
import type { Translator } from "../i18n/translator.js";
import { createTranslator } from "../i18n/translator.js";
import { errorMessage, UserError } from "../util/errors.js";
import { type ChunkingOptions, DEFAULT_CHUNKING, splitText } from "./chunking.js";
import { guardContainer, guardFileSize, guardText } from "./input-guard.js";
import { DEFAULT_INPUT_LIMITS, type InputLimits } from "./input-limits.js";
import type { Memory } from "./memory.js";
import { kindForPath, parseDocumentOrSkip } from "./parsers.js";
import { PathOutsideRootsError, realRoots, resolveInsideRoots } from "./roots.js";
import type { DocumentInput } from "./types.js";
import { walk } from "./walk.js";

/**
 * Files are stored in batches, one transaction each (a commit per file costs more than storing most files):
 * a batch is flushed at this many documents or chunks, or after this long, so progress never stalls.
 */
const BATCH_DOCUMENTS = 32;
const BATCH_CHUNKS = 2000;
const BATCH_MS = 500;

export interface IngestOptions {
  paths: string[];
  collection: string;
  /** Allowed roots (absolute); every path and every symlink target must be inside one. */
  roots: string[];
  cwd: string;
  /** Remove documents under the ingested folders whose files no longer exist. */
  prune?: boolean;
  chunking?: ChunkingOptions;
  /** Most bytes of one file, and of what it expands to; default `DEFAULT_INPUT_LIMITS`. */
  limits?: InputLimits;
  /** The language of refusals (a file over a limit) and of the reasons for skipping; default English. */
  translator?: Translator;
  signal?: AbortSignal;
  /** Called after each file; a returned promise is awaited (so notifications keep their order). */
  onProgress?: (progress: IngestProgress) => void | Promise<void>;
}

export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  chunks: number;
  /** The file just handled. */
  current: string;
  elapsedMs: number;
}

export interface IngestReport {
  filesSeen: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Files that are not text nor a parsed format (images, archives…). */
  skippedBinary: number;
  /**
   * Every file skipped as not text, with the reason in the translator's language (`binary content (NUL
   * bytes), not text`, `binary by its name (.png), not read`).
   */
  skipped: Array<{ path: string; reason: string }>;
  /** Files stored with no text in them (an empty file, a PDF of scans): nothing of them can be found. */
  empty: string[];
  /** Paths named that do not exist; the others are ingested all the same. */
  missing: string[];
  /** Paths left out by the ignore rules (hidden files, node_modules, .gitignore…). */
  skippedIgnored: number;
  /** Symlinks whose target is outside the roots. */
  refused: string[];
  failed: Array<{ path: string; error: string }>;
  pruned: number;
  chunks: number;
  elapsedMs: number;
}

export async function ingest(memory: Memory, options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const roots = await realRoots(options.roots);
  const t = options.translator ?? createTranslator("en");
  const targets: string[] = [];
  const missing: Array<{ path: string; error: UserError }> = [];
  for (const path of options.paths) {
    try {
      targets.push(await resolveInsideRoots(path, roots, options.cwd));
    } catch (error) {
      // A path outside the roots is refused outright; a missing one is named and the rest go on.
      if (!(error instanceof UserError) || error instanceof PathOutsideRootsError) throw error;
      missing.push({ path, error });
    }
  }
  const [firstMissing] = missing;
  if (firstMissing !== undefined && targets.length === 0) throw firstMissing.error;
  await memory.assertWritable(options.collection, options.signal);

  const report: IngestReport = {
    filesSeen: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    skippedBinary: 0,
    skipped: [],
    empty: [],
    missing: missing.map((entry) => entry.path),
    skippedIgnored: 0,
    refused: [],
    failed: [],
    pruned: 0,
    chunks: 0,
    elapsedMs: 0,
  };
  const files: string[] = [];
  const folders: string[] = [];
  for (const target of targets) {
    const walked = await walk(target, roots);
    files.push(...walked.files);
    if (walked.isFolder) folders.push(target);
    report.skippedIgnored += walked.ignored;
    report.refused.push(...walked.refused);
  }
  const unique = [...new Set(files)];
  report.filesSeen = unique.length;

  let filesDone = 0;
  let batch: Array<{ file: string; prepared: PreparedDocument }> = [];
  let handled: string[] = [];
  let lastFlush = performance.now();
  /** Stores the batch in one transaction, then reports progress for every file handled since the last flush. */
  const flush = async () => {
    if (batch.length > 0) {
      try {
        const stored = await memory.storeDocuments(batch.map((entry) => entry.prepared.input));
        batch.forEach(({ file, prepared }, index) => {
          // What the write found decides, not what the file looked like before: another ingest may have
          // stored the same file in between.
          const replaced = stored[index]?.replaced;
          report[replaced === undefined ? prepared.kind : replaced ? "updated" : "added"]++;
          report.chunks += prepared.input.chunks.length;
          if (prepared.input.chunks.length === 0) report.empty.push(file);
        });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        for (const { file } of batch) report.failed.push({ path: file, error: errorMessage(error) });
      }
    }
    for (const file of handled) {
      filesDone++;
      await options.onProgress?.({
        filesDone,
        filesTotal: unique.length,
        chunks: report.chunks,
        current: file,
        elapsedMs: performance.now() - started,
      });
    }
    batch = [];
    handled = [];
    lastFlush = performance.now();
  };

  for (const file of unique) {
    options.signal?.throwIfAborted();
    try {
      const outcome = await prepareFile(memory, file, options, t);
      if (outcome === "unchanged") report.unchanged++;
      else if ("skipped" in outcome) {
        report.skippedBinary++;
        report.skipped.push({ path: file, reason: outcome.skipped });
      } else batch.push({ file, prepared: outcome });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      report.failed.push({ path: file, error: errorMessage(error) });
    }
    handled.push(file);
    const batchChunks = batch.reduce((sum, entry) => sum + entry.prepared.input.chunks.length, 0);
    if (
      batch.length >= BATCH_DOCUMENTS ||
      batchChunks >= BATCH_CHUNKS ||
      performance.now() - lastFlush >= BATCH_MS
    ) {
      await flush();
    }
  }
  await flush();

  if (options.prune) report.pruned = await prune(memory, options.collection, folders, new Set(unique));
  report.elapsedMs = performance.now() - started;
  return report;
}

/** A parsed, chunked and embedded file, ready to be stored. */
interface PreparedDocument {
  kind: "added" | "updated";
  input: DocumentInput;
}

async function prepareFile(
  memory: Memory,
  file: string,
  options: IngestOptions,
  t: Translator,
): Promise<PreparedDocument | "unchanged" | { skipped: string }> {
  const kind = kindForPath(file);
  if (kind === undefined)
    return { skipped: t("ingest.binaryByName", { extension: extname(file).toLowerCase() }) };
  const limits = options.limits ?? DEFAULT_INPUT_LIMITS;
  const info = await stat(file);
  guardFileSize(file, info.size, limits, t);
  return prepareBytes(memory, file, await readFile(file), Math.round(info.mtimeMs), options);
}

/** A file's bytes parsed, chunked and embedded under `source` (a path, or an upload's name). */
async function prepareBytes(
  memory: Memory,
  file: string,
  bytes: Uint8Array,
  modifiedAt: number,
  options: Pick<IngestOptions, "collection" | "limits" | "translator" | "chunking" | "signal">,
): Promise<PreparedDocument | "unchanged" | { skipped: string }> {
  const kind = kindForPath(file);
  if (kind === undefined) return { skipped: `binary by its name (${extname(file).toLowerCase()})` };
  const limits = options.limits ?? DEFAULT_INPUT_LIMITS;
  const t = options.translator ?? createTranslator("en");
  const contentHash = createHash("sha256").update(bytes).digest("hex");
  const existing = await memory.findDocument(options.collection, file);
  if (existing?.contentHash === contentHash) return "unchanged";
  guardContainer(file, kind, bytes, limits, t);
  const parsed = await parseDocumentOrSkip(bytes, kind);
  if ("skipped" in parsed) return { skipped: renderLocalised(parsed.skipped, t) };
  guardText(file, parsed.kind, parsed.text, limits, t);
  const texts = splitText(parsed.text, options.chunking ?? DEFAULT_CHUNKING, parsed.kind === "markdown");
  const embedded = await memory.embedDocuments(texts, options.signal);
  return {
    kind: existing ? "updated" : "added",
    input: {
      collection: options.collection,
      source: file,
      title: parsed.title ?? basename(file),
      contentHash,
      modifiedAt,
      metadata: { kind: parsed.kind },
      chunks: texts.map((text, position) => ({ text, position })),
      vectors: embedded?.vectors,
      embedder: embedded?.embedder,
    },
  };
}

async function prune(
  memory: Memory,
  collection: string,
  folders: string[],
  seen: Set<string>,
): Promise<number> {
  const gone: string[] = [];
  for (const folder of folders) {
    const prefix = folder.endsWith(sep) ? folder : folder + sep;
    const documents = await memory.listDocuments({ collection, sourcePrefix: prefix }, 1_000_000);
    for (const document of documents) if (!seen.has(document.source)) gone.push(document.id);
  }
  return memory.deleteDocuments([...new Set(gone)]);
}

/**
 * One document handed over as bytes (`agente serve`'s uploads): stored under `source` as a file of that
 * name would be, without writing it anywhere first. The report counts it as `ingest` counts a file.
 */
export async function ingestBytes(
  memory: Memory,
  document: { source: string; bytes: Uint8Array; modifiedAt: number },
  options: Pick<IngestOptions, "collection" | "limits" | "translator" | "chunking" | "signal">,
): Promise<IngestReport> {
  const started = performance.now();
  await memory.assertWritable(options.collection, options.signal);
  const report: IngestReport = {
    ...{ filesSeen: 1, added: 0, updated: 0, unchanged: 0, skippedBinary: 0, skipped: [] },
    ...{ skippedIgnored: 0, refused: [], failed: [], pruned: 0, chunks: 0, elapsedMs: 0 },
    ...{ empty: [], missing: [] },
  };
  const { source, bytes } = document;
  guardFileSize(
    source,
    bytes.length,
    options.limits ?? DEFAULT_INPUT_LIMITS,
    options.translator ?? createTranslator("en"),
  );
  const outcome = await prepareBytes(memory, source, bytes, document.modifiedAt, options);
  if (outcome === "unchanged") report.unchanged++;
  else if ("skipped" in outcome) {
    report.skippedBinary++;
    report.skipped.push({ path: source, reason: outcome.skipped });
  } else {
    // An upload has no file to look at later: its size goes with it.
    const input = { ...outcome.input, metadata: { ...outcome.input.metadata, bytes: bytes.length } };
    const [stored] = await memory.storeDocuments([input]);
    report[stored?.replaced === undefined ? outcome.kind : stored.replaced ? "updated" : "added"]++;
    report.chunks += outcome.input.chunks.length;
    if (outcome.input.chunks.length === 0) report.empty.push(source);
  }
  report.elapsedMs = performance.now() - started;
  return report;
}
