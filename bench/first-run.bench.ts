/**
 * Issue 10's figures, in one run: each embedder runnable here (USE-lite, and the repository's tiny GGUF run as
 * an embedding model by llama.cpp) on the Spanish + English retrieval set: passages/s while ingesting, and
 * recall@3 for vector and hybrid search, by language; and the embedded chat provider on the tiny model: load
 * time and tokens/s. The real default models cannot run here (no download); docs/models.md gives their
 * published figures, labelled as such.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Embedder } from "../src/embedders/embedder.js";
import { GgufEmbedder } from "../src/embedders/gguf-embedder.js";
import { OfflineEmbedder } from "../src/embedders/offline-embedder.js";
import { LlamaCppModel } from "../src/llm/llama-cpp-model.js";
import { ingest } from "../src/memory/ingest.js";
import { Memory } from "../src/memory/memory.js";
import type { SearchMode } from "../src/memory/search.js";
import { SqliteStore } from "../src/memory/sqlite-store.js";
import { type Bench, type BenchTable, sized } from "./table.js";

const TINY_GGUF = fileURLToPath(new URL("../test/fixtures/models/llama-2-tiny-random.gguf", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../test/fixtures/memory", import.meta.url));

interface Question {
  question: string;
  source: string;
  passage: string;
}

const questions = JSON.parse(readFileSync(join(FIXTURES, "quality-questions.json"), "utf8")) as Question[];
const PARAGRAPHS = readdirSync(join(FIXTURES, "quality"))
  .sort()
  .flatMap((file) => readFileSync(join(FIXTURES, "quality", file), "utf8").split(/\n\s*\n/))
  .map((paragraph) => paragraph.trim())
  .filter((paragraph) => paragraph.length > 40);
const isSpanish = (question: Question) => /[¿¡áéíóúñ]/i.test(question.question);

interface EmbedderFigures {
  name: string;
  loadMs: number;
  passages: number;
  passagesPerSecond: number;
  recall: Record<"vector" | "hybrid", { es: number; en: number }>;
}

async function measureEmbedder(label: string, embedder: Embedder): Promise<EmbedderFigures> {
  const folder = mkdtempSync(join(tmpdir(), "agente-bench-embed-"));
  const memory = new Memory({ store: new SqliteStore({ path: join(folder, "memory.db") }), embedder });
  try {
    const loadStarted = performance.now();
    await embedder.embed(["carga"], "query");
    const loadMs = Math.round(performance.now() - loadStarted);
    // Throughput of the embedder alone, on 128 passages of the set (its paragraphs, repeated).
    const texts = Array.from(
      { length: sized(128, 8) },
      (_, index) => PARAGRAPHS[index % PARAGRAPHS.length] ?? "",
    );
    const started = performance.now();
    await embedder.embed(texts, "document");
    const seconds = (performance.now() - started) / 1000;
    await ingest(memory, {
      paths: [join(FIXTURES, "quality")],
      collection: "default",
      roots: [FIXTURES],
      cwd: FIXTURES,
      chunking: { chunkSize: 320, chunkOverlap: 0 },
    });
    const recall = { vector: await recallAt3(memory, "vector"), hybrid: await recallAt3(memory, "hybrid") };
    return { name: label, loadMs, passages: texts.length, passagesPerSecond: texts.length / seconds, recall };
  } finally {
    await memory.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function recallAt3(memory: Memory, mode: SearchMode): Promise<{ es: number; en: number }> {
  const found = { es: 0, en: 0 };
  const total = { es: 0, en: 0 };
  for (const entry of questions) {
    const language = isSpanish(entry) ? "es" : "en";
    total[language] += 1;
    const hits = await memory.search(entry.question, { k: 3, mode });
    if (hits.some((hit) => hit.source.endsWith(`/${entry.source}`) && hit.text.includes(entry.passage)))
      found[language] += 1;
  }
  return { es: found.es / Math.max(1, total.es), en: found.en / Math.max(1, total.en) };
}

async function lexicalRecall(): Promise<{ es: number; en: number }> {
  const folder = mkdtempSync(join(tmpdir(), "agente-bench-lexical-"));
  const memory = new Memory({
    store: new SqliteStore({ path: join(folder, "memory.db") }),
    embedder: undefined,
  });
  try {
    await ingest(memory, {
      paths: [join(FIXTURES, "quality")],
      collection: "default",
      roots: [FIXTURES],
      cwd: FIXTURES,
      chunking: { chunkSize: 320, chunkOverlap: 0 },
    });
    return await recallAt3(memory, "lexical");
  } finally {
    await memory.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function measureChatProvider(): Promise<{ loadMs: number; tokensPerSecond: number; tokens: number }> {
  const model = new LlamaCppModel({
    ggufPath: TINY_GGUF,
    model: "tiny-random",
    temperature: 0.8,
    maxTokens: 128,
    contextSize: 1024,
    seed: 7,
  });
  try {
    const loadStarted = performance.now();
    const check = await model.check();
    if (check.problems.length > 0) throw new Error(check.problems.join("; "));
    const loadMs = Math.round(performance.now() - loadStarted);
    let tokens = 0;
    let seconds = 0;
    for (let run = 0; run < sized(5, 1); run += 1) {
      const started = performance.now();
      const response = await model.complete({
        messages: [{ role: "user", content: `escribe algo ${run}` }],
      });
      seconds += (performance.now() - started) / 1000;
      tokens += response.completionTokens ?? 0;
    }
    return { loadMs, tokensPerSecond: tokens / seconds, tokens };
  } finally {
    await model.close();
  }
}

export default (async () => {
  const spanish = questions.filter(isSpanish).length;
  const lexical = await lexicalRecall();
  const embedders = [
    await measureEmbedder("offline:use-lite (512-d, pure JS)", new OfflineEmbedder()),
    await measureEmbedder(
      "gguf:llama-2-tiny-random (8-d, llama.cpp; random weights)",
      new GgufEmbedder({ label: "llama-2-tiny-random", resolveFile: async () => TINY_GGUF }),
    ),
  ];
  const chat = await measureChatProvider();
  const tables: BenchTable[] = [
    {
      title: `Embedders on the retrieval set (${questions.length} questions: ${spanish} Spanish, ${questions.length - spanish} English)`,
      columns: [
        "embedder",
        "load ms",
        "passages",
        "passages/s",
        "vector r@3 es",
        "vector r@3 en",
        "hybrid r@3 es",
        "hybrid r@3 en",
      ],
      rows: [
        ["none (lexical only, baseline)", 0, "", "", "", "", lexical.es, lexical.en],
        ...embedders.map((figures) => [
          figures.name,
          figures.loadMs,
          figures.passages,
          figures.passagesPerSecond,
          figures.recall.vector.es,
          figures.recall.vector.en,
          figures.recall.hybrid.es,
          figures.recall.hybrid.en,
        ]),
      ],
      notes: [
        "passages/s: one embed call over 128 paragraphs of the set, after the model is loaded; recall: the set ingested in passages of ≤ 320 characters",
        "goal (real multilingual GGUF): ≥ 100 passages/s on 2 cores and Spanish recall above USE-lite's; the tiny model only measures the engine's overhead",
        "published figures of the real default (multilingual-e5-small Q8_0): docs/models.md",
      ],
    },
    {
      title: "Embedded chat provider (llama.cpp) on llama-2-tiny-random.gguf",
      columns: ["load ms", "tokens generated", "tokens/s"],
      rows: [[chat.loadMs, chat.tokens, chat.tokensPerSecond]],
      notes: [
        "tiny model (about a million random weights): engine overhead only; the default Qwen3-1.7B Q4_K_M is ~1000 times larger",
      ],
    },
  ];
  return tables;
}) satisfies Bench;
