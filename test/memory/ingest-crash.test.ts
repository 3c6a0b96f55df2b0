/**
 * `kill -9` of an ingest half way: the store opens, holds no half document, and a re-run completes it.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/memory/ingest.js";
import { Memory } from "../../src/memory/memory.js";
import { SqliteStore } from "../../src/memory/sqlite-store.js";
import { HashingEmbedder } from "./support/hashing-embedder.js";

const FILES = 120;
const folder = mkdtempSync(join(tmpdir(), "agente-crash-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("ingest killed with SIGKILL", () => {
  it("leaves only whole documents, and a re-run completes the rest", async () => {
    const docs = join(folder, "docs");
    mkdirSync(docs);
    for (let index = 0; index < FILES; index++) {
      const paragraphs = Array.from(
        { length: 6 },
        (_, line) => `File ${index} paragraph ${line}: ${"words ".repeat(30)}`,
      );
      writeFileSync(join(docs, `file-${String(index).padStart(3, "0")}.txt`), paragraphs.join("\n\n"));
    }
    const databasePath = join(folder, "memory.db");

    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(import.meta.dirname, "support", "ingest-child.ts"), docs, databasePath],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (data: Buffer) => {
        output += data.toString();
        const done = Number(output.match(/done (\d+)\n(?!.*done)/s)?.[1] ?? 0);
        if (done >= 30) {
          child.kill("SIGKILL");
          resolve();
        }
        if (output.includes("finished")) reject(new Error("the ingest finished before it could be killed"));
      });
      child.on("exit", () => resolve());
    });
    expect(await exited).toBe("SIGKILL");

    const store = new SqliteStore({ path: databasePath });
    expect(store.database.pragma("integrity_check", { simple: true })).toBe("ok");
    const documents = await store.listDocuments({}, 1000);
    expect(documents.length).toBeGreaterThanOrEqual(30);
    expect(documents.length).toBeLessThan(FILES);
    const counts = store.database
      .prepare(
        "select d.chunk_count expected, count(c.id) actual, count(c.embedding) vectors from documents d left join chunks c on c.document_id = d.id group by d.id",
      )
      .all() as Array<{ expected: number; actual: number; vectors: number }>;
    for (const row of counts)
      expect(row).toEqual({ expected: row.actual, actual: row.actual, vectors: row.actual });
    const orphans = store.database
      .prepare("select count(*) n from chunks where document_id not in (select id from documents)")
      .get() as { n: number };
    expect(orphans.n).toBe(0);

    const memory = new Memory({ store, embedder: new HashingEmbedder() });
    const report = await ingest(memory, {
      paths: [docs],
      collection: "default",
      roots: [docs],
      cwd: docs,
      chunking: { chunkSize: 200, chunkOverlap: 0 },
    });
    expect(report.unchanged).toBe(documents.length);
    expect(report.added).toBe(FILES - documents.length);
    expect((await store.stats()).documentCount).toBe(FILES);
    await memory.close();
  }, 60_000);
});
