/**
 * The memory as its users see it (the MCP server and the CLI): notes, hybrid search, listing, forgetting
 * and re-indexing over a `MemoryStore`, with an optional `Embedder`. Without an embedder, or while it
 * fails, everything still works lexically and the caller is told once (`takeNotice`).
 */
import { createHash, randomUUID } from "node:crypto";
import type { Embedder } from "../embedders/embedder.js";
import { localised } from "../i18n/localised.js";
import { type AgenteError, errorMessage, SystemError, UserError } from "../util/errors.js";
import { EmbedderMismatchError } from "./errors.js";
import {
  DEFAULT_DUPLICATE_THRESHOLD,
  DEFAULT_MIN_SIMILARITY,
  hybridSearch,
  type Passage,
  type QueryVector,
  type SearchMode,
} from "./search.js";
import type { MemoryStore } from "./store.js";
import type {
  CollectionInfo,
  DocumentInput,
  EmbedderIdentity,
  Metadata,
  SearchFilter,
  StoredDocument,
  StoreStats,
} from "./types.js";
import { DEFAULT_COLLECTION } from "./types.js";

// Re-exported where the memory's users have always found it; types.ts is its one home.
export { DEFAULT_COLLECTION } from "./types.js";
/** Prefix of the `source` of notes stored by `memorizar_informacion`. */
export const NOTE_SOURCE_PREFIX = "nota:";

export interface MemoryOptions {
  store: MemoryStore;
  /** Undefined: lexical search only. */
  embedder: Embedder | undefined;
  now?: () => number;
  minSimilarity?: number;
}

export interface MemorySearchOptions {
  k: number;
  filter?: SearchFilter;
  mode?: SearchMode;
  signal?: AbortSignal;
}

/** A document with its best passages, for `buscar_documentos`. */
export interface DocumentMatch {
  document: StoredDocument;
  score: number;
  passages: Passage[];
}

export interface ReindexProgress {
  collection: string;
  chunksDone: number;
  chunksTotal: number;
}

export class Memory {
  /** Only `Memory` touches the store: its users go through the methods below. */
  readonly #store: MemoryStore;
  readonly embedder: Embedder | undefined;
  readonly #now: () => number;
  readonly #minSimilarity: number;
  /** Notices not yet handed out by `takeNotice`. */
  #notices: string[] = [];
  #degraded = false;
  #collectionsChecked = false;
  /** Set once the store is seen to hold vectors; later searches skip the check (a query vector is harmless). */
  #vectorsSeen = false;

  constructor(options: MemoryOptions) {
    this.#store = options.store;
    this.embedder = options.embedder;
    this.#now = options.now ?? Date.now;
    this.#minSimilarity = options.minSimilarity ?? DEFAULT_MIN_SIMILARITY;
    if (!options.embedder) {
      this.#degraded = true;
      this.#notices.push(
        "no embedding model is configured (AGENTE_EMBEDDER=none): memory search is lexical only",
      );
    }
  }

  /**
   * Messages about degraded search (no embedder, embedder down, collections indexed by another embedder),
   * each handed out once per `Memory`; undefined when there is nothing new.
   */
  takeNotice(): string | undefined {
    if (this.#notices.length === 0) return undefined;
    const text = this.#notices.join("; ");
    this.#notices = [];
    return text;
  }

  /**
   * Vectors for document chunks, or undefined when there is no embedder or it failed (the document is then
   * stored for lexical search and `agente memory reindex` embeds it later).
   */
  async embedDocuments(
    texts: string[],
    signal?: AbortSignal,
  ): Promise<{ vectors: Float32Array[]; embedder: EmbedderIdentity } | undefined> {
    if (!this.embedder || texts.length === 0) return undefined;
    try {
      const embedder = await this.embedder.identity(signal);
      const vectors = await this.embedder.embed(texts, "document", signal);
      return { vectors, embedder };
    } catch (error) {
      if (signal?.aborted || !(error instanceof SystemError)) throw error;
      this.#degrade(error);
      return undefined;
    }
  }

  async #queryVector(query: string, signal?: AbortSignal): Promise<QueryVector | undefined> {
    if (!this.embedder) return undefined;
    try {
      const embedder = await this.embedder.identity(signal);
      const [vector] = await this.embedder.embed([query], "query", signal);
      return vector && { vector, embedder };
    } catch (error) {
      if (signal?.aborted || !(error instanceof SystemError)) throw error;
      this.#degrade(error);
      return undefined;
    }
  }

  /**
   * Whether any collection has vectors. Until one does there is nothing to compare a query vector with, so
   * a search does not start the embedder: a new store's default model is downloaded at the first ingest,
   * not by the context lookup before a question on an empty memory.
   */
  async #holdsVectors(): Promise<boolean> {
    if (this.#vectorsSeen) return true;
    const { collections } = await this.#store.stats();
    this.#vectorsSeen = collections.some((collection) => collection.embedder !== undefined);
    return this.#vectorsSeen;
  }

  #degrade(error: AgenteError): void {
    if (this.#degraded) return;
    this.#degraded = true;
    this.#notices.push(
      `the embedding model is unavailable (${errorMessage(error)}): memory search is lexical only${
        error.hint ? `; ${error.hint}` : ""
      }`,
    );
  }

  /** Once per `Memory`: tells about collections whose vectors the current embedder cannot search. */
  async #checkCollections(current: EmbedderIdentity): Promise<void> {
    if (this.#collectionsChecked) return;
    this.#collectionsChecked = true;
    const { collections } = await this.#store.stats();
    for (const collection of collections) {
      const stored = collection.embedder;
      if (stored && (stored.name !== current.name || stored.dimensions !== current.dimensions)) {
        this.#notices.push(
          `collection "${collection.name}" was indexed with ${stored.name}, so only its words are searched; run \`agente memory reindex --collection ${collection.name}\` to search it by meaning with ${current.name}`,
        );
      }
    }
  }

  /** Stores a note as a one-document source `nota:<uuid>`; returns the stored document. */
  async remember(
    text: string,
    metadata: Metadata = {},
    collection = DEFAULT_COLLECTION,
  ): Promise<StoredDocument> {
    const trimmed = text.trim();
    if (trimmed === "")
      throw new UserError(localised("errorsMemory.emptyNote"), {
        hint: localised("errorsMemory.emptyNoteHint"),
      });
    await this.#checkCollectionEmbedder(collection);
    const embedded = await this.embedDocuments([trimmed]);
    const title = trimmed.split("\n")[0]?.slice(0, 80) ?? "";
    return this.#store.putDocument({
      collection,
      source: `${NOTE_SOURCE_PREFIX}${randomUUID()}`,
      title,
      contentHash: createHash("sha256").update(trimmed).digest("hex"),
      modifiedAt: this.#now(),
      metadata,
      chunks: [{ text: trimmed, position: 0 }],
      vectors: embedded?.vectors,
      embedder: embedded?.embedder,
    });
  }

  /**
   * Refuses early, before any embedding work, to write into a collection indexed by another embedder.
   * A collection that has no embedder yet takes the current one.
   */
  async #checkCollectionEmbedder(collection: string, signal?: AbortSignal): Promise<void> {
    if (!this.embedder) return;
    const stored = (await this.#store.getCollection(collection))?.embedder;
    if (!stored) return;
    const current = await this.embedder.identity(signal).catch((error: unknown) => {
      if (error instanceof SystemError) return undefined;
      throw error;
    });
    if (current && (current.name !== stored.name || current.dimensions !== stored.dimensions)) {
      throw new EmbedderMismatchError(collection, stored, current);
    }
  }

  /** Checks that writes to `collection` are allowed with the current embedder (ingest calls it once up front). */
  async assertWritable(collection: string, signal?: AbortSignal): Promise<void> {
    await this.#checkCollectionEmbedder(collection, signal);
  }

  /** The top-k passages for a query, best first. */
  async search(query: string, options: MemorySearchOptions): Promise<Passage[]> {
    const filter = options.filter ?? {};
    if (filter.collection !== undefined)
      await this.#checkCollectionEmbedder(filter.collection, options.signal);
    const mode = options.mode ?? "hybrid";
    const queryVector =
      mode === "lexical" || !(await this.#holdsVectors())
        ? undefined
        : await this.#queryVector(query, options.signal);
    if (queryVector && filter.collection === undefined) await this.#checkCollections(queryVector.embedder);
    return hybridSearch(this.#store, query, queryVector, {
      k: options.k,
      filter,
      mode,
      minSimilarity: this.#minSimilarity,
      duplicateThreshold: DEFAULT_DUPLICATE_THRESHOLD,
    });
  }

  /** Documents ranked by their best passage, with up to `passagesPerDocument` passages each. */
  async searchDocuments(
    query: string,
    options: MemorySearchOptions & { passagesPerDocument?: number },
  ): Promise<DocumentMatch[]> {
    const passages = await this.search(query, { ...options, k: options.k * 5 });
    const byDocument = new Map<string, Passage[]>();
    for (const passage of passages) {
      const list = byDocument.get(passage.documentId) ?? [];
      list.push(passage);
      byDocument.set(passage.documentId, list);
    }
    const matches: DocumentMatch[] = [];
    for (const [documentId, list] of byDocument) {
      if (matches.length === options.k) break;
      const document = await this.#store.getDocument(documentId);
      if (!document) continue;
      matches.push({
        document,
        score: list[0]?.score ?? 0,
        passages: list.slice(0, options.passagesPerDocument ?? 2),
      });
    }
    return matches;
  }

  /**
   * Deletes by document id, or every document whose source equals or starts with `source`; with `only`,
   * just the documents it accepts (a person's: `agente serve`).
   */
  async forget(target: {
    id?: string;
    source?: string;
    collection?: string;
    only?: (document: StoredDocument) => boolean;
  }): Promise<StoredDocument[]> {
    const documents: StoredDocument[] = [];
    if (target.id !== undefined) {
      const document = await this.#store.getDocument(target.id);
      if (document) documents.push(document);
    }
    if (target.source !== undefined) {
      const filter: SearchFilter = { sourcePrefix: target.source };
      if (target.collection !== undefined) filter.collection = target.collection;
      const matches = await this.#store.listDocuments(filter, 100_000);
      // A source names one document, or a folder: never a sibling that merely shares the prefix (/a/doc vs /a/doc2).
      documents.push(...matches.filter((document) => isSameOrInside(document.source, target.source ?? "")));
    }
    const deleted = target.only === undefined ? documents : documents.filter(target.only);
    await this.#store.deleteDocuments(deleted.map((document) => document.id));
    return deleted;
  }

  /**
   * Embeds the collection's chunks that have no vector. With `full`, or when the collection was indexed by
   * another embedder, first drops every vector and records the current embedder.
   */
  async reindex(
    collection: string,
    options: { full?: boolean; signal?: AbortSignal; onProgress?: (progress: ReindexProgress) => void } = {},
  ): Promise<{ chunks: number }> {
    if (!this.embedder) {
      throw new UserError(localised("errorsMemory.noEmbedder"), {
        hint: localised("errorsMemory.noEmbedderHint"),
      });
    }
    const info = await this.#store.getCollection(collection);
    if (!info)
      throw new UserError(localised("errorsMemory.noCollection", { collection }), {
        hint: localised("errorsMemory.noCollectionHint"),
      });
    const embedder = await this.embedder.identity(options.signal);
    const differs =
      info.embedder &&
      (info.embedder.name !== embedder.name || info.embedder.dimensions !== embedder.dimensions);
    if (options.full || differs) await this.#store.resetCollectionEmbedder(collection, embedder);
    const total = (await this.#store.getCollection(collection))?.chunksWithoutVector ?? 0;
    let done = 0;
    for (;;) {
      const batch = await this.#store.chunksWithoutVector(collection, 64);
      if (batch.length === 0) break;
      const vectors = await this.embedder.embed(
        batch.map((chunk) => chunk.text),
        "document",
        options.signal,
      );
      await this.#store.putVectors(
        collection,
        embedder,
        batch.map((chunk) => chunk.chunkId),
        vectors,
      );
      done += batch.length;
      options.onProgress?.({ collection, chunksDone: done, chunksTotal: total });
    }
    return { chunks: done };
  }

  /** Where the memory is, its collections and sizes. */
  stats(): Promise<StoreStats> {
    return this.#store.stats();
  }

  /** Stored documents, newest first. */
  listDocuments(filter: SearchFilter, limit: number, offset = 0): Promise<StoredDocument[]> {
    return this.#store.listDocuments(filter, limit, offset);
  }

  /** The document stored for `source` in `collection`, if any (ingest compares its content hash). */
  findDocument(collection: string, source: string): Promise<StoredDocument | undefined> {
    return this.#store.findDocument(collection, source);
  }

  getDocument(id: string): Promise<StoredDocument | undefined> {
    return this.#store.getDocument(id);
  }

  getCollection(name: string): Promise<CollectionInfo | undefined> {
    return this.#store.getCollection(name);
  }

  /** Stores prepared documents (chunks, and vectors when embedded) in one transaction. */
  storeDocuments(inputs: DocumentInput[]): Promise<StoredDocument[]> {
    return this.#store.putDocuments(inputs);
  }

  /** Deletes documents by id; returns how many were deleted. */
  deleteDocuments(ids: string[]): Promise<number> {
    return this.#store.deleteDocuments(ids);
  }

  async close(): Promise<void> {
    await this.embedder?.close();
    await this.#store.close();
  }
}

function isSameOrInside(source: string, target: string): boolean {
  if (source === target) return true;
  const folder = target.endsWith("/") || target.endsWith("\\") ? target : `${target}/`;
  return source.startsWith(folder) || source.startsWith(folder.replace(/\/$/, "\\"));
}
