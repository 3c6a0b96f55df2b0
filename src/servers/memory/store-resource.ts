/**
 * `memoria://almacen`: where the memory lives (the store's location, never a password), how many
 * documents it holds and which embedder it uses, as JSON, so `agente doctor` can tell the user.
 */
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import type { Memory } from "../../memory/memory.js";

export const STORE_RESOURCE_URI = "memoria://almacen";

/** The resource's JSON, as the server writes it and `doctor` parses it. */
export const storeReportSchema = z.looseObject({
  location: z.string(),
  documentCount: z.number(),
  chunkCount: z.number(),
  embedder: z.string(),
});

export type StoreReport = z.infer<typeof storeReportSchema>;

export async function storeReport(memory: Memory, embedder: string): Promise<StoreReport> {
  const stats = await memory.stats();
  return {
    location: stats.location,
    documentCount: stats.documentCount,
    chunkCount: stats.chunkCount,
    embedder,
  };
}

/** `sqlite:/home/ana/.local/share/agente/memory.db, 12 documents, embedder offline`. */
export function formatStoreReport(report: StoreReport): string {
  return `${report.location}, ${report.documentCount} documents, embedder ${report.embedder}`;
}

export function registerStoreResource(server: McpServer, report: () => Promise<StoreReport>): void {
  server.registerResource(
    "almacen",
    STORE_RESOURCE_URI,
    {
      title: "Almacén de la memoria",
      description: "Where the memory lives (SQLite file or PostgreSQL), its size and its embedder",
      mimeType: "application/json",
    },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(await report()) }],
    }),
  );
}
