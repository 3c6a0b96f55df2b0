/**
 * The gguf embedder for real on the repository's tiny random-weight GGUF: vectors of the model's width, unit
 * length, deterministic; and `AGENTE_EMBEDDER=gguf:<url>` downloads the model into the cache first.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEmbedder } from "../../src/embedders/create-embedder.js";
import { GgufEmbedder } from "../../src/embedders/gguf-embedder.js";
import { UserError } from "../../src/util/errors.js";
import { TINY_GGUF } from "../support/fixture-files.js";
import { type ModelFileServer, startModelFileServer } from "../support/model-file-server.js";

let embedder: { close(): Promise<void> } | undefined;
let server: ModelFileServer | undefined;
let folder: string | undefined;
afterEach(async () => {
  await embedder?.close();
  embedder = undefined;
  await server?.close();
  server = undefined;
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

describe("GgufEmbedder", () => {
  it("embeds with llama.cpp: the model's width, unit length, the same text the same vector", async () => {
    const gguf = createEmbedder({ AGENTE_EMBEDDER: `gguf:${TINY_GGUF}` });
    embedder = gguf;
    expect(gguf?.name).toBe("gguf:llama-2-tiny-random");
    expect(await gguf?.identity()).toEqual({ name: "gguf:llama-2-tiny-random", dimensions: 8 });
    const [first, second, again] =
      (await gguf?.embed(["horario de atención", "", "horario de atención"], "document")) ?? [];
    expect(first).toHaveLength(8);
    expect(norm(first ?? new Float32Array())).toBeCloseTo(1, 5);
    expect(second).toHaveLength(8);
    expect(Array.from(again ?? [])).toEqual(Array.from(first ?? []));
  });

  it("downloads the model named by gguf:<url> into the cache on first use", async () => {
    server = await startModelFileServer({ file: TINY_GGUF, path: "/embed/tiny-embed.gguf" });
    folder = mkdtempSync(join(tmpdir(), "agente-gguf-embed-"));
    const gguf = createEmbedder({ AGENTE_EMBEDDER: `gguf:${server.url}`, XDG_CACHE_HOME: folder });
    embedder = gguf;
    expect(gguf?.name).toBe("gguf:tiny-embed");
    expect((await gguf?.embed(["hola"], "query"))?.[0]).toHaveLength(8);
    expect(existsSync(join(folder, "agente", "models", "tiny-embed.gguf"))).toBe(true);
    expect(server.downloads()).toBe(1);
  });

  it("names a missing local file in one line", async () => {
    const missing = new GgufEmbedder({ label: "nada", resolveFile: async () => "/nonexistent/nada.gguf" });
    embedder = missing;
    await expect(missing.embed(["x"], "query")).rejects.toThrow(UserError);
    await expect(missing.embed(["x"], "query")).rejects.toThrow(
      "GGUF embedding model not found: /nonexistent/nada.gguf",
    );
  });
});
