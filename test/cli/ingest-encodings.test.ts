/**
 * A Latin-1 file (as Spanish Windows machines write it) and a UTF-16 one go through `agente ingest` and
 * come back right from `agente memory search`; random bytes named `.txt` are skipped with the reason.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

describe("ingest of files in other encodings, through the CLI", () => {
  it("stores Latin-1 and UTF-16 text right, and names each skipped binary with its reason", async () => {
    const folder = await mkdtemp(join(tmpdir(), "agente-encodings-"));
    const docs = join(folder, "docs");
    await mkdir(docs);
    await writeFile(
      join(docs, "facturas.txt"),
      Buffer.from("La facturación de diciembre la firma el Señor Muñoz, de Logroño.\n", "latin1"),
    );
    await writeFile(
      join(docs, "notas.txt"),
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from("Reunión con la señora Ibáñez el miércoles.\n", "utf16le"),
      ]),
    );
    await writeFile(
      join(docs, "ruido.txt"),
      Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x7f, 0x00]),
    );
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
    const env = { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", LANG: "C" };

    const ingested = await runCli(["ingest", "docs"], { cwd: folder, env });
    expect(ingested.stderr).not.toMatch(/error|failed/);
    expect(ingested.code).toBe(0);
    expect(ingested.stdout).toMatch(/2 added/);
    expect(ingested.stdout).toContain(`  skipped: ${join(docs, "ruido.txt")}: binary content (`);

    const latin = await runCli(["memory", "search", "facturación Muñoz"], { cwd: folder, env });
    expect(latin.code).toBe(0);
    expect(latin.stdout).toContain("La facturación de diciembre la firma el Señor Muñoz, de Logroño.");
    expect(latin.stdout).not.toContain("\uFFFD");

    const utf16 = await runCli(["memory", "search", "Ibáñez miércoles"], { cwd: folder, env });
    expect(utf16.stdout).toContain("Reunión con la señora Ibáñez el miércoles.");
  });
});
