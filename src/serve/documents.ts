/**
 * Documents the page drops into memory, lists and deletes. `MemoryDocuments` hands an upload's bytes to
 * the memory library (the same store the memory server searches), stored under the file's name: nothing
 * is written to disk first, and no server path ever reaches a client.
 */
import { basename } from "node:path";
import { ingestBytes } from "../memory/ingest.js";
import type { Memory } from "../memory/memory.js";
import { DEFAULT_COLLECTION } from "../memory/memory.js";
import { collectionVisible, isPrivateCollection, privateCollection } from "../memory/types.js";
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

/** Where a document lives: the company's shared memory, or the private memory of the person who added it. */
export type DocumentPlace = "shared" | "private";

/** Who handles documents: their id (their private collection) and whether they may publish. */
export interface DocumentReader {
  personId: string;
  publish: boolean;
}

/** One document memory holds, as the documents panel lists it. */
export interface DocumentInfo {
  id: string;
  name: string;
  place: DocumentPlace;
  /** Bytes, when known (uploads). */
  size?: number;
  passages: number;
  /** ISO 8601. */
  storedAt: string;
}

export interface DocumentIngester {
  /** Stores the file in the shared memory or in the person's private memory (the route checks `publish`). */
  add(
    fileName: string,
    bytes: Uint8Array,
    place: { personId: string; place: DocumentPlace },
    signal?: AbortSignal,
  ): Promise<DocumentResult>;
  /** What the reader may see: the shared documents and their own private ones, newest first. */
  list(reader: DocumentReader): Promise<DocumentInfo[]>;
  /**
   * False when there is no such document the reader may remove: their own private ones, and shared ones
   * when they may publish.
   */
  remove(id: string, reader: DocumentReader): Promise<boolean>;
  /** Deletes every private document of the person; returns how many. */
  removePrivate(personId: string): Promise<number>;
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

  async add(
    fileName: string,
    bytes: Uint8Array,
    place: { personId: string; place: DocumentPlace },
    signal?: AbortSignal,
  ): Promise<DocumentResult> {
    const name = safeFileName(fileName);
    const memory = await this.open();
    const collection = place.place === "shared" ? DEFAULT_COLLECTION : privateCollection(place.personId);
    const report = await ingestBytes(
      memory,
      { source: name, bytes, modifiedAt: this.now() },
      { collection, ...(signal === undefined ? {} : { signal }) },
    );
    const status =
      report.added > 0
        ? "added"
        : report.updated > 0
          ? "updated"
          : report.unchanged > 0
            ? "unchanged"
            : "skipped";
    const stored = status === "skipped" ? undefined : await memory.findDocument(collection, name);
    return {
      file: name,
      status,
      chunks: report.chunks,
      ...(status === "skipped" ? { reason: "not_text" as const } : {}),
      ...(stored === undefined ? {} : { id: stored.id }),
    };
  }

  async list(reader: DocumentReader): Promise<DocumentInfo[]> {
    const memory = await this.open();
    const [shared, own] = await Promise.all([
      memory.listDocuments({ collection: DEFAULT_COLLECTION }, LISTED),
      memory.listDocuments({ collection: privateCollection(reader.personId) }, LISTED),
    ]);
    const documents = [...shared, ...own].sort((a, b) => b.storedAt - a.storedAt).slice(0, LISTED);
    return documents.map((document) => {
      const size = document.metadata.bytes;
      return {
        id: document.id,
        name: basename(document.source.replace(/\\/g, "/")),
        place: isPrivateCollection(document.collection) ? ("private" as const) : ("shared" as const),
        ...(typeof size === "number" ? { size } : {}),
        passages: document.chunkCount,
        storedAt: new Date(document.storedAt).toISOString(),
      };
    });
  }

  async remove(id: string, reader: DocumentReader): Promise<boolean> {
    const memory = await this.open();
    const document = await memory.getDocument(id);
    if (document === undefined || !collectionVisible(document.collection, { visibleTo: reader.personId }))
      return false;
    if (!isPrivateCollection(document.collection) && !reader.publish) return false;
    return (await memory.deleteDocuments([id])) > 0;
  }

  async removePrivate(personId: string): Promise<number> {
    const memory = await this.open();
    const collection = privateCollection(personId);
    let removed = 0;
    for (;;) {
      const batch = await memory.listDocuments({ collection }, LISTED);
      if (batch.length === 0) return removed;
      removed += await memory.deleteDocuments(batch.map((document) => document.id));
    }
  }

  async close(): Promise<void> {
    const memory = await this.memory?.catch(() => undefined);
    await memory?.close();
  }
}
