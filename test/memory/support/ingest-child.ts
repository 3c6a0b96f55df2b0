/**
 * Child process for the crash test: ingests `argv[2]` into the SQLite file `argv[3]` with a slow embedder,
 * printing `done N` after each file, until it is killed.
 */
import { ingest } from "../../../src/memory/ingest.js";
import { Memory } from "../../../src/memory/memory.js";
import { SqliteStore } from "../../../src/memory/sqlite-store.js";
import { HashingEmbedder } from "./hashing-embedder.js";

const [folder, databasePath] = process.argv.slice(2);
if (!folder || !databasePath) throw new Error("usage: ingest-child FOLDER DATABASE");

class SlowEmbedder extends HashingEmbedder {
  override async embed(texts: string[], purpose: "document" | "query"): Promise<Float32Array[]> {
    await new Promise((resolve) => setTimeout(resolve, 15));
    return super.embed(texts, purpose);
  }
}

const memory = new Memory({ store: new SqliteStore({ path: databasePath }), embedder: new SlowEmbedder() });
await ingest(memory, {
  paths: [folder],
  collection: "default",
  roots: [folder],
  cwd: folder,
  chunking: { chunkSize: 200, chunkOverlap: 0 },
  onProgress: (progress) => {
    process.stdout.write(`done ${progress.filesDone}\n`);
  },
});
process.stdout.write("finished\n");
await memory.close();
