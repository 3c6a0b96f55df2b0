/**
 * Confinement of ingest to the configured roots (`AGENTE_MEMORY_ROOTS`): every path is resolved through
 * its symlinks and must land inside a root, so a link pointing out of a root is refused.
 */
import { realpath } from "node:fs/promises";
import { delimiter, isAbsolute, relative, resolve, sep } from "node:path";
import { localised } from "../i18n/localised.js";
import { UserError } from "../util/errors.js";

export class PathOutsideRootsError extends UserError {
  readonly path: string;

  constructor(path: string, roots: string[]) {
    super(localised("errorsMemory.outsideRoots", { path, roots: roots.join(", ") }), {
      hint: localised("errorsMemory.outsideRootsHint"),
    });
    this.path = path;
  }
}

/** The roots from `AGENTE_MEMORY_ROOTS` (separated by the platform's path delimiter), or the cwd. */
export function rootsFromEnv(env: NodeJS.ProcessEnv, cwd: string): string[] {
  const listed = (env.AGENTE_MEMORY_ROOTS ?? "")
    .split(delimiter)
    .map((root) => root.trim())
    .filter((root) => root !== "");
  return (listed.length > 0 ? listed : [cwd]).map((root) => resolve(cwd, root));
}

/** Real paths of the roots that exist (a missing root confines nothing and is dropped). */
export async function realRoots(roots: string[]): Promise<string[]> {
  const real: string[] = [];
  for (const root of roots) {
    try {
      real.push(await realpath(root));
    } catch {
      // A root that does not exist yet cannot contain anything.
    }
  }
  return real;
}

export function isInside(path: string, root: string): boolean {
  const relation = relative(root, path);
  // `..evil.txt` is a file inside the root; only `..` itself, or `../…`, climbs out.
  return relation === "" || (relation !== ".." && !relation.startsWith(`..${sep}`) && !isAbsolute(relation));
}

/**
 * The real path of `path` (resolved against `cwd`) if it exists and lies inside one of `realRootPaths`.
 * Throws `PathOutsideRootsError` otherwise, and `UserError` when it does not exist.
 */
export async function resolveInsideRoots(
  path: string,
  realRootPaths: string[],
  cwd: string,
): Promise<string> {
  const absolute = resolve(cwd, path);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    throw new UserError(localised("errorsMemory.missingPath", { path }), {
      cause: error,
      hint: localised("errorsMemory.missingPathHint"),
    });
  }
  if (!realRootPaths.some((root) => isInside(real, root)))
    throw new PathOutsideRootsError(path, realRootPaths);
  return real;
}
