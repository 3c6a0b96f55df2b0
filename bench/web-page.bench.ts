/**
 * The web chat of `agente serve`, measured (issue 18):
 * - its weight: the bundled script and style sheet, raw and gzipped (goal: together ≤ 150 kB gzipped),
 *   beside the same-run weight of the three libraries it bundles (marked, DOMPurify, highlight.js with its
 *   nine languages), each bundled alone;
 * - from the first streamed chunk of an answer reaching the page to its text on the screen, in Debian's
 *   Chromium (goal ≤ 50 ms): the chunk is timed as the page's stream reader takes it, the text when a
 *   MutationObserver sees it in the answer, and the screen at the next animation frame. Baseline, same
 *   run and page: a chunk-sized text set on an element by hand, to its next frame (the browser's own
 *   frame wait).
 * Needs `npm run build` (the page bundle) and /usr/bin/chromium.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { loadPageAssets } from "../src/serve/page-assets.js";
import { SqliteConversationStore } from "../src/serve/sqlite-conversation-store.js";
import { ScriptedModel } from "../src/testing/scripted-model.js";
import { createBenchApp } from "./serve-bench-server.js";
import { type Bench, type BenchTable, percentile } from "./table.js";

const CHROMIUM = "/usr/bin/chromium";
const TURNS = 20;
const KB = 1000;

const kb = (bytes: number) => Number((bytes / KB).toFixed(1));

async function bundledAlone(source: string): Promise<number> {
  const result = await build({
    stdin: { contents: source, resolveDir: fileURLToPath(new URL("..", import.meta.url)), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array()).length;
}

async function weight(): Promise<BenchTable> {
  const assets = loadPageAssets(new URL("../src/serve/page-assets.ts", import.meta.url).href);
  if (assets.script === undefined || assets.style === undefined) throw new Error("run npm run build first");
  const script = Buffer.from(assets.script);
  const style = Buffer.from(assets.style);
  const total = gzipSync(script).length + gzipSync(style).length;
  const libraries = [
    ["marked", 'import { Marked } from "marked"; console.log(new Marked().parse("x"));'],
    ["dompurify", 'import DOMPurify from "dompurify"; console.log(DOMPurify(window).sanitize("x"));'],
    [
      "highlight.js (core + 9 languages)",
      `import hljs from "highlight.js/lib/core";
${["bash", "css", "javascript", "json", "python", "sql", "typescript", "xml", "yaml"]
  .map(
    (name) =>
      `import ${name} from "highlight.js/lib/languages/${name}"; hljs.registerLanguage("${name}", ${name});`,
  )
  .join("\n")}
console.log(hljs.highlight("x", { language: "json" }).value);`,
    ],
  ] as const;
  const rows: Array<Array<string | number>> = [
    ["app.js", kb(script.length), kb(gzipSync(script).length)],
    ["app.css", kb(style.length), kb(gzipSync(style).length)],
    ["page total", kb(script.length + style.length), kb(total)],
  ];
  for (const [name, source] of libraries)
    rows.push([`  of which ${name}, alone`, "", kb(await bundledAlone(source))]);
  return {
    title: "web chat page weight (kB = 1000 bytes)",
    columns: ["asset", "raw kB", "gzip kB"],
    rows,
    notes: [
      `goal: script and style together ≤ 150 kB gzipped: ${kb(total)} kB, ${total <= 150 * KB ? "met" : "NOT met"}`,
    ],
  };
}

/** Times each turn's first answer chunk (as the page reads it) to its text in the answer and the next frame. */
const INSTRUMENT = `
globalThis.__chunks = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (...args) => {
  const response = await realFetch(...args);
  if (!String(args[0]).includes("/turns") || response.body === null) return response;
  let first = true;
  const decoder = new TextDecoder();
  const timed = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      if (first) {
        const match = /"type":"answer_delta","text":"([^"\\\\]+)"/.exec(decoder.decode(chunk, { stream: true }));
        if (match) { first = false; globalThis.__chunks.push({ text: match[1], arrived: performance.now() }); }
      }
      controller.enqueue(chunk);
    },
  }));
  return new Response(timed, { status: response.status, headers: response.headers });
};
new MutationObserver(() => {
  const chunk = globalThis.__chunks.at(-1);
  if (chunk === undefined || chunk.shown !== undefined) return;
  const answer = [...document.querySelectorAll(".answer")].at(-1);
  if (answer && answer.textContent.includes(chunk.text)) {
    chunk.shown = performance.now();
    requestAnimationFrame(() => { chunk.painted = performance.now(); });
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
`;

interface Chunk {
  text: string;
  arrived: number;
  shown?: number;
  painted?: number;
}

async function firstChunk(): Promise<BenchTable> {
  const folder = await mkdtemp(join(tmpdir(), "agente-page-bench-"));
  const store = new SqliteConversationStore({ path: join(folder, "conversations.db") });
  const words = "Primera palabra de una respuesta que llega poco a poco, como la escribe un modelo real.";
  const model = new ScriptedModel(JSON.stringify({ respuesta: words }), {
    wordDelayMs: 15,
    recordRequests: false,
  });
  const app = createBenchApp(model, store, {
    page: loadPageAssets(new URL("../src/serve/page-assets.ts", import.meta.url).href),
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.addInitScript(INSTRUMENT);
    await page.goto(url);
    for (let turn = 0; turn < TURNS; turn++) {
      await page.locator("button.send").waitFor({ state: "visible" });
      await page.locator("#message").fill(`pregunta ${turn}`);
      await page.locator("#message").press("Enter");
      await page.waitForFunction(
        (count) =>
          (globalThis as unknown as { __chunks: Chunk[] }).__chunks.filter(
            (chunk) => chunk.painted !== undefined,
          ).length >= count,
        turn + 1,
      );
    }
    const chunks = (await page.evaluate("globalThis.__chunks")) as Chunk[];
    const baseline = (await page.evaluate(`(async () => {
      const times = [];
      const target = document.createElement("p");
      document.body.append(target);
      for (let i = 0; i < ${TURNS}; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const start = performance.now();
        target.textContent = "Primera " + i;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        times.push(performance.now() - start);
      }
      return times;
    })()`)) as number[];
    const toText = chunks.map((chunk) => (chunk.shown ?? Number.NaN) - chunk.arrived);
    const toFrame = chunks.map((chunk) => (chunk.painted ?? Number.NaN) - chunk.arrived);
    const row = (name: string, values: number[]) => [
      name,
      values.length,
      percentile(values, 50),
      percentile(values, 95),
      Math.max(...values),
    ];
    const p95 = percentile(toFrame, 95);
    return {
      title: `first streamed chunk to screen, Chromium, ${TURNS} turns (ms)`,
      columns: ["measure", "n", "p50", "p95", "max"],
      rows: [
        row("chunk read → its text in the answer", toText),
        row("chunk read → next frame (on screen)", toFrame),
        row("baseline: text set by hand → next frame", baseline),
      ],
      notes: [
        `goal: ≤ 50 ms from chunk to screen: p95 ${p95.toFixed(1)} ms, ${p95 <= 50 ? "met" : "NOT met"}`,
      ],
    };
  } finally {
    await browser.close();
    await app.close();
    await store.close();
    await rm(folder, { recursive: true, force: true });
  }
}

const bench: Bench = async () => {
  const tables = [await weight()];
  if (existsSync(CHROMIUM)) tables.push(await firstChunk());
  else
    tables.push({
      title: "first streamed chunk to screen",
      columns: ["skipped"],
      rows: [[`no ${CHROMIUM}`]],
    });
  return tables;
};

export default bench;
