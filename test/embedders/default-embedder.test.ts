/**
 * A new store's default embedder: the multilingual GGUF model, downloaded on first use (here the tiny GGUF
 * from a loopback file server named by AGENTE_EMBEDDER_URL), and USE-lite with one line on stderr when the
 * model cannot be had. The store records whichever was used and keeps it. No test here reaches the network.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FallbackEmbedder } from "../../src/embedders/fallback-embedder.js";
import { GgufEmbedder } from "../../src/embedders/gguf-embedder.js";
import { OfflineEmbedder } from "../../src/embedders/offline-embedder.js";
import type { Memory } from "../../src/memory/memory.js";
import { memorySettings, openMemory } from "../../src/memory/open-memory.js";
import { SystemError } from "../../src/util/errors.js";
import { TINY_GGUF } from "../support/fixture-files.js";
import { closedPort, type ModelFileServer, startModelFileServer } from "../support/model-file-server.js";

let folder: string | undefined;
let server: ModelFileServer | undefined;
let memory: Memory | undefined;
afterEach(async () => {
  await memory?.close();
  memory = undefined;
  await server?.close();
  server = undefined;
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

function unavailable(error: unknown): GgufEmbedder {
  return new GgufEmbedder({
    label: "multilingual-e5-small-Q8_0",
    resolveFile: async () => {
      throw error;
    },
  });
}

describe("FallbackEmbedder", () => {
  it("falls back once, says why, and then names the embedder it uses", async () => {
    const lines: string[] = [];
    const embedder = new FallbackEmbedder({
      preferred: unavailable(new SystemError("cannot download multilingual-e5-small-Q8_0.gguf: offline")),
      fallback: new OfflineEmbedder(),
      onFallback: (reason) => lines.push(reason),
    });
    expect(embedder.name).toBe("gguf:multilingual-e5-small-Q8_0");
    const [first, second] = await Promise.all([embedder.identity(), embedder.identity()]);
    expect(first).toEqual({ name: "offline:use-lite", dimensions: 512 });
    expect(second).toEqual(first);
    expect(embedder.name).toBe("offline:use-lite");
    expect(lines).toEqual(["cannot download multilingual-e5-small-Q8_0.gguf: offline"]);
  });

  it("does not hide a bug behind the fallback", async () => {
    const lines: string[] = [];
    const embedder = new FallbackEmbedder({
      preferred: unavailable(new TypeError("x is not a function")),
      fallback: new OfflineEmbedder(),
      onFallback: (reason) => lines.push(reason),
    });
    await expect(embedder.identity()).rejects.toThrow(TypeError);
    expect(lines).toEqual([]);
  });
});

describe("openMemory on a new store without AGENTE_EMBEDDER", () => {
  function settingsFor(url: string) {
    folder ??= mkdtempSync(join(tmpdir(), "agente-default-embedder-"));
    return memorySettings(
      [
        {
          AGENTE_MEMORY_PATH: join(folder, "memory.db"),
          XDG_CACHE_HOME: join(folder, "cache"),
          AGENTE_EMBEDDER_URL: url,
          LANG: "en_US.UTF-8",
        },
      ],
      folder,
    );
  }

  it("downloads the GGUF model on first use, builds the store with it, and keeps it", async () => {
    server = await startModelFileServer({ file: TINY_GGUF, path: "/mirror/tiny-e5.gguf" });
    const settings = settingsFor(server.url);
    const lines: string[] = [];
    memory = await openMemory(settings, { warn: (line) => lines.push(line) });
    // A search of the empty store (the context lookup before a first question) downloads nothing.
    expect(await memory.search("horario", { k: 3 })).toEqual([]);
    expect(server.requests).toEqual([]);
    await memory.remember("El horario de atención es de 9 a 14.");
    expect(server.downloads()).toBe(1);
    expect((await memory.stats()).collections.map((collection) => collection.embedder)).toEqual([
      { name: "gguf:tiny-e5", dimensions: 8 },
    ]);
    await memory.close();
    await server.close();
    server = undefined;

    // Reopened with the mirror gone: the store keeps its embedder, the cached file serves it.
    memory = await openMemory(settingsFor(`http://127.0.0.1:${await closedPort()}/tiny-e5.gguf`), {
      warn: (line) => lines.push(line),
    });
    expect(memory.embedder?.name).toBe("gguf:tiny-e5");
    const passages = await memory.search("horario", { k: 1 });
    expect(passages.map((passage) => passage.text)).toEqual(["El horario de atención es de 9 a 14."]);
    expect(lines).toEqual([]);
  }, 60_000);

  it("falls back to USE-lite with one line when the model cannot be downloaded; the store keeps USE-lite", async () => {
    const port = await closedPort();
    const lines: string[] = [];
    memory = await openMemory(settingsFor(`http://127.0.0.1:${port}/multilingual-e5-small-Q8_0.gguf`), {
      warn: (line) => lines.push(line),
    });
    await memory.remember("Opening hours are 9 to 14.");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^! memory: the multilingual embedding model multilingual-e5-small-Q8_0 is not available \\(cannot download multilingual-e5-small-Q8_0\\.gguf: http://127\\.0\\.0\\.1:${port}/multilingual-e5-small-Q8_0\\.gguf is not reachable \\(.+\\)\\); using USE-lite \\(English only, no download\\) instead, which a store built now keeps\\. To move to multilingual-e5-small-Q8_0 once it can be downloaded \\(AGENTE_EMBEDDER_URL may name a mirror\\): \`AGENTE_EMBEDDER=gguf agente memory reindex --full\`; AGENTE_EMBEDDER=offline skips this attempt$`,
      ),
    );
    expect((await memory.stats()).collections.map((collection) => collection.embedder)).toEqual([
      { name: "offline:use-lite", dimensions: 512 },
    ]);
    await memory.close();

    // The model can be had now, but an existing store keeps the embedder it was built with.
    server = await startModelFileServer({ file: TINY_GGUF, path: "/mirror/tiny-e5.gguf" });
    memory = await openMemory(settingsFor(server.url), { warn: (line) => lines.push(line) });
    expect(memory.embedder?.name).toBe("offline:use-lite");
    await memory.search("opening hours", { k: 1 });
    expect(server.requests).toEqual([]);
    expect(lines).toHaveLength(1);
  }, 60_000);
});
