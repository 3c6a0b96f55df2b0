/**
 * The in-memory bit index of the SQLite store: the sign bits of every chunk vector of one dimension,
 * contiguous in WebAssembly memory, scanned by Hamming distance with the CPU's popcount.
 *
 * It is a cache: the store rebuilds it from its `chunk_bits` table (one row per document) when it opens or
 * when another writer deleted rows, and appends new rows otherwise. A scan of 1M 768-d vectors (96 MB)
 * takes ~5 ms on one core (the scan is hamming-module.ts), against ~75 ms for sqlite-vec's `vec0` bit scan with 40 candidates, whose top-k
 * selection costs O(rows × k).
 */
import { hammingModule } from "./hamming-module.js";

/** The part of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The module's functions (hamming-module.ts). */
interface ScanFunctions {
  hamming(query: number, base: number, count: number, out: number): void;
  histogram(out: number, start: number, end: number, counts: number): void;
  collect(out: number, start: number, end: number, cutoff: number, rows: number): number;
}

const PAGE = 65536;

/** Bytes per vector in the index: the sign bits padded to whole 64-bit words. */
export function bitStride(dimensions: number): number {
  return Math.ceil(dimensions / 64) * 8;
}

/** The sign bits (1 where the value is positive) of `vectors`, each padded to `bitStride(dimensions)`. */
export function signBits(vectors: readonly Float32Array[], dimensions: number): Uint8Array {
  const stride = bitStride(dimensions);
  const bits = new Uint8Array(vectors.length * stride);
  for (let row = 0; row < vectors.length; row++) {
    const vector = vectors[row]!;
    // Ingest computes this for every chunk: read the floats' bit patterns, positive ⇔ sign bit clear and not
    // +0, without a branch (signs are random: a branch mispredicts half the time, 4× slower).
    const patterns = new Uint32Array(vector.buffer, vector.byteOffset, vector.length);
    for (let byte = 0, index = 0; index < dimensions; byte++) {
      let value = 0;
      for (let bit = 0; bit < 8 && index < dimensions; bit++, index++) {
        const pattern = patterns[index] ?? 0;
        value |= (((pattern >>> 31) ^ 1) & (pattern !== 0 ? 1 : 0)) << bit;
      }
      bits[row * stride + byte] = value;
    }
  }
  return bits;
}

/** The chunk ids of a `chunk_bits` row, as stored (float64: exact for every SQLite rowid below 2^53). */
export function idsBlob(ids: readonly number[]): Buffer {
  return Buffer.from(Float64Array.from(ids).buffer);
}

export function decodeIds(blob: Uint8Array): Float64Array {
  // Copy: better-sqlite3's buffers are not guaranteed to be 8-byte aligned.
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float64Array(copy.buffer);
}

export class BitIndex {
  readonly dimensions: number;
  readonly #stride: number;
  readonly #words: number;
  readonly #memory: WasmMemory;
  readonly #scan: ScanFunctions;
  /** Histogram bins: one per possible distance. */
  readonly #bins: number;
  /** Byte offset of the first vector: the query sits before it. */
  readonly #base: number;
  #capacity = 0;
  #count = 0;
  #scans = 0;
  #chunkIds = new Float64Array(0);
  /** One segment per stored row: its collection and its first vector. */
  #segmentCollections: string[] = [];
  #segmentStarts: number[] = [];

  constructor(dimensions: number) {
    this.dimensions = dimensions;
    this.#stride = bitStride(dimensions);
    this.#words = this.#stride / 8;
    this.#base = Math.ceil(this.#stride / 8) * 8;
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const instance = new wasm.Instance(new wasm.Module(hammingModule(this.#words)), {});
    this.#memory = instance.exports.memory as WasmMemory;
    this.#scan = {
      hamming: instance.exports.hamming as ScanFunctions["hamming"],
      histogram: instance.exports.histogram as ScanFunctions["histogram"],
      collect: instance.exports.collect as ScanFunctions["collect"],
    };
    this.#bins = this.#stride * 8 + 1;
  }

  /** Number of vectors held. */
  get size(): number {
    return this.#count;
  }

  clear(): void {
    this.#count = 0;
    this.#segmentCollections = [];
    this.#segmentStarts = [];
  }

  /** Adds the vectors of one row: `bits` holds `chunkIds.length` vectors of `bitStride(dimensions)` bytes. */
  append(collection: string, chunkIds: Float64Array, bits: Uint8Array): void {
    const count = chunkIds.length;
    if (bits.byteLength !== count * this.#stride) {
      throw new Error(
        `bit index: ${bits.byteLength} bytes for ${count} vectors of ${this.dimensions} dimensions`,
      );
    }
    if (count === 0) return;
    this.#reserve(this.#count + count);
    new Uint8Array(this.#memory.buffer, this.#base + this.#count * this.#stride, bits.byteLength).set(bits);
    this.#chunkIds.set(chunkIds, this.#count);
    this.#segmentCollections.push(collection);
    this.#segmentStarts.push(this.#count);
    this.#count += count;
  }

  /** Makes room for `needed` vectors in all (a loader that knows the total grows memory once). */
  reserve(needed: number): void {
    this.#reserve(needed);
  }

  #reserve(needed: number): void {
    if (needed <= this.#capacity) return;
    const capacity = Math.max(needed, this.#capacity * 2, 1024);
    // Vectors, then the scan's scratch (#scratch), rewritten by every scan.
    this.#capacity = capacity;
    const bytes = this.#scratch().rows + capacity * 4;
    const pages = Math.ceil(bytes / PAGE) - this.#memory.buffer.byteLength / PAGE;
    if (pages > 0) this.#memory.grow(pages);
    const chunkIds = new Float64Array(capacity);
    chunkIds.set(this.#chunkIds.subarray(0, this.#count));
    this.#chunkIds = chunkIds;
  }

  /**
   * The ids of the `candidates` chunks of `collections` nearest to `query` by Hamming distance over the sign
   * bits (ties at the cut-off are broken by position).
   */
  nearest(query: Float32Array, candidates: number, collections: ReadonlySet<string>): number[] {
    if (this.#count === 0 || candidates <= 0) return [];
    const queryBits = signBits([query], this.dimensions);
    new Uint8Array(this.#memory.buffer, 0, queryBits.byteLength).set(queryBits);
    const { distances, counts, rows } = this.#scratch();
    this.#scan.hamming(0, this.#base, this.#count, distances);
    this.#scans++;
    const ranges = this.#ranges(collections);
    // A histogram of distances gives the cut-off; a second pass collects the rows within it, both in WebAssembly.
    const histogram = new Uint32Array(this.#memory.buffer, counts, this.#bins);
    histogram.fill(0);
    for (const [start, end] of ranges) this.#scan.histogram(distances, start, end, counts);
    let cutoff = 0;
    let within = 0;
    for (; cutoff < histogram.length; cutoff++) {
      within += histogram[cutoff]!;
      if (within >= candidates) break;
    }
    let atCutoff = candidates - (within - (histogram[cutoff] ?? 0));
    const distance = new Uint16Array(this.#memory.buffer, distances, this.#count);
    const ids: number[] = [];
    for (const [start, end] of ranges) {
      const found = this.#scan.collect(distances, start, end, cutoff, rows);
      for (const row of new Uint32Array(this.#memory.buffer, rows, found)) {
        if (distance[row]! < cutoff || atCutoff-- > 0) ids.push(this.#chunkIds[row]!);
      }
    }
    return ids;
  }

  /** Where the scan's scratch lives, after the vectors: distances (u16), the histogram and collected rows (u32). */
  #scratch(): { distances: number; counts: number; rows: number } {
    const distances = this.#base + this.#capacity * this.#stride;
    const counts = Math.ceil((distances + this.#capacity * 2) / 4) * 4;
    return { distances, counts, rows: counts + this.#bins * 4 };
  }

  /**
   * Runs one scan over every vector with a blank query and drops its result: the first scan of a process pays
   * for the WebAssembly tier-up and the scratch memory's first touch (~50 ms at 1M, against ~17 for the next),
   * so a loader calls this once it is done, before a person's first search.
   */
  warm(): void {
    this.nearest(new Float32Array(this.dimensions), 1, new Set(this.#segmentCollections));
  }

  /** Scans run so far (diagnostics and tests). */
  get scans(): number {
    return this.#scans;
  }

  /** Row ranges [start, end) of the segments of `collections`, adjacent ones merged. */
  #ranges(collections: ReadonlySet<string>): Array<[number, number]> {
    const ranges: Array<[number, number]> = [];
    this.#segmentCollections.forEach((collection, segment) => {
      if (!collections.has(collection)) return;
      const start = this.#segmentStarts[segment]!;
      const end = this.#segmentStarts[segment + 1] ?? this.#count;
      const last = ranges[ranges.length - 1];
      if (last && last[1] === start) last[1] = end;
      else ranges.push([start, end]);
    });
    return ranges;
  }
}
