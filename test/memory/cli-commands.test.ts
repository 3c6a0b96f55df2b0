/**
 * `agente ingest` and `agente memory …` through a commander program wired like main.ts, on a temp store
 * chosen by the config file's `memory` server entry.
 */
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { formatProgress, progressPrinter, registerIngestCommand } from "../../src/cli/commands/ingest.js";
import { registerMemoryCommand } from "../../src/cli/commands/memory.js";

const corpus = join(import.meta.dirname, "../fixtures/memory/corpus");

describe("agente ingest / agente memory", () => {
  let folder: string;
  let docs: string;
  let config: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "agente-cli-memory-"));
    docs = join(folder, "docs");
    cpSync(corpus, docs, { recursive: true });
    config = join(folder, "agente.json");
    const env = { AGENTE_MEMORY_PATH: join(folder, "store", "memory.db"), AGENTE_EMBEDDER: "none" };
    writeFileSync(
      config,
      JSON.stringify({ mcpServers: { memory: { command: "node", args: ["unused.js"], env } } }),
    );
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  async function agente(...args: string[]): Promise<{ out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void out.push(parts.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void err.push(parts.join(" ")));
    const program = new Command("agente")
      .option("-c, --config <file>")
      .option("-v, --verbose", "", false)
      .option("--debug", "", false)
      .exitOverride();
    registerIngestCommand(program);
    registerMemoryCommand(program);
    await program.parseAsync(["node", "agente", "--config", config, ...args]);
    vi.restoreAllMocks();
    return { out: out.join("\n"), err: err.join("\n") };
  }

  it("ingests, reports counts, and is idempotent", async () => {
    const first = await agente("ingest", docs);
    expect(first.out).toMatch(
      /ingested into "default": 8 added, 0 updated, 0 unchanged, 2 skipped \(2 binary, 0 ignored\)/,
    );
    expect(first.err).toMatch(/lexical only/);
    const second = await agente("ingest", docs, "--json");
    expect(JSON.parse(second.out)).toMatchObject({ added: 0, unchanged: 8 });
  });

  it("shows stats, lists and searches", async () => {
    const stats = await agente("memory", "stats", "--json");
    expect(JSON.parse(stats.out)).toMatchObject({
      documentCount: 8,
      embedder: null,
      location: `sqlite:${join(folder, "store", "memory.db")}`,
    });
    const listed = await agente("memory", "list", "--source", join(docs, "sub"));
    expect(listed.out).toContain(join(docs, "sub", "facturas.txt"));
    expect(listed.out.split("\n")).toHaveLength(1);
    const found = await agente("memory", "search", "underground", "garage", "-k", "1");
    expect(found.out).toContain("parking.docx");
  });

  it("forgets by source and prunes deleted files", async () => {
    const forgotten = await agente("memory", "forget", join(docs, "clientes.csv"));
    expect(forgotten.out).toMatch(/^forgot [0-9a-f-]{36} {2}.*clientes\.csv$/);
    const nothing = await agente("memory", "forget", "/no/such/source");
    expect(nothing.err).toContain("nothing matches /no/such/source");
    unlinkSync(join(docs, "notes.txt"));
    const pruned = await agente("ingest", docs, "--prune", "--json");
    expect(JSON.parse(pruned.out)).toMatchObject({ added: 1, pruned: 1 });
  });

  it("refuses re-indexing without an embedder, with a hint", async () => {
    await expect(agente("memory", "reindex")).rejects.toMatchObject({
      hint: expect.stringMatching(/AGENTE_EMBEDDER/),
    });
  });
});

describe("ingest progress line", () => {
  it("shows files, passages, rate and the current file, cut to the terminal width", () => {
    const line = formatProgress(
      {
        filesDone: 5,
        filesTotal: 10,
        chunks: 120,
        current: "/home/user/docs/a-very-long-file-name.pdf",
        elapsedMs: 2000,
      },
      80,
    );
    expect(line).toMatch(/^\[#{12}\.{12}\] 5\/10 files {2}120 passages {2}60\/s {2}…/);
    expect(line.length).toBeLessThanOrEqual(80);
  });

  it("draws nothing when stderr is not a terminal, and clears its line when done", () => {
    const written: string[] = [];
    const output = { clearLine: () => written.push("(clear)"), write: (text: string) => written.push(text) };
    const quiet = progressPrinter(false, output);
    quiet.update({ filesDone: 1, filesTotal: 1, chunks: 1, current: "/a", elapsedMs: 1 });
    quiet.done();
    expect(written).toEqual([]);
    const bar = progressPrinter(true, output);
    bar.update({ filesDone: 1, filesTotal: 1, chunks: 1, current: "/a", elapsedMs: 1 });
    bar.done();
    expect(written).toHaveLength(3);
    expect(written[0]).toBe("(clear)");
    expect(written[2]).toBe("(clear)");
  });
});
