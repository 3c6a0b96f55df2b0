/**
 * Issue 13, defects 3 and 7: a 400 KB .docx that inflates to 400 MiB took ingest to 3.3 GB and a heap
 * crash, aborting the whole folder. Now it is refused by name, peak RSS stays under 1 GB, and the other
 * files of the folder are ingested, by `agente ingest` and by the memory server's ingest tool alike; a
 * file over AGENTE_MAX_FILE_BYTES is refused by name too.
 */
import { execFile } from "node:child_process";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENTE_BIN } from "../support/run-cli.js";
import { writeDocx, writeZipBomb } from "../support/zip-bomb.js";
import { createWorkspace, SLOW_TEST_MS, type Workspace } from "./support/workspace.js";

const run = promisify(execFile);
const MIB = 1024 * 1024;

interface Report {
  added: number;
  failed: Array<{ path: string; error: string }>;
}

describe("ingest of a zip bomb beside good files", { timeout: SLOW_TEST_MS }, () => {
  let workspace: Workspace;
  let folder: string;

  beforeAll(async () => {
    workspace = await createWorkspace({ AGENTE_EMBEDDER: "none" });
    folder = join(workspace.folder, "documentos");
    await mkdir(folder);
    await writeZipBomb(join(folder, "bomba.docx"), 400 * MIB);
    await writeDocx(join(folder, "bueno.docx"), "El contrato vence en marzo.");
    await writeFile(join(folder, "nota.txt"), "El horario es de 9 a 17.\n");
    await writeFile(join(folder, "enorme.log"), "linea de registro\n".repeat(140_000));
  });

  afterAll(async () => {
    await workspace?.remove();
  });

  it("the bomb file is small on disk", async () => {
    expect((await stat(join(folder, "bomba.docx"))).size).toBeLessThan(1 * MIB);
  });

  it("agente ingest refuses the bomb and the too-large file by name, under 1 GB of RSS, and ingests the rest", async () => {
    // GNU time reports the peak resident set of the whole command, in KB.
    const result = await run(
      "/usr/bin/time",
      ["-f", "maxrss=%M", process.execPath, AGENTE_BIN, "ingest", "documentos", "--json"],
      {
        cwd: workspace.folder,
        env: { ...workspace.env, AGENTE_MAX_FILE_BYTES: String(2 * MIB) },
        maxBuffer: 16 * MIB,
      },
    ).catch((error: { stdout: string; stderr: string; code: number }) => error);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.added).toBe(2);
    expect(report.failed.map((failure) => failure.path).sort()).toEqual([
      join(folder, "bomba.docx"),
      join(folder, "enorme.log"),
    ]);
    const bomb = report.failed.find((failure) => failure.path.endsWith("bomba.docx"));
    expect(bomb?.error).toMatch(/bomba\.docx se expande a más de 64 MiB .*bomba zip/);
    const large = report.failed.find((failure) => failure.path.endsWith("enorme.log"));
    expect(large?.error).toMatch(
      /enorme\.log ocupa 2\.4 MiB, más del límite de 2\.0 MiB \(AGENTE_MAX_FILE_BYTES\)/,
    );
    const peakKb = Number(/maxrss=(\d+)/.exec(result.stderr)?.[1]);
    expect(peakKb).toBeGreaterThan(0);
    expect(peakKb).toBeLessThan(1024 * 1024);
  });

  it("the memory server's ingest tool refuses the bomb, ingests the rest, and stays up", async () => {
    const call = await workspace.agente([
      "tools",
      "call",
      "ingerir_documentos",
      "--args",
      JSON.stringify({ rutas: [folder], coleccion: "servidor" }),
      "--json",
    ]);
    expect(call.code, call.stderr).toBe(0);
    const structured = (JSON.parse(call.stdout) as { structuredContent: Report }).structuredContent;
    expect(structured.added).toBe(3);
    expect(structured.failed.map((failure) => failure.path)).toEqual([join(folder, "bomba.docx")]);
  });
});
