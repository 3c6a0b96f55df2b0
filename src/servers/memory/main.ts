/**
 * Entry point of the memory MCP server (`dist/servers/memory/main.js`): reads the environment
 * (AGENTE_MEMORY_PATH / AGENTE_MEMORY_URL, AGENTE_EMBEDDER, AGENTE_MEMORY_ROOTS, see docs/memory.md) and
 * serves over stdio. Logs go to stderr: stdout carries the protocol.
 */
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { inputLimitsFromEnv } from "../../memory/input-limits.js";
import { memorySettings, openMemory } from "../../memory/open-memory.js";
import { AgenteError, errorMessage } from "../../util/errors.js";
import { createMemoryServer } from "./server.js";
import { formatStoreReport, registerStoreResource, storeReport } from "./store-resource.js";

async function main(): Promise<void> {
  const settings = memorySettings([process.env], process.cwd());
  const memory = await openMemory(settings);
  const server = createMemoryServer({
    memory,
    roots: settings.roots ?? [process.cwd()],
    cwd: process.cwd(),
    limits: inputLimitsFromEnv(process.env),
  });
  // The embedder in use: the one the store keeps, or for a new store the default (or its fallback, once chosen).
  const embedder = () => memory.embedder?.name ?? "none";
  registerStoreResource(server, () => storeReport(memory, embedder()));
  // Both protocol eras: the client's first message picks 2026-07-28 (server/discover) or 2025 (initialize).
  let serving: { close(): Promise<void> } | undefined;
  const shutdown = async () => {
    await (serving ?? server).close().catch(() => {});
    await memory.close().catch(() => {});
    process.exit(0);
  };
  process.stdin.on("close", shutdown);
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  serving = serveStdio(() => server);
  // The embedding model loads on first use: loading it here would slow every start, even sessions
  // that never search.
  process.stderr.write(`agente memory server: ${formatStoreReport(await storeReport(memory, embedder()))}\n`);
}

main().catch((error: unknown) => {
  const hint = error instanceof AgenteError && error.hint ? ` (${error.hint})` : "";
  process.stderr.write(`agente memory server: ${errorMessage(error)}${hint}\n`);
  process.exit(1);
});
