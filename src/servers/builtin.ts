/**
 * Where agente's own MCP servers live. They run on the same Node that runs agente (`process.execPath`),
 * from the built `dist/` tree, so they start fast and never need `npx` or the network.
 */
import { fileURLToPath } from "node:url";

export type BuiltinServerName = "memory" | "odoo";

export function builtinServerScript(name: BuiltinServerName): string {
  // This file is dist/servers/builtin.js once built; the entry points sit beside it.
  return fileURLToPath(new URL(`./${name}/main.js`, import.meta.url));
}

export function builtinServer(name: BuiltinServerName): { command: string; args: string[] } {
  return { command: process.execPath, args: [builtinServerScript(name)] };
}
