/**
 * The WebAssembly module behind the bit index's scan, generated for one vector width (no toolchain needed).
 *
 * `hamming(query, base, count, out)`: for each of `count` vectors of `words` 64-bit words starting at byte
 * `base`, writes popcount(vector XOR query) as a u16 at `out + 2·i`. The module exports its memory. In the
 * text format, for `words` = 2:
 *
 *   (func (param $q i32) (param $base i32) (param $count i32) (param $out i32)
 *     (local $i i32) (local $p i32) (local $q0 i64) (local $q1 i64)
 *     (local.set $q0 (i64.load offset=0 (local.get $q))) (local.set $q1 (i64.load offset=8 (local.get $q)))
 *     (local.set $p (local.get $base))
 *     (block (loop
 *       (br_if 1 (i32.ge_u (local.get $i) (local.get $count)))
 *       (i32.store16 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 1)))
 *         (i32.wrap_i64 (i64.add
 *           (i64.popcnt (i64.xor (i64.load offset=0 (local.get $p)) (local.get $q0)))
 *           (i64.popcnt (i64.xor (i64.load offset=8 (local.get $p)) (local.get $q1))))))
 *       (local.set $p (i32.add (local.get $p) (i32.const 16)))
 *       (local.set $i (i32.add (local.get $i) (i32.const 1)))
 *       (br 0))))
 *
 * The query's words live in locals and each vector's words are read at constant offsets, unrolled: at 1M
 * 768-d vectors this scans in ~5 ms where a loop over the words took ~10 (figures in docs/memory.md).
 */

const I32 = 0x7f;
const I64 = 0x7e;
const op = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  i32Load: 0x28,
  i64Load: 0x29,
  i32Load16U: 0x2f,
  i32Store: 0x36,
  i32Store16: 0x3b,
  if: 0x04,
  i32LeU: 0x4d,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Shl: 0x74,
  i64Popcnt: 0x7b,
  i64Add: 0x7c,
  i64Xor: 0x85,
  i32WrapI64: 0xa7,
  void: 0x40,
} as const;

/** Unsigned LEB128. */
function unsigned(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    const byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    bytes.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return bytes;
}

/** Signed LEB128 (non-negative values only are needed here). */
function signed(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  for (;;) {
    const byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    if (rest === 0 && (byte & 0x40) === 0) return [...bytes, byte];
    bytes.push(byte | 0x80);
  }
}

const ascii = (text: string): number[] => [...text].map((character) => character.charCodeAt(0));
const section = (id: number, content: number[]): number[] => [id, ...unsigned(content.length), ...content];
const name = (text: string): number[] => [...unsigned(text.length), ...ascii(text)];

/** The scan's function body for vectors of `words` 64-bit words. */
function scanBody(words: number): number[] {
  const [query, base, count, out, row, pointer] = [0, 1, 2, 3, 4, 5];
  const queryWord = (word: number) => 6 + word;
  // i64.load with 8-byte alignment (2^3) at a constant offset.
  const load = (offset: number) => [op.i64Load, 3, ...unsigned(offset)];
  const body: number[] = [];
  for (let word = 0; word < words; word++) {
    body.push(op.localGet, query, ...load(word * 8), op.localSet, queryWord(word));
  }
  body.push(op.localGet, base, op.localSet, pointer);
  body.push(op.block, op.void, op.loop, op.void);
  body.push(op.localGet, row, op.localGet, count, op.i32GeU, op.brIf, 1);
  body.push(op.localGet, out, op.localGet, row, op.i32Const, 1, op.i32Shl, op.i32Add);
  for (let word = 0; word < words; word++) {
    body.push(op.localGet, pointer, ...load(word * 8), op.localGet, queryWord(word), op.i64Xor, op.i64Popcnt);
    if (word > 0) body.push(op.i64Add);
  }
  // i32.store16 with 2-byte alignment (2^1), offset 0.
  body.push(op.i32WrapI64, op.i32Store16, 1, 0);
  body.push(op.localGet, pointer, op.i32Const, ...signed(words * 8), op.i32Add, op.localSet, pointer);
  body.push(op.localGet, row, op.i32Const, 1, op.i32Add, op.localSet, row);
  body.push(op.br, 0, op.end, op.end, op.end);
  // Locals: $i and $p (i32), then one i64 per query word.
  return [2, 2, I32, ...unsigned(words), I64, ...body];
}

/** The distance (u16) of row `row` (a local) in the distances at `out` (a local), left on the stack. */
const distanceOf = (out: number, row: number) => [
  ...[op.localGet, out, op.localGet, row, op.i32Const, 1, op.i32Shl, op.i32Add],
  ...[op.i32Load16U, 1, 0],
];

/**
 * `histogram(out, start, end, counts)`: for each row in [start, end), adds one to the u32 at
 * `counts + 4·distance`.
 */
function histogramBody(): number[] {
  const [out, , end, counts, row, slot] = [0, 1, 2, 3, 4, 5];
  return [
    ...[1, 2, I32], // locals $row $slot
    ...[op.localGet, 1, op.localSet, row],
    ...[op.block, op.void, op.loop, op.void],
    ...[op.localGet, row, op.localGet, end, op.i32GeU, op.brIf, 1],
    ...[
      op.localGet,
      counts,
      ...distanceOf(out, row),
      op.i32Const,
      2,
      op.i32Shl,
      op.i32Add,
      op.localSet,
      slot,
    ],
    ...[op.localGet, slot, op.localGet, slot, op.i32Load, 2, 0, op.i32Const, 1, op.i32Add, op.i32Store, 2, 0],
    ...[op.localGet, row, op.i32Const, 1, op.i32Add, op.localSet, row],
    ...[op.br, 0, op.end, op.end, op.end],
  ];
}

/**
 * `collect(out, start, end, cutoff, rows) → n`: writes, in order, the index (u32) of each row in
 * [start, end) whose distance is at most `cutoff` at `rows`, and returns how many.
 */
function collectBody(): number[] {
  const [out, , end, cutoff, rows, row, found] = [0, 1, 2, 3, 4, 5, 6];
  return [
    ...[1, 2, I32], // locals $row $found
    ...[op.localGet, 1, op.localSet, row],
    ...[op.block, op.void, op.loop, op.void],
    ...[op.localGet, row, op.localGet, end, op.i32GeU, op.brIf, 1],
    ...[...distanceOf(out, row), op.localGet, cutoff, op.i32LeU, op.if, op.void],
    ...[op.localGet, rows, op.localGet, found, op.i32Const, 2, op.i32Shl, op.i32Add, op.localGet, row],
    ...[op.i32Store, 2, 0],
    ...[op.localGet, found, op.i32Const, 1, op.i32Add, op.localSet, found, op.end],
    ...[op.localGet, row, op.i32Const, 1, op.i32Add, op.localSet, row],
    ...[op.br, 0, op.end, op.end, op.localGet, found, op.end],
  ];
}

const withSize = (body: number[]): number[] => [...unsigned(body.length), ...body];

/** The module's bytes for vectors of `words` 64-bit words (at least 1). */
export function hammingModule(words: number): Uint8Array {
  if (!Number.isInteger(words) || words < 1) throw new Error(`hamming module: ${words} words`);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    // type 0: (i32 ×4) → (); type 1: (i32 ×5) → i32
    ...section(1, [2, 0x60, 4, I32, I32, I32, I32, 0, 0x60, 5, I32, I32, I32, I32, I32, 1, I32]),
    ...section(3, [3, 0, 0, 1]), // hamming, histogram: type 0; collect: type 1
    ...section(5, [1, 0, 1]), // one memory, 1 page to start
    ...section(7, [
      4,
      ...[...name("memory"), 2, 0],
      ...[...name("hamming"), 0, 0],
      ...[...name("histogram"), 0, 1],
      ...[...name("collect"), 0, 2],
    ]),
    ...section(10, [
      3,
      ...withSize(scanBody(words)),
      ...withSize(histogramBody()),
      ...withSize(collectBody()),
    ]),
  ]);
}
