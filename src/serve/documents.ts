/**
 * Documents the page drops into memory. `MemoryDocuments` saves the upload in a folder of its own and
 * ingests it with the memory library (the same store the memory server searches).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { ingest } from "../memory/ingest.js";
import type { Memory } from "../memory/memory.js";
import { DEFAULT_COLLECTION } from "../memory/memory.js";
import { UserError } from "../util/errors.js";

export interface DocumentResult {
  file: string;
  status: "added" | "updated" | "unchanged" | "skipped";
  chunks: number;
}

export interface DocumentIngester {
  add(fileName: string, bytes: Uint8Array, signal?: AbortSignal): Promise<DocumentResult>;
  close(): Promise<void>;
}

/** A file name safe to write in the upload folder: its last part, odd characters replaced. */
export function safeFileName(name: string): string {
  const last = basename(name.replace(/\\/g, "/"));
  const cleaned = last
    .replace(/[^\p{L}\p{N}._ -]/gu, "_")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 120);
  if (cleaned === "") throw new UserError("the file needs a name", { hint: "send the name in x-file-name" });
  return cleaned;
}

export class MemoryDocuments implements DocumentIngester {
  private memory: Promise<Memory> | undefined;
  private readonly folder: string;
  private readonly openMemory: () => Promise<Memory>;

  constructor(options: { folder: string; openMemory: () => Promise<Memory> }) {
    this.folder = options.folder;
    this.openMemory = options.openMemory;
  }

  async add(fileName: string, bytes: Uint8Array, signal?: AbortSignal): Promise<DocumentResult> {
    const name = safeFileName(fileName);
    await mkdir(this.folder, { recursive: true });
    const path = join(this.folder, name);
    await writeFile(path, bytes);
    this.memory ??= this.openMemory();
    const report = await ingest(await this.memory, {
      paths: [path],
      roots: [this.folder],
      cwd: this.folder,
      collection: DEFAULT_COLLECTION,
      ...(signal === undefined ? {} : { signal }),
    });
    const failure = report.failed[0];
    if (failure !== undefined) throw new UserError(`${name}: ${failure.error}`);
    const status =
      report.added > 0
        ? "added"
        : report.updated > 0
          ? "updated"
          : report.unchanged > 0
            ? "unchanged"
            : "skipped";
    return { file: name, status, chunks: report.chunks };
  }

  async close(): Promise<void> {
    const memory = await this.memory?.catch(() => undefined);
    await memory?.close();
  }
}
