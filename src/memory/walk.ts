/**
 * Lists the files under a path for ingest: recursively, following symlinks only when their target stays
 * inside the roots, leaving out hidden entries, dependency and build folders, and what the top folder's
 * `.gitignore` / `.agenteignore` exclude.
 */
import type { Dirent } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import ignore, { type Ignore } from "ignore";
import { isInside } from "./roots.js";

const ALWAYS_IGNORED = [
  "node_modules/",
  "__pycache__/",
  ".venv/",
  "venv/",
  "dist/",
  "build/",
  "target/",
  ".*",
];

export interface WalkResult {
  isFolder: boolean;
  /** Real paths of the files to ingest, sorted. */
  files: string[];
  ignored: number;
  /** Symlinks refused because they lead outside the roots. */
  refused: string[];
}

/** Walks a real path already checked to be inside the roots. */
export async function walk(target: string, realRootPaths: string[]): Promise<WalkResult> {
  const info = await stat(target);
  if (!info.isDirectory()) return { isFolder: false, files: [target], ignored: 0, refused: [] };
  const result: WalkResult = { isFolder: true, files: [], ignored: 0, refused: [] };
  const rules = ignore().add(ALWAYS_IGNORED);
  for (const file of [".gitignore", ".agenteignore"]) {
    const text = await readFile(join(target, file), "utf8").catch(() => undefined);
    if (text !== undefined) rules.add(text);
  }
  await visit(target, target, rules, realRootPaths, result, new Set([target]));
  result.files.sort();
  return result;
}

async function visit(
  top: string,
  folder: string,
  rules: Ignore,
  realRootPaths: string[],
  result: WalkResult,
  visited: Set<string>,
): Promise<void> {
  const entries: Dirent[] = await readdir(folder, { withFileTypes: true });
  entries.sort((left, right) => left.name.localeCompare(right.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    let isDirectory = entry.isDirectory();
    let real = path;
    if (entry.isSymbolicLink()) {
      try {
        real = await realpath(path);
        isDirectory = (await stat(real)).isDirectory();
      } catch {
        // A dangling link has nothing to ingest.
        result.ignored++;
        continue;
      }
      if (!realRootPaths.some((root) => isInside(real, root))) {
        result.refused.push(path);
        continue;
      }
    } else if (!isDirectory && !entry.isFile()) {
      continue;
    }
    const relation = relative(top, path).split("\\").join("/");
    if (rules.ignores(isDirectory ? `${relation}/` : relation)) {
      result.ignored++;
      continue;
    }
    if (isDirectory) {
      // A link back to an ancestor would loop forever.
      if (visited.has(real)) continue;
      visited.add(real);
      await visit(top, path, rules, realRootPaths, result, visited);
    } else {
      result.files.push(real);
    }
  }
}
