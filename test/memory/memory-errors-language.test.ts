/** Memory errors that `agente ingest` and `agente memory` print, in Spanish and in English. */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatError } from "../../src/cli/print-error.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { EmbedderMismatchError } from "../../src/memory/errors.js";
import { runCli } from "../support/run-cli.js";

let folder = "";
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "agente-memory-lang-"));
  await writeFile(join(folder, "nota.txt"), "una nota\n");
  await writeFile(
    join(folder, "agente.json"),
    JSON.stringify({
      mcpServers: {
        memory: {
          command: "node",
          args: ["unused.js"],
          env: { AGENTE_MEMORY_PATH: join(folder, "memory.db"), AGENTE_EMBEDDER: "none" },
        },
      },
    }),
  );
});

async function both(args: string[], extra: NodeJS.ProcessEnv = {}) {
  const env = (lang: string) => ({ PATH: process.env.PATH ?? "", HOME: folder, LANG: lang, ...extra });
  const spanish = await runCli(args, { cwd: folder, env: env("es_ES.UTF-8") });
  const english = await runCli(args, { cwd: folder, env: env("en_US.UTF-8") });
  expect(spanish.code).toBe(1);
  expect(english.code).toBe(1);
  return { spanish: spanish.stderr, english: english.stderr };
}

describe("memory errors in the user's language", () => {
  it("AGENTE_MEMORY_URL that is not postgres://", async () => {
    const { spanish, english } = await both(["ingest", "nota.txt"], { AGENTE_MEMORY_URL: "mysql://db/x" });
    expect(spanish).toBe(
      "error: AGENTE_MEMORY_URL debe ser una cadena de conexión postgres://\n" +
        "  quítala para usar el fichero SQLite (AGENTE_MEMORY_PATH), o da postgres://usuario:contraseña@host/bd\n",
    );
    expect(english).toBe(
      "error: AGENTE_MEMORY_URL must be a postgres:// connection string\n" +
        "  unset it to use the SQLite file (AGENTE_MEMORY_PATH), or give postgres://user:password@host/db\n",
    );
  });

  it("a path that does not exist", async () => {
    const { spanish, english } = await both(["ingest", "falta.txt"]);
    expect(spanish).toBe("error: falta.txt no existe\n  revisa la ruta\n");
    expect(english).toBe("error: falta.txt does not exist\n  check the path\n");
  });

  it("a limit that is not a number of bytes", async () => {
    const { spanish, english } = await both(["ingest", "nota.txt"], { AGENTE_MAX_FILE_BYTES: "mucho" });
    expect(spanish).toContain(
      'error: AGENTE_MAX_FILE_BYTES debe ser un número entero de bytes, no "mucho"\n',
    );
    expect(english).toContain('error: AGENTE_MAX_FILE_BYTES must be a whole number of bytes, not "mucho"\n');
  });

  it("re-indexing with no embedder", async () => {
    const { spanish, english } = await both(["memory", "reindex"]);
    expect(spanish).toBe(
      "error: no hay ningún embedder configurado, no hay con qué reindexar\n" +
        "  pon AGENTE_EMBEDDER=offline (el valor por defecto), ollama u openai\n",
    );
    expect(english).toBe(
      "error: no embedder is configured, there is nothing to re-index with\n" +
        "  set AGENTE_EMBEDDER=offline (the default), ollama or openai\n",
    );
  });

  it("a collection indexed with another embedder: English for logs, Spanish on screen", () => {
    const error = new EmbedderMismatchError(
      "docs",
      { name: "offline", dimensions: 384 },
      { name: "ollama:nomic-embed-text", dimensions: 768 },
    );
    expect(error.message).toBe(
      'collection "docs" was indexed with embedder offline (384 dimensions), not ollama:nomic-embed-text (768 dimensions)',
    );
    expect(formatError(error, false, createTranslator("es"))).toBe(
      'error: la colección "docs" se indexó con el embedder offline (384 dimensiones), no con ollama:nomic-embed-text (768 dimensiones)\n' +
        "  ejecuta `agente memory reindex --collection docs` para volver a calcularla con ollama:nomic-embed-text, o pon AGENTE_EMBEDDER=offline",
    );
  });
});
