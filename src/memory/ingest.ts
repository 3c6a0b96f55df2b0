/**
 * Ingest of files and folders into the memory: walk (inside the roots, skipping ignored paths), parse,
 * chunk, embed, store one document per file in one transaction. Incremental: a file whose bytes hash the
 * same as the stored document is skipped; a changed file replaces its document atomically; with `prune`,
 * documents under an ingested folder whose file is gone are removed.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename, sep } from "node:path";
import { errorMessage } from "../util/errors.js";
import { type ChunkingOptions, DEFAULT_CHUNKING, splitText } from "./chunking.js";
import type { Memory } from "./memory.js";
import { kindForPath, parseDocument } from "./parsers.js";
import { realRoots, resolveInsideRoots } from "./roots.js";
import { walk } from "./walk.js";

export interface IngestOptions {
  paths: string[];
  collection: string;
  /** Allowed roots (absolute); every path and every symlink target must be inside one. */
  roots: string[];
  cwd: string;
  /** Remove documents under the ingested folders whose files no longer exist. */
  prune?: boolean;
  chunking?: ChunkingOptions;
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
  const targets: string[] = [];
  for (const path of options.paths) targets.push(await resolveInsideRoots(path, roots, options.cwd));
  await memory.assertWritable(options.collection, options.signal);

  const report: IngestReport = {
    filesSeen: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    skippedBinary: 0,
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

  for (const [index, file] of unique.entries()) {
    options.signal?.throwIfAborted();
    try {
      const outcome = await ingestFile(memory, file, options);
      if (outcome.kind === "binary") report.skippedBinary++;
      else report[outcome.kind]++;
      report.chunks += outcome.chunks;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      report.failed.push({ path: file, error: errorMessage(error) });
    }
    await options.onProgress?.({
      filesDone: index + 1,
      filesTotal: unique.length,
      chunks: report.chunks,
      current: file,
      elapsedMs: performance.now() - started,
    });
  }

  if (options.prune) report.pruned = await prune(memory, options.collection, folders, new Set(unique));
  report.elapsedMs = performance.now() - started;
  return report;
}

async function ingestFile(
  memory: Memory,
  file: string,
  options: IngestOptions,
): Promise<{ kind: "added" | "updated" | "unchanged" | "binary"; chunks: number }> {
  const kind = kindForPath(file);
  if (kind === undefined) return { kind: "binary", chunks: 0 };
  const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
  const contentHash = createHash("sha256").update(bytes).digest("hex");
  const existing = await memory.store.findDocument(options.collection, file);
  if (existing?.contentHash === contentHash) return { kind: "unchanged", chunks: 0 };
  const parsed = await parseDocument(bytes, kind);
  if (!parsed) return { kind: "binary", chunks: 0 };
  const texts = splitText(parsed.text, options.chunking ?? DEFAULT_CHUNKING, parsed.kind === "markdown");
  const embedded = await memory.embedDocuments(texts, options.signal);
  await memory.store.putDocument({
    collection: options.collection,
    source: file,
    title: parsed.title ?? basename(file),
    contentHash,
    modifiedAt: Math.round(info.mtimeMs),
    metadata: { kind: parsed.kind },
    chunks: texts.map((text, position) => ({ text, position })),
    vectors: embedded?.vectors,
    embedder: embedded?.embedder,
  });
  return { kind: existing ? "updated" : "added", chunks: texts.length };
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
    const documents = await memory.store.listDocuments({ collection, sourcePrefix: prefix }, 1_000_000);
    for (const document of documents) if (!seen.has(document.source)) gone.push(document.id);
  }
  return memory.store.deleteDocuments([...new Set(gone)]);
}
