/**
 * Issue 20, item 4: what `agente ingest` says about the files a newcomer names first. An empty file is said
 * to be empty, a broken PDF prints no pdf.js warning, a missing path among others is named while the rest
 * is ingested, a binary named directly says why it was skipped and exits 1, a raised AGENTE_MAX_FILE_BYTES
 * is not undone by the expansion limit, and a store on USE-lite says in `memory stats` how to move it.
 * In process, through a commander program wired like main.ts (the process boundary is not the point).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { registerIngestCommand } from "../../src/cli/commands/ingest.js";
import { registerMemoryCommand } from "../../src/cli/commands/memory.js";
import { ingest } from "../../src/memory/ingest.js";
import { inputLimitsFromEnv } from "../../src/memory/input-limits.js";
import { Memory } from "../../src/memory/memory.js";
import { SqliteStore } from "../../src/memory/sqlite-store.js";

const MIB = 1024 * 1024;

describe("agente ingest on a newcomer's files", () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "agente-ingest-contact-"));
    writeFileSync(join(folder, "vacio.txt"), "");
    writeFileSync(join(folder, "notas.txt"), "El garaje está en el sótano.\n");
    writeFileSync(join(folder, "roto.pdf"), "%PDF-1.4\nnot really a PDF\n");
    writeFileSync(join(folder, "datos.bin"), Buffer.from([0, 1, 2, 3, 255, 254]));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  /** A config whose memory server entry points at a store of its own. */
  function config(name: string, env: Record<string, string>): string {
    const file = join(folder, `${name}.json`);
    const memoryEnv = { AGENTE_MEMORY_PATH: join(folder, `${name}.db`), ...env };
    writeFileSync(
      file,
      JSON.stringify({ mcpServers: { memory: { command: "node", args: ["unused.js"], env: memoryEnv } } }),
    );
    return file;
  }

  async function agente(
    configFile: string,
    ...args: string[]
  ): Promise<{ out: string; err: string; code: number | undefined }> {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void out.push(parts.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void err.push(parts.join(" ")));
    vi.spyOn(console, "warn").mockImplementation((...parts: unknown[]) => void err.push(parts.join(" ")));
    const program = new Command("agente")
      .option("-c, --config <file>")
      .option("--lang <language>")
      .option("-v, --verbose", "", false)
      .option("--debug", "", false)
      .exitOverride();
    registerIngestCommand(program);
    registerMemoryCommand(program);
    process.exitCode = undefined;
    await program.parseAsync(["node", "agente", "--config", configFile, ...args]);
    vi.restoreAllMocks();
    const code = process.exitCode === undefined ? undefined : Number(process.exitCode);
    process.exitCode = undefined;
    return { out: out.join("\n"), err: err.join("\n"), code };
  }

  it("says an empty file is empty, in English and in Spanish", async () => {
    const english = await agente(
      config("empty-en", { AGENTE_EMBEDDER: "none" }),
      "ingest",
      join(folder, "vacio.txt"),
    );
    expect(english.out).toContain(
      `ingested into "default": 1 added, 0 updated, 0 unchanged, 0 skipped (0 binary, 0 ignored), 1 empty;`,
    );
    expect(english.out).toContain(`  empty: ${join(folder, "vacio.txt")}: no text in it, nothing to search`);
    const spanish = await agente(
      config("empty-es", { AGENTE_EMBEDDER: "none" }),
      "--lang",
      "es",
      "ingest",
      join(folder, "vacio.txt"),
    );
    expect(spanish.out).toContain("1 vacíos;");
    expect(spanish.out).toContain(
      `  vacío: ${join(folder, "vacio.txt")}: no contiene texto, no hay nada que buscar`,
    );
  });

  it("prints no pdf.js warning for a broken PDF, only its failure", async () => {
    const result = await agente(
      config("pdf", { AGENTE_EMBEDDER: "none" }),
      "ingest",
      join(folder, "roto.pdf"),
    );
    expect(result.out).not.toContain("Warning");
    expect(result.err).not.toContain("Warning");
    expect(result.err).toContain(`  failed: ${join(folder, "roto.pdf")}: Invalid PDF structure.`);
    expect(result.code).toBe(1);
  });

  it("ingests the paths that exist, names the missing one, and exits 1", async () => {
    const result = await agente(
      config("missing", { AGENTE_EMBEDDER: "none" }),
      "ingest",
      join(folder, "notas.txt"),
      join(folder, "no-existe.txt"),
    );
    expect(result.out).toContain(
      `ingested into "default": 1 added, 0 updated, 0 unchanged, 0 skipped (0 binary, 0 ignored), 1 missing;`,
    );
    expect(result.err).toContain(
      `  missing: ${join(folder, "no-existe.txt")} does not exist: check the path`,
    );
    expect(result.code).toBe(1);
  });

  it("still refuses with one error when every path named is missing", async () => {
    await expect(
      agente(config("all-missing", { AGENTE_EMBEDDER: "none" }), "ingest", join(folder, "nada.txt")),
    ).rejects.toThrow(`${join(folder, "nada.txt")} does not exist`);
  });

  it("says why a binary named directly was skipped and exits 1, in both languages", async () => {
    const english = await agente(
      config("binary-en", { AGENTE_EMBEDDER: "none" }),
      "ingest",
      join(folder, "datos.bin"),
    );
    expect(english.out).toContain(
      `  skipped: ${join(folder, "datos.bin")}: binary by its name (.bin), not read`,
    );
    expect(english.err).toContain("nothing was ingested: every file named was skipped, missing or failed");
    expect(english.code).toBe(1);
    const spanish = await agente(
      config("binary-es", { AGENTE_EMBEDDER: "none" }),
      "--lang",
      "es",
      "ingest",
      join(folder, "datos.bin"),
    );
    expect(spanish.out).toContain(
      `  omitido: ${join(folder, "datos.bin")}: binario por su nombre (.bin), no se lee`,
    );
    expect(spanish.err).toContain("no se guardó nada");
    expect(spanish.code).toBe(1);
  });

  it("says in memory stats how to move a store built on USE-lite to the multilingual model", async () => {
    // Built with USE-lite (as an offline first ingest falls back to), then opened as the store decides.
    const path = { AGENTE_MEMORY_PATH: join(folder, "offline.db") };
    const built = await agente(
      config("offline-build", { ...path, AGENTE_EMBEDDER: "offline" }),
      "ingest",
      join(folder, "notas.txt"),
    );
    expect(built.code).toBeUndefined();
    const stats = await agente(config("offline-stats", path), "memory", "stats");
    expect(stats.out).toContain("  default: 1 documents, 1 passages (offline:use-lite, 512-d)");
    expect(stats.err).toBe(
      "! default: indexed with USE-lite (offline:use-lite), which understands English only. Once the multilingual model multilingual-e5-small-Q8_0 can be downloaded: `AGENTE_EMBEDDER=gguf agente memory reindex --full --collection default`",
    );
    const chosen = await agente(
      config("offline-chosen", { ...path, AGENTE_EMBEDDER: "offline" }),
      "memory",
      "stats",
    );
    expect(chosen.err).toBe("");
  }, 60_000);
});

describe("a raised AGENTE_MAX_FILE_BYTES", () => {
  it("raises what a file may expand to when AGENTE_MAX_EXTRACTED_BYTES is not set", () => {
    expect(inputLimitsFromEnv({ AGENTE_MAX_FILE_BYTES: String(256 * MIB) })).toEqual({
      maxFileBytes: 256 * MIB,
      maxExtractedBytes: 256 * MIB,
    });
    expect(
      inputLimitsFromEnv({
        AGENTE_MAX_FILE_BYTES: String(256 * MIB),
        AGENTE_MAX_EXTRACTED_BYTES: String(MIB),
      }),
    ).toEqual({ maxFileBytes: 256 * MIB, maxExtractedBytes: MIB });
    expect(inputLimitsFromEnv({})).toEqual({ maxFileBytes: 64 * MIB, maxExtractedBytes: 64 * MIB });
  });

  it("ingests a text file the file limit allows, whatever the expansion limit", async () => {
    const folder = mkdtempSync(join(tmpdir(), "agente-ingest-large-"));
    const memory = new Memory({
      store: new SqliteStore({ path: join(folder, "memory.db") }),
      embedder: undefined,
    });
    try {
      // A text file cannot expand: it gives at most as much text as it has bytes.
      const line = "La factura 2026-001 de Muñoz está pagada.\n";
      writeFileSync(join(folder, "grande.txt"), line.repeat(Math.ceil((1.5 * MIB) / line.length)));
      const report = await ingest(memory, {
        paths: ["grande.txt"],
        collection: "default",
        roots: [folder],
        cwd: folder,
        limits: { maxFileBytes: 2 * MIB, maxExtractedBytes: MIB },
      });
      expect(report.failed).toEqual([]);
      expect(report.added).toBe(1);
    } finally {
      await memory.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
