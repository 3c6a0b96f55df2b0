import { describe, expect, it } from "vitest";
import { BitIndex, bitStride, decodeIds, idsBlob, signBits } from "../../src/memory/bit-index.js";

/** A seeded vector with values in [-1, 1). */
function vector(seed: number, dimensions: number): Float32Array {
  let state = seed * 2654435761;
  return Float32Array.from({ length: dimensions }, () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state / 2147483648 - 1;
  });
}

function hamming(left: Float32Array, right: Float32Array): number {
  let distance = 0;
  for (let index = 0; index < left.length; index++) if (left[index]! > 0 !== right[index]! > 0) distance++;
  return distance;
}

describe("BitIndex", () => {
  it("pads sign bits to whole 64-bit words and round-trips chunk ids", () => {
    expect(bitStride(768)).toBe(96);
    expect(bitStride(100)).toBe(16);
    expect([...signBits([Float32Array.from([1, -1, 0, 2, 0, 0, 0, 0, -3])], 9)]).toEqual([
      0b1001, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect([...decodeIds(idsBlob([1, 2 ** 40, 7]))]).toEqual([1, 2 ** 40, 7]);
  });

  it("returns exactly the candidates nearest by Hamming distance, as a plain scan would", () => {
    // One 64-bit word, the usual 12, a padded width, and 64 words (the scan is generated per width).
    for (const dimensions of [768, 100, 64, 4096]) {
      const index = new BitIndex(dimensions);
      const vectors = Array.from({ length: 3000 }, (_, row) => vector(row + 1, dimensions));
      // Rows arrive in segments of varied sizes, with ids unlike their positions; growth crosses capacity.
      for (let start = 0; start < vectors.length; start += 7 + (start % 13)) {
        const part = vectors.slice(start, start + 7 + (start % 13));
        const ids = part.map((_, offset) => 10 * (start + offset) + 5);
        index.append("default", Float64Array.from(ids), signBits(part, dimensions));
      }
      expect(index.size).toBe(3000);
      const query = vector(99_999, dimensions);
      const found = index.nearest(query, 25, new Set(["default"]));
      expect(found).toHaveLength(25);
      const distances = vectors.map((candidate) => hamming(candidate, query));
      const cutoff = [...distances].sort((left, right) => left - right)[24]!;
      for (const id of found) expect(distances[(id - 5) / 10]).toBeLessThanOrEqual(cutoff);
      const strictlyCloser = distances.filter((distance) => distance < cutoff).length;
      const foundStrictlyCloser = found.filter((id) => distances[(id - 5) / 10]! < cutoff).length;
      expect(foundStrictlyCloser).toBe(strictlyCloser);
    }
  });

  it("only returns chunks of the collections asked for, and forgets everything on clear", () => {
    const index = new BitIndex(64);
    const near = Float32Array.from({ length: 64 }, () => 1);
    const far = Float32Array.from({ length: 64 }, () => -1);
    index.append("a", Float64Array.from([1, 2]), signBits([near, far], 64));
    index.append("b", Float64Array.from([3]), signBits([near], 64));
    index.append("a", Float64Array.from([4]), signBits([near], 64));
    expect(index.nearest(near, 2, new Set(["a"])).sort()).toEqual([1, 4]);
    expect(index.nearest(near, 5, new Set(["b"]))).toEqual([3]);
    expect(index.nearest(near, 5, new Set(["c"]))).toEqual([]);
    expect(() => index.append("a", Float64Array.from([5]), new Uint8Array(3))).toThrow(
      /3 bytes for 1 vectors/,
    );
    // Ties at the cut-off go to the first rows by position, across the segments asked for.
    expect(index.nearest(near, 2, new Set(["a"]))).toEqual([1, 4]);
    expect(index.nearest(near, 2, new Set(["a", "b"]))).toEqual([1, 3]);
    index.clear();
    expect(index.size).toBe(0);
    expect(index.nearest(near, 5, new Set(["a", "b"]))).toEqual([]);
  });
});
