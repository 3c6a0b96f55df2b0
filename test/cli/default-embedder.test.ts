/**
 * The memory's default embedder through the CLI, with AGENTE_EMBEDDER unset: `agente ingest` on a new store
 * downloads the GGUF embedding model on first use (here the tiny GGUF from a loopback server that
 * AGENTE_EMBEDDER_URL names, never the internet) and builds the store with it; when the model cannot be had,
 * one line says so and the store is built with USE-lite. `agente memory stats` shows what the store keeps.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TINY_GGUF } from "../support/fixture-files.js";
import { closedPort, type ModelFileServer, startModelFileServer } from "../support/model-file-server.js";
import { runCli } from "../support/run-cli.js";

let folder: string | undefined;
let server: ModelFileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

/** A workspace with one document and no config file: the built-in memory server's settings apply. */
async function workspace(embedderUrl: string) {
  folder = await mkdtemp(join(tmpdir(), "agente-default-embedder-"));
  const docs = join(folder, "docs");
  await mkdir(docs);
  await writeFile(join(docs, "horario.txt"), "El horario de atención es de 9 a 14, de lunes a viernes.\n");
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: folder,
    XDG_CONFIG_HOME: join(folder, ".config"),
    XDG_DATA_HOME: join(folder, ".local/share"),
    XDG_CACHE_HOME: join(folder, ".cache"),
    AGENTE_MEMORY_PATH: join(folder, "memory.db"),
    AGENTE_EMBEDDER_URL: embedderUrl,
    LANG: "en_US.UTF-8",
  };
  const cwd = folder;
  const stats = async () => {
    const run = await runCli(["memory", "stats", "--json"], { cwd, env });
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as {
      embedder: string;
      collections: Array<{ embedder?: { name: string } }>;
    };
  };
  return { folder, env, stats, ingest: () => runCli(["ingest", "docs"], { cwd, env }) };
}

describe("the default embedder of a new store, through the CLI", () => {
  it("downloads the GGUF model once and builds the store with it", async () => {
    server = await startModelFileServer({ file: TINY_GGUF, path: "/mirror/tiny-e5.gguf" });
    const space = await workspace(server.url);
    const ingested = await space.ingest();
    expect(ingested.code, ingested.stderr).toBe(0);
    expect(ingested.stdout).toMatch(/1 added/);
    expect(ingested.stderr).not.toContain("USE-lite");
    expect(server.downloads()).toBe(1);
    expect(existsSync(join(space.folder, ".cache", "agente", "models", "tiny-e5.gguf"))).toBe(true);
    const stats = await space.stats();
    expect(stats.embedder).toBe("gguf:tiny-e5");
    expect(stats.collections.map((collection) => collection.embedder?.name)).toEqual(["gguf:tiny-e5"]);
    expect(server.downloads()).toBe(1);
  }, 60_000);

  it("falls back to USE-lite with one line when the model cannot be downloaded, and the store keeps it", async () => {
    const space = await workspace(`http://127.0.0.1:${await closedPort()}/multilingual-e5-small-Q8_0.gguf`);
    const ingested = await space.ingest();
    expect(ingested.code, ingested.stderr).toBe(0);
    const fallbackLines = ingested.stderr
      .split("\n")
      .filter((line) => line.startsWith("! memory: the multilingual embedding model"));
    expect(fallbackLines).toHaveLength(1);
    expect(fallbackLines[0]).toContain(
      "using USE-lite (English only, no download) instead, which a store built now keeps",
    );
    const stats = await space.stats();
    expect(stats.collections.map((collection) => collection.embedder?.name)).toEqual(["offline:use-lite"]);
    expect(stats.embedder).toBe("offline:use-lite");
  }, 60_000);
});
