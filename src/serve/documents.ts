/**
 * Documents the page drops into memory, lists and deletes. `MemoryDocuments` hands an upload's bytes to
 * the memory library (the same store the memory server searches), stored under the file's name: nothing
 * is written to disk first, and no server path ever reaches a client.
 */
import { basename } from "node:path";
import { ingestBytes } from "../memory/ingest.js";
import type { Memory } from "../memory/memory.js";
import { DEFAULT_COLLECTION } from "../memory/memory.js";
import { UserError } from "../util/errors.js";

/** Why a file was left out, as the page says it in the reader's language. */
export type SkipReason = "not_text";

export interface DocumentResult {
  file: string;
  status: "added" | "updated" | "unchanged" | "skipped";
  chunks: number;
  /** For a skipped file. */
  reason?: SkipReason;
  /** The stored document, to list and delete it. */
  id?: string;
}

/** One document memory holds, as the documents panel lists it. */
export interface DocumentInfo {
  id: string;
  name: string;
  /** Bytes, when known (uploads). */
  size?: number;
  passages: number;
  /** ISO 8601. */
  storedAt: string;
}

export interface DocumentIngester {
  add(fileName: string, bytes: Uint8Array, signal?: AbortSignal): Promise<DocumentResult>;
  /** Newest first. */
  list(): Promise<DocumentInfo[]>;
  /** False when there is no such document. */
  remove(id: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Most documents the panel lists. */
const LISTED = 500;

/** A file name safe to store and show: its last part, odd characters replaced. */
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
  private readonly openMemory: () => Promise<Memory>;
  private readonly now: () => number;

  constructor(options: { openMemory: () => Promise<Memory>; now?: () => number }) {
    this.openMemory = options.openMemory;
    this.now = options.now ?? Date.now;
  }

  private open(): Promise<Memory> {
    this.memory ??= this.openMemory();
    return this.memory;
  }

  async add(fileName: string, bytes: Uint8Array, signal?: AbortSignal): Promise<DocumentResult> {
    const name = safeFileName(fileName);
    const memory = await this.open();
    const report = await ingestBytes(
      memory,
      { source: name, bytes, modifiedAt: this.now() },
      { collection: DEFAULT_COLLECTION, ...(signal === undefined ? {} : { signal }) },
    );
    const status =
      report.added > 0
        ? "added"
        : report.updated > 0
          ? "updated"
          : report.unchanged > 0
            ? "unchanged"
            : "skipped";
    const stored = status === "skipped" ? undefined : await memory.findDocument(DEFAULT_COLLECTION, name);
    return {
      file: name,
      status,
      chunks: report.chunks,
      ...(status === "skipped" ? { reason: "not_text" as const } : {}),
      ...(stored === undefined ? {} : { id: stored.id }),
    };
  }

  async list(): Promise<DocumentInfo[]> {
    const documents = await (await this.open()).listDocuments({ collection: DEFAULT_COLLECTION }, LISTED);
    return documents.map((document) => {
      const size = document.metadata.bytes;
      return {
        id: document.id,
        name: basename(document.source.replace(/\\/g, "/")),
        ...(typeof size === "number" ? { size } : {}),
        passages: document.chunkCount,
        storedAt: new Date(document.storedAt).toISOString(),
      };
    });
  }

  async remove(id: string): Promise<boolean> {
    return (await (await this.open()).deleteDocuments([id])) > 0;
  }

  async close(): Promise<void> {
    const memory = await this.memory?.catch(() => undefined);
    await memory?.close();
  }
}
