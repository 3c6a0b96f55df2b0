/** Confinement to the memory's roots (issue 13, lesser defect: `..evil.txt` was "outside the roots"). */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isInside, PathOutsideRootsError, realRoots, resolveInsideRoots } from "../../src/memory/roots.js";

describe("memory roots", () => {
  let base: string;
  let root: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), "agente-roots-"));
    root = join(base, "raiz");
    await mkdir(root);
    await writeFile(join(root, "..evil.txt"), "dentro");
    await writeFile(join(base, "fuera.txt"), "fuera");
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it("a file whose name starts with two dots is inside its root", async () => {
    expect(isInside(join(root, "..evil.txt"), root)).toBe(true);
    const roots = await realRoots([root]);
    await expect(resolveInsideRoots("..evil.txt", roots, root)).resolves.toMatch(/\.\.evil\.txt$/);
  });

  it("the parent and its files are still outside", async () => {
    expect(isInside(base, root)).toBe(false);
    const roots = await realRoots([root]);
    await expect(resolveInsideRoots("../fuera.txt", roots, root)).rejects.toThrow(PathOutsideRootsError);
  });
});
