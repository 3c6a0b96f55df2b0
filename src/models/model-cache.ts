/** What the cache folder holds, for `agente models list|rm`: whole models and partial downloads. */
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { localised } from "../i18n/localised.js";
import { UserError } from "../util/errors.js";

export interface CachedModel {
  /** File name of the model (for a partial download, the name it will have). */
  name: string;
  path: string;
  sizeBytes: number;
  modified: Date;
  /** A `.part` file: a download that stopped and will resume. */
  partial: boolean;
}

export async function listCachedModels(folder: string): Promise<CachedModel[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return [];
    throw error;
  }
  const models: CachedModel[] = [];
  for (const entry of names.sort()) {
    if (entry.endsWith(".lock")) continue;
    const path = join(folder, entry);
    const info = await stat(path);
    if (!info.isFile()) continue;
    const partial = entry.endsWith(".part");
    models.push({
      name: partial ? entry.slice(0, -".part".length) : entry,
      path,
      sizeBytes: info.size,
      modified: info.mtime,
      partial,
    });
  }
  return models;
}

/** Removes a model and any partial download of it; returns the paths removed. */
export async function removeCachedModel(folder: string, name: string): Promise<string[]> {
  const matching = (await listCachedModels(folder)).filter(
    (model) => model.name === name || model.name === `${name}.gguf`,
  );
  if (matching.length === 0) {
    throw new UserError(localised("models.error.notCached", { name, folder }), {
      hint: localised("models.error.notCachedHint"),
    });
  }
  for (const model of matching) await rm(model.path, { force: true });
  return matching.map((model) => model.path);
}
