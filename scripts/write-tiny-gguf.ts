/**
 * Writes a tiny llama-architecture GGUF with random weights (fixed seed) and a byte-level vocabulary:
 * the kind of model tests need to exercise llama.cpp (loading, grammar-constrained decoding, embeddings)
 * without downloading anything. It generates gibberish; never judge quality with it.
 *
 *   npx tsx scripts/write-tiny-gguf.ts OUT.gguf [--seed 42] [--layers 2] [--width 64]
 *
 * The format is GGUF v3 (github.com/ggml-org/ggml, docs/gguf.md): header, metadata, tensor infos, then
 * 32-byte-aligned F32 tensor data.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

export interface TinyGgufOptions {
  seed: number;
  layers: number;
  /** Embedding width; a multiple of `heads`. */
  width: number;
  heads: number;
}

const ALIGNMENT = 32;
const TYPE = { UINT32: 4, INT32: 5, FLOAT32: 6, STRING: 8, ARRAY: 9 } as const;

type Value =
  | { type: "u32"; value: number }
  | { type: "f32"; value: number }
  | { type: "string"; value: string }
  | { type: "strings"; value: string[] }
  | { type: "f32s"; value: number[] }
  | { type: "i32s"; value: number[] };

class ByteWriter {
  private readonly chunks: Buffer[] = [];
  length = 0;

  push(buffer: Buffer): void {
    this.chunks.push(buffer);
    this.length += buffer.length;
  }

  u32(value: number): void {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32LE(value);
    this.push(buffer);
  }

  i32(value: number): void {
    const buffer = Buffer.alloc(4);
    buffer.writeInt32LE(value);
    this.push(buffer);
  }

  u64(value: number): void {
    const buffer = Buffer.alloc(8);
    buffer.writeBigUInt64LE(BigInt(value));
    this.push(buffer);
  }

  f32(value: number): void {
    const buffer = Buffer.alloc(4);
    buffer.writeFloatLE(value);
    this.push(buffer);
  }

  string(value: string): void {
    const bytes = Buffer.from(value, "utf8");
    this.u64(bytes.length);
    this.push(bytes);
  }

  padTo(alignment: number): void {
    const rest = this.length % alignment;
    if (rest !== 0) this.push(Buffer.alloc(alignment - rest));
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** mulberry32: a small seeded generator, so the same seed always gives the same file. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `<unk>`, `<s>`, `</s>`, the SentencePiece space `▁` (so spaces detokenize back to spaces), then one token
 * per byte: every text tokenizes, byte by byte.
 */
function vocabulary(): { tokens: string[]; types: number[] } {
  const tokens = ["<unk>", "<s>", "</s>", "\u2581"];
  const types = [2, 3, 3, 1]; // unknown, control, control, normal
  for (let byte = 0; byte < 256; byte++) {
    tokens.push(`<0x${byte.toString(16).toUpperCase().padStart(2, "0")}>`);
    types.push(6); // byte
  }
  return { tokens, types };
}

export function tinyGguf(options: TinyGgufOptions): Buffer {
  const { tokens, types } = vocabulary();
  const width = options.width;
  const feedForward = width * 2;
  const headDimension = width / options.heads;
  const metadata: Array<[string, Value]> = [
    ["general.architecture", { type: "string", value: "llama" }],
    ["general.name", { type: "string", value: "agente-tiny-random" }],
    ["general.alignment", { type: "u32", value: ALIGNMENT }],
    ["llama.context_length", { type: "u32", value: 4096 }],
    ["llama.embedding_length", { type: "u32", value: width }],
    ["llama.block_count", { type: "u32", value: options.layers }],
    ["llama.feed_forward_length", { type: "u32", value: feedForward }],
    ["llama.attention.head_count", { type: "u32", value: options.heads }],
    ["llama.attention.head_count_kv", { type: "u32", value: options.heads }],
    ["llama.rope.dimension_count", { type: "u32", value: headDimension }],
    ["llama.attention.layer_norm_rms_epsilon", { type: "f32", value: 1e-5 }],
    ["tokenizer.ggml.model", { type: "string", value: "llama" }],
    ["tokenizer.ggml.tokens", { type: "strings", value: tokens }],
    ["tokenizer.ggml.scores", { type: "f32s", value: tokens.map(() => 0) }],
    ["tokenizer.ggml.token_type", { type: "i32s", value: types }],
    ["tokenizer.ggml.unknown_token_id", { type: "u32", value: 0 }],
    ["tokenizer.ggml.bos_token_id", { type: "u32", value: 1 }],
    ["tokenizer.ggml.eos_token_id", { type: "u32", value: 2 }],
  ];
  // ggml dimensions: the first is the innermost (a row's length).
  const tensors: Array<{ name: string; dims: number[]; norm: boolean }> = [
    { name: "token_embd.weight", dims: [width, tokens.length], norm: false },
  ];
  for (let layer = 0; layer < options.layers; layer++) {
    const block = `blk.${layer}`;
    tensors.push(
      { name: `${block}.attn_norm.weight`, dims: [width], norm: true },
      { name: `${block}.attn_q.weight`, dims: [width, width], norm: false },
      { name: `${block}.attn_k.weight`, dims: [width, width], norm: false },
      { name: `${block}.attn_v.weight`, dims: [width, width], norm: false },
      { name: `${block}.attn_output.weight`, dims: [width, width], norm: false },
      { name: `${block}.ffn_norm.weight`, dims: [width], norm: true },
      { name: `${block}.ffn_gate.weight`, dims: [width, feedForward], norm: false },
      { name: `${block}.ffn_up.weight`, dims: [width, feedForward], norm: false },
      { name: `${block}.ffn_down.weight`, dims: [feedForward, width], norm: false },
    );
  }
  tensors.push(
    { name: "output_norm.weight", dims: [width], norm: true },
    { name: "output.weight", dims: [width, tokens.length], norm: false },
  );

  const out = new ByteWriter();
  out.push(Buffer.from("GGUF", "ascii"));
  out.u32(3);
  out.u64(tensors.length);
  out.u64(metadata.length);
  for (const [key, entry] of metadata) {
    out.string(key);
    writeValue(out, entry);
  }
  let offset = 0;
  const sizes = tensors.map((tensor) => tensor.dims.reduce((product, dim) => product * dim, 1) * 4);
  tensors.forEach((tensor, index) => {
    out.string(tensor.name);
    out.u32(tensor.dims.length);
    for (const dim of tensor.dims) out.u64(dim);
    out.u32(0); // F32
    out.u64(offset);
    offset += Math.ceil((sizes[index] ?? 0) / ALIGNMENT) * ALIGNMENT;
  });
  out.padTo(ALIGNMENT);
  const next = random(options.seed);
  tensors.forEach((tensor, index) => {
    const count = (sizes[index] ?? 0) / 4;
    const data = Buffer.alloc(Math.ceil((sizes[index] ?? 0) / ALIGNMENT) * ALIGNMENT);
    // Norm weights 1; other weights uniform in ±0.1, small enough that activations stay finite.
    for (let item = 0; item < count; item++)
      data.writeFloatLE(tensor.norm ? 1 : (next() - 0.5) * 0.2, item * 4);
    out.push(data);
  });
  return out.toBuffer();
}

function writeValue(out: ByteWriter, entry: Value): void {
  switch (entry.type) {
    case "u32":
      out.u32(TYPE.UINT32);
      out.u32(entry.value);
      return;
    case "f32":
      out.u32(TYPE.FLOAT32);
      out.f32(entry.value);
      return;
    case "string":
      out.u32(TYPE.STRING);
      out.string(entry.value);
      return;
    case "strings":
      out.u32(TYPE.ARRAY);
      out.u32(TYPE.STRING);
      out.u64(entry.value.length);
      for (const item of entry.value) out.string(item);
      return;
    case "f32s":
      out.u32(TYPE.ARRAY);
      out.u32(TYPE.FLOAT32);
      out.u64(entry.value.length);
      for (const item of entry.value) out.f32(item);
      return;
    case "i32s":
      out.u32(TYPE.ARRAY);
      out.u32(TYPE.INT32);
      out.u64(entry.value.length);
      for (const item of entry.value) out.i32(item);
      return;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seed: { type: "string", default: "42" },
      layers: { type: "string", default: "2" },
      width: { type: "string", default: "64" },
    },
  });
  const path = positionals[0];
  if (path === undefined) {
    process.stderr.write(
      "usage: npx tsx scripts/write-tiny-gguf.ts OUT.gguf [--seed 42] [--layers 2] [--width 64]\n",
    );
    process.exit(2);
  }
  const buffer = tinyGguf({
    seed: Number(values.seed),
    layers: Number(values.layers),
    width: Number(values.width),
    heads: 4,
  });
  writeFileSync(path, buffer);
  process.stderr.write(`wrote ${path} (${buffer.length} bytes)\n`);
}
