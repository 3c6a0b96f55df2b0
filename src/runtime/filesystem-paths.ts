/**
 * Relative paths for the filesystem server, read the way the user means them. The server resolves a
 * relative path against its allowed folder, so `documentos/tarifas-2026.txt` (as the user wrote it, from
 * the folder agente runs in) became `documentos/documentos/tarifas-2026.txt`. Here a relative path that,
 * taken from agente's working folder, lands inside an allowed folder is sent as that absolute path; any
 * other path goes through unchanged (the server's own rule and its access checks still apply).
 */
import { isAbsolute, relative, resolve } from "node:path";
import type { ServerConfig } from "../config/server-config.js";
import type { CallOptions, ToolHub, ToolResult } from "../mcp/tool-hub.js";

/** The package whose servers take their allowed folders as trailing arguments. */
const FILESYSTEM_PACKAGE = "server-filesystem";
/** Arguments of the filesystem server's tools that hold one path, or a list of paths. */
const PATH_KEYS = new Set(["path", "source", "destination"]);
const PATH_LIST_KEYS = new Set(["paths"]);

/** The allowed folders of each filesystem server in the config, by server name (absolute). */
export function filesystemFolders(servers: readonly ServerConfig[], cwd: string): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  for (const server of servers) {
    if (server.transport !== "stdio") continue;
    const at = server.args.findIndex((arg) => arg.includes(FILESYSTEM_PACKAGE));
    if (at === -1) continue;
    const base = server.cwd === undefined ? cwd : resolve(cwd, server.cwd);
    folders.set(
      server.name,
      server.args
        .slice(at + 1)
        .filter((arg) => !arg.startsWith("-"))
        .map((arg) => resolve(base, arg)),
    );
  }
  return folders;
}

export function withWorkingFolderPaths(hub: ToolHub, servers: readonly ServerConfig[], cwd: string): ToolHub {
  const folders = filesystemFolders(servers, cwd);
  if (folders.size === 0) return hub;
  return {
    tools: () => hub.tools(),
    callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<ToolResult> {
      const server = hub.tools().find((tool) => tool.name === name)?.server;
      const allowed = server === undefined ? undefined : folders.get(server);
      return hub.callTool(name, allowed === undefined ? args : rewritePaths(args, allowed, cwd), options);
    },
  };
}

export function rewritePaths(
  args: Record<string, unknown>,
  allowed: readonly string[],
  cwd: string,
): Record<string, unknown> {
  const fix = (value: unknown) =>
    typeof value === "string" ? fromWorkingFolder(value, allowed, cwd) : value;
  return Object.fromEntries(
    Object.entries(args).map(([key, value]) => {
      if (PATH_KEYS.has(key)) return [key, fix(value)];
      if (PATH_LIST_KEYS.has(key) && Array.isArray(value)) return [key, value.map(fix)];
      return [key, value];
    }),
  );
}

function fromWorkingFolder(path: string, allowed: readonly string[], cwd: string): string {
  if (path === "" || isAbsolute(path) || path.startsWith("~")) return path;
  const absolute = resolve(cwd, path);
  const inside = allowed.some((folder) => {
    const within = relative(folder, absolute);
    return within === "" || (!within.startsWith("..") && !isAbsolute(within));
  });
  return inside ? absolute : path;
}
