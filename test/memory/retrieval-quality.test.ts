/**
 * Retrieval quality on a small hand-written question → passage set over a Spanish and English corpus, with
 * the real offline embedder: recall@3 for lexical, vector and hybrid search. Hybrid must not be worse than
 * either list alone.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OfflineEmbedder } from "../../src/embedders/offline-embedder.js";
import { ingest } from "../../src/memory/ingest.js";
import { Memory } from "../../src/memory/memory.js";
import type { SearchMode } from "../../src/memory/search.js";
import { SqliteStore } from "../../src/memory/sqlite-store.js";

const fixtures = join(import.meta.dirname, "../fixtures/memory");
const questions = JSON.parse(readFileSync(join(fixtures, "quality-questions.json"), "utf8")) as Array<{
  question: string;
  source: string;
  passage: string;
}>;

describe("retrieval quality (offline embedder)", () => {
  let folder: string;
  let memory: Memory;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "agente-quality-"));
    memory = new Memory({
      store: new SqliteStore({ path: join(folder, "memory.db") }),
      embedder: new OfflineEmbedder(),
    });
    // Small chunks: one paragraph (one fact) per passage, so recall measures finding the right passage.
    await ingest(memory, {
      paths: [join(fixtures, "quality")],
      collection: "default",
      roots: [fixtures],
      cwd: fixtures,
      chunking: { chunkSize: 320, chunkOverlap: 0 },
    });
  }, 120_000);
  afterAll(async () => {
    await memory?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function recallAt3(mode: SearchMode): Promise<number> {
    let found = 0;
    for (const { question, source, passage } of questions) {
      const passages = await memory.search(question, { k: 3, mode });
      if (passages.some((hit) => hit.source.endsWith(`/${source}`) && hit.text.includes(passage))) found++;
    }
    return found / questions.length;
  }

  it("finds the right passage in the top 3, hybrid at least as well as lexical or vector alone", async () => {
    const lexical = await recallAt3("lexical");
    const vector = await recallAt3("vector");
    const hybrid = await recallAt3("hybrid");
    console.log(
      `recall@3 over ${questions.length} questions: lexical ${lexical.toFixed(3)}, vector ${vector.toFixed(3)}, hybrid ${hybrid.toFixed(3)}`,
    );
    expect(hybrid).toBeGreaterThanOrEqual(Math.max(lexical, vector));
    expect(hybrid).toBeGreaterThanOrEqual(0.8);
  }, 120_000);
});
