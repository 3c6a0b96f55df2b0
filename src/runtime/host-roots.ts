/**
 * The roots agente offers its MCP servers (`roots/list`): the working folder, the folders of the `roots`
 * key of agente.json (paths, relative to the config file's folder), and the folders the config gives each
 * filesystem server. A filesystem server given folders in the config is offered those only
 * (`filesystemRoots`): it replaces its folders by the client's roots (as
 * @modelcontextprotocol/server-filesystem does), and the roots must never widen what the config confined
 * it to.
 */
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { ConfigError } from "../config/config-error.js";
import type { LoadedConfig } from "../config/load-config.js";
import { localised } from "../i18n/localised.js";
import type { Root } from "../mcp/client-handlers.js";
import { filesystemFolders } from "./filesystem-paths.js";

const rootsSchema = z.array(z.string().min(1));

export function hostRoots(config: LoadedConfig, cwd: string): Root[] {
  const configured = config.settings.roots;
  const base = config.file === undefined ? cwd : dirname(config.file);
  let listed: string[] = [];
  if (configured !== undefined) {
    const parsed = rootsSchema.safeParse(configured);
    if (!parsed.success)
      throw new ConfigError(config.file ?? "agente.json", localised("mcpClient.roots.invalid"), {
        field: "roots",
      });
    listed = parsed.data.map((path) => resolve(base, path));
  }
  const folders = [resolve(cwd), ...listed, ...[...filesystemFolders(config.servers, cwd).values()].flat()];
  return [...new Set(folders)].map((folder) => ({ uri: pathToFileURL(folder).href, name: folder }));
}

/** Each filesystem server the config gives folders, with those folders as its only roots. */
export function filesystemRoots(config: LoadedConfig, cwd: string): Record<string, Root[]> {
  const confined: Record<string, Root[]> = {};
  for (const [server, folders] of filesystemFolders(config.servers, cwd))
    if (folders.length > 0)
      confined[server] = folders.map((folder) => ({ uri: pathToFileURL(folder).href, name: folder }));
  return confined;
}
