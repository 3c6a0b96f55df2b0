/**
 * The in-memory bit index of the SQLite store: the sign bits of every chunk vector of one dimension,
 * contiguous in WebAssembly memory, scanned by Hamming distance with the CPU's popcount.
 *
 * It is a cache: the store rebuilds it from its `chunk_bits` table (one row per document) when it opens or
 * when another writer deleted rows, and appends new rows otherwise. A scan of 1M 768-d vectors (96 MB)
 * takes ~10 ms on one core, against ~75 ms for sqlite-vec's `vec0` bit scan with 40 candidates, whose top-k
 * selection costs O(rows × k).
 */

/**
 * `hamming(query, base, count, words, out)`: for each of `count` vectors of `words` 64-bit words starting at
 * byte `base`, writes popcount(vector XOR query) as a u16 at `out + 2·i`. The module exports its memory.
 * Hand-assembled from this text format (no toolchain needed):
 *
 *   (func (param $q i32) (param $base i32) (param $count i32) (param $words i32) (param $out i32)
 *     (local $i i32) (local $w i32) (local $p i32) (local $acc i64)
 *     (local.set $p (local.get $base))
 *     (block (loop
 *       (br_if 1 (i32.ge_u (local.get $i) (local.get $count)))
 *       (local.set $acc (i64.const 0)) (local.set $w (i32.const 0))
 *       (block (loop
 *         (br_if 1 (i32.ge_u (local.get $w) (local.get $words)))
 *         (local.set $acc (i64.add (local.get $acc) (i64.popcnt (i64.xor
 *           (i64.load (local.get $p)) (i64.load (i32.add (local.get $q) (i32.shl (local.get $w) (i32.const 3))))))))
 *         (local.set $p (i32.add (local.get $p) (i32.const 8)))
 *         (local.set $w (i32.add (local.get $w) (i32.const 1))) (br 0)))
 *       (i32.store16 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 1))) (i32.wrap_i64 (local.get $acc)))
 *       (local.set $i (i32.add (local.get $i) (i32.const 1))) (br 0))))
 */
const HAMMING_BODY = [
  2, 3, 0x7f, 1, 0x7e, 0x20, 1, 0x21, 7, 0x02, 0x40, 0x03, 0x40, 0x20, 5, 0x20, 2, 0x4f, 0x0d, 1, 0x42, 0,
  0x21, 8, 0x41, 0, 0x21, 6, 0x02, 0x40, 0x03, 0x40, 0x20, 6, 0x20, 3, 0x4f, 0x0d, 1, 0x20, 8, 0x20, 7, 0x29,
  3, 0, 0x20, 0, 0x20, 6, 0x41, 3, 0x74, 0x6a, 0x29, 3, 0, 0x85, 0x7b, 0x7c, 0x21, 8, 0x20, 7, 0x41, 8, 0x6a,
  0x21, 7, 0x20, 6, 0x41, 1, 0x6a, 0x21, 6, 0x0c, 0, 0x0b, 0x0b, 0x20, 4, 0x20, 5, 0x41, 1, 0x74, 0x6a, 0x20,
  8, 0xa7, 0x3b, 1, 0, 0x20, 5, 0x41, 1, 0x6a, 0x21, 5, 0x0c, 0, 0x0b, 0x0b, 0x0b,
];
const ascii = (text: string): number[] => [...text].map((character) => character.charCodeAt(0));
const HAMMING_MODULE = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
  ...[1, 9, 1, 0x60, 5, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0], // type: (i32 ×5) → ()
  ...[3, 2, 1, 0], // function 0 has type 0
  ...[5, 3, 1, 0, 1], // one memory, 1 page to start
  ...[7, 20, 2, 6, ...ascii("memory"), 2, 0, 7, ...ascii("hamming"), 0, 0],
  ...[10, HAMMING_BODY.length + 2, 1, HAMMING_BODY.length, ...HAMMING_BODY],
]);

/** The part of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

type HammingFunction = (query: number, base: number, count: number, words: number, out: number) => void;

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
  readonly #hamming: HammingFunction;
  /** Byte offset of the first vector: the query sits before it. */
  readonly #base: number;
  #capacity = 0;
  #count = 0;
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
    const instance = new wasm.Instance(new wasm.Module(HAMMING_MODULE), {});
    this.#memory = instance.exports.memory as WasmMemory;
    this.#hamming = instance.exports.hamming as HammingFunction;
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
    // Vectors, then one u16 distance per vector (scratch, rewritten by every scan).
    const bytes = this.#base + capacity * this.#stride + capacity * 2;
    const pages = Math.ceil(bytes / PAGE) - this.#memory.buffer.byteLength / PAGE;
    if (pages > 0) this.#memory.grow(pages);
    const chunkIds = new Float64Array(capacity);
    chunkIds.set(this.#chunkIds.subarray(0, this.#count));
    this.#chunkIds = chunkIds;
    this.#capacity = capacity;
  }

  /**
   * The ids of the `candidates` chunks of `collections` nearest to `query` by Hamming distance over the sign
   * bits (ties at the cut-off are broken by position).
   */
  nearest(query: Float32Array, candidates: number, collections: ReadonlySet<string>): number[] {
    if (this.#count === 0 || candidates <= 0) return [];
    const queryBits = signBits([query], this.dimensions);
    new Uint8Array(this.#memory.buffer, 0, queryBits.byteLength).set(queryBits);
    const out = this.#base + this.#capacity * this.#stride;
    this.#hamming(0, this.#base, this.#count, this.#words, out);
    const distances = new Uint16Array(this.#memory.buffer, out, this.#count);
    const ranges = this.#ranges(collections);
    // A histogram of distances gives the cut-off; a second pass collects the chunks within it.
    const histogram = new Uint32Array(this.#stride * 8 + 1);
    for (const [start, end] of ranges) for (let row = start; row < end; row++) histogram[distances[row]!]!++;
    let cutoff = 0;
    let within = 0;
    for (; cutoff < histogram.length; cutoff++) {
      within += histogram[cutoff]!;
      if (within >= candidates) break;
    }
    let atCutoff = candidates - (within - (histogram[cutoff] ?? 0));
    const ids: number[] = [];
    for (const [start, end] of ranges) {
      for (let row = start; row < end; row++) {
        const distance = distances[row]!;
        if (distance < cutoff || (distance === cutoff && atCutoff-- > 0)) ids.push(this.#chunkIds[row]!);
      }
    }
    return ids;
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
