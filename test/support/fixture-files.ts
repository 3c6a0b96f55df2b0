/** Files the tests share: the tiny random-weight GGUF in the repo, and the npm filesystem server's entry. */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** llama.cpp loads it and decodes gibberish: for plumbing, never for quality (test/fixtures/models/README.md). */
export const TINY_GGUF = fileURLToPath(
  new URL("../fixtures/models/llama-2-tiny-random.gguf", import.meta.url),
);

/** `@modelcontextprotocol/server-filesystem`'s entry point, started with this Node. */
export const FILESYSTEM_SERVER = join(
  dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/server-filesystem/package.json")),
  "dist/index.js",
);
