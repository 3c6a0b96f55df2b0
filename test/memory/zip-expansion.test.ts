/** Issue 13, defect 3: what a .docx really expands to is measured before mammoth inflates it. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureZipExpansion } from "../../src/memory/zip-expansion.js";
import { writeZipBomb } from "../support/zip-bomb.js";

const PARKING = fileURLToPath(new URL("../fixtures/memory/corpus/parking.docx", import.meta.url));
const MIB = 1024 * 1024;

describe("zip expansion", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-zip-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("measures a real .docx", async () => {
    const result = measureZipExpansion(await readFile(PARKING), 64 * MIB);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.bytes).toBeGreaterThan(1000);
  });

  it("refuses a bomb after at most the limit, whatever its headers declare", async () => {
    const path = join(folder, "bomba.docx");
    await writeZipBomb(path, 100 * MIB);
    const bytes = await readFile(path);
    // Lie in every size field: declare each entry as 10 bytes.
    const directory = bytes.readUInt32LE(bytes.length - 22 + 16);
    let entry = directory;
    for (let index = 0; index < 3; index++) {
      bytes.writeUInt32LE(10, entry + 24);
      entry += 46 + bytes.readUInt16LE(entry + 28);
    }
    expect(measureZipExpansion(bytes, 8 * MIB)).toEqual({ ok: false, reason: "too-large" });
  });

  it("calls a file that is not a ZIP invalid", () => {
    expect(measureZipExpansion(Buffer.from("not a zip at all, just text"), MIB)).toMatchObject({
      ok: false,
      reason: "invalid",
    });
  });
});
