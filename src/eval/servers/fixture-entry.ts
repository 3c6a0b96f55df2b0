/**
 * How to start an evaluation fixture server: an `mcpServers` entry running `main` on this same Node. From
 * the built package that is `dist/eval/servers/main.js`; from the sources (tests, `tsx`), `main.ts` through
 * tsx's loader.
 */
import { fileURLToPath } from "node:url";
import { parseServerEntry, type ServerConfig } from "../../config/server-config.js";
import { SystemError } from "../../util/errors.js";

export function fixtureServerEntry(cataloguePath: string): { command: string; args: string[]; cwd?: string } {
  const fromSources = import.meta.url.endsWith(".ts");
  const main = fileURLToPath(new URL(fromSources ? "./main.ts" : "./main.js", import.meta.url));
  if (!fromSources) return { command: process.execPath, args: [main, cataloguePath] };
  // `--import tsx` resolves from the working directory: run in the repository that holds tsx.
  const repository = fileURLToPath(new URL("../../../", import.meta.url));
  return { command: process.execPath, args: ["--import", "tsx", main, cataloguePath], cwd: repository };
}

export function fixtureServerConfig(name: string, cataloguePath: string): ServerConfig {
  const parsed = parseServerEntry(name, { ...fixtureServerEntry(cataloguePath), connectTimeoutMs: 60_000 });
  if (!parsed.ok)
    throw new SystemError(`bad fixture server entry for ${name}: ${parsed.field} ${parsed.problem}`);
  return parsed.config;
}
