/**
 * agente's memory MCP server: the seed prototype's RAG tools (`memorizar_informacion`,
 * `recuperar_contexto`) plus `buscar_documentos`, `listar_documentos`, `olvidar` and `ingerir_documentos`,
 * over a persistent `Memory`. Built by a factory so tests wire it to a client in memory or over stdio.
 */

import type { CallToolResult } from "@modelcontextprotocol/server";
import { McpServer } from "@modelcontextprotocol/server";
import { ingest } from "../../memory/ingest.js";
import type { InputLimits } from "../../memory/input-limits.js";
import type { Memory } from "../../memory/memory.js";
import type { Passage } from "../../memory/search.js";
import type { Metadata, SearchFilter } from "../../memory/types.js";
import { AgenteError } from "../../util/errors.js";
import { agenteVersion } from "../../util/version.js";
import {
  forgetTool,
  ingestTool,
  listDocumentsTool,
  recallContextTool,
  rememberTool,
  searchDocumentsTool,
} from "./contract.js";
import { mayForget, personOfCall, scopedFilter, writableCollection } from "./person-scope.js";

export interface MemoryServerDeps {
  memory: Memory;
  /** Folders `ingerir_documentos` may read (AGENTE_MEMORY_ROOTS). */
  roots: string[];
  /** Resolves relative paths given to `ingerir_documentos`. */
  cwd: string;
  version?: string;
  /** Most bytes of one file and of what it expands to (AGENTE_MAX_FILE_BYTES, AGENTE_MAX_EXTRACTED_BYTES). */
  limits?: InputLimits;
}

export function createMemoryServer(deps: MemoryServerDeps): McpServer {
  const server = new McpServer({ name: "agente-memory", version: deps.version ?? agenteVersion() });
  const { memory } = deps;
  server.registerTool(
    rememberTool.name,
    {
      title: "Memorize information",
      description:
        "Stores a note (a fact, a preference, a summary) in long-term memory so it can be recalled later. Returns its id.",
      inputSchema: rememberTool.input,
      outputSchema: rememberTool.output,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    withHint(async ({ texto, metadatos, coleccion }, extra) => {
      const collection = writableCollection(coleccion, personOfCall(extra.mcpReq._meta));
      const document = await memory.remember(texto, (metadatos ?? {}) as Metadata, collection);
      const structured = { id: document.id, source: document.source, collection: document.collection };
      return result(`Stored note ${document.id}.`, structured, memory);
    }),
  );
  server.registerTool(
    recallContextTool.name,
    {
      title: "Retrieve context",
      description:
        "Finds the passages of the user's documents and notes most relevant to a question (hybrid keyword + semantic search). Use it before answering questions about stored knowledge.",
      inputSchema: recallContextTool.input,
      outputSchema: recallContextTool.output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    withHint(async ({ pregunta, k, coleccion }, extra) => {
      const filter = scopedFilter(
        coleccion === undefined ? {} : { collection: coleccion },
        personOfCall(extra.mcpReq._meta),
      );
      const passages = await memory.search(pregunta, { k: k ?? 3, filter, signal: extra.mcpReq.signal });
      const structured = { passages: passages.map(toPassage) };
      const text =
        passages.length === 0
          ? "No relevant context found in memory."
          : passages.map((passage, index) => renderPassage(passage, index)).join("\n\n");
      return result(text, structured, memory);
    }),
  );
  server.registerTool(
    searchDocumentsTool.name,
    {
      title: "Search documents",
      description:
        "Finds the stored documents most relevant to a query, each with its best passages. Filters: collection, source prefix (a folder), metadata values.",
      inputSchema: searchDocumentsTool.input,
      outputSchema: searchDocumentsTool.output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    withHint(async ({ consulta, k, filtros }, extra) => {
      const filter: SearchFilter = {};
      if (filtros?.coleccion !== undefined) filter.collection = filtros.coleccion;
      if (filtros?.fuente !== undefined) filter.sourcePrefix = filtros.fuente;
      if (filtros?.metadatos !== undefined) filter.metadata = filtros.metadatos as Metadata;
      const matches = await memory.searchDocuments(consulta, {
        k: k ?? 5,
        filter: scopedFilter(filter, personOfCall(extra.mcpReq._meta)),
        signal: extra.mcpReq.signal,
      });
      const documents = matches.map((match) => ({
        id: match.document.id,
        source: match.document.source,
        title: match.document.title,
        collection: match.document.collection,
        score: round(match.score),
        passages: match.passages.map((passage) => ({
          text: passage.text,
          position: passage.position,
          score: round(passage.score),
        })),
      }));
      const text =
        documents.length === 0
          ? "No matching documents."
          : documents
              .map(
                (document, index) =>
                  `${index + 1}. ${document.title} (${document.source}, score ${document.score})\n   ${oneLine(document.passages[0]?.text ?? "", 200)}`,
              )
              .join("\n");
      return result(text, { documents }, memory);
    }),
  );
  server.registerTool(
    listDocumentsTool.name,
    {
      title: "List documents",
      description: "Lists the documents and notes in memory, newest first.",
      inputSchema: listDocumentsTool.input,
      outputSchema: listDocumentsTool.output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    withHint(async ({ coleccion, fuente, limite, desplazamiento }, extra) => {
      const filter: SearchFilter = {};
      if (coleccion !== undefined) filter.collection = coleccion;
      if (fuente !== undefined) filter.sourcePrefix = fuente;
      const stored = await memory.listDocuments(
        scopedFilter(filter, personOfCall(extra.mcpReq._meta)),
        limite ?? 50,
        desplazamiento ?? 0,
      );
      const documents = stored.map((document) => ({
        id: document.id,
        source: document.source,
        title: document.title,
        collection: document.collection,
        chunkCount: document.chunkCount,
        storedAt: new Date(document.storedAt).toISOString(),
      }));
      const text =
        documents.length === 0
          ? "Memory holds no documents."
          : documents
              .map((document) => `${document.id}  ${document.source}  (${document.chunkCount} passages)`)
              .join("\n");
      return result(text, { documents }, memory);
    }),
  );
  server.registerTool(
    forgetTool.name,
    {
      title: "Forget",
      description:
        "Deletes from memory a document or note by its id, or every document whose source is the given file or lies under the given folder.",
      inputSchema: forgetTool.input,
      outputSchema: forgetTool.output,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    withHint(async ({ id, fuente, coleccion }, extra) => {
      if (id === undefined && fuente === undefined) throw new Error("give either id or fuente");
      const person = personOfCall(extra.mcpReq._meta);
      const forgotten = await memory.forget({
        id,
        source: fuente,
        collection: coleccion,
        only: (document) => mayForget(document, person),
      });
      const structured = {
        forgotten: forgotten.map((document) => ({ id: document.id, source: document.source })),
      };
      const text =
        forgotten.length === 0
          ? "Nothing matched: memory is unchanged."
          : `Forgot ${forgotten.length} document(s).`;
      return result(text, structured, memory);
    }),
  );
  server.registerTool(
    ingestTool.name,
    {
      title: "Ingest documents",
      description:
        "Reads files or folders (text, Markdown, HTML, PDF, DOCX, CSV, JSON) into memory. Unchanged files are skipped. Only paths under the configured roots.",
      inputSchema: ingestTool.input,
      outputSchema: ingestTool.output,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    withHint(async ({ rutas, coleccion, podar }, extra) => {
      const report = await ingest(memory, {
        paths: rutas,
        collection: writableCollection(coleccion, personOfCall(extra.mcpReq._meta)),
        roots: deps.roots,
        cwd: deps.cwd,
        prune: podar ?? false,
        ...(deps.limits === undefined ? {} : { limits: deps.limits }),
        signal: extra.mcpReq.signal,
        // Progress notifications let a client that asked for them (progressToken) keep a long ingest alive.
        onProgress: async (progress) => {
          const progressToken = extra.mcpReq._meta?.progressToken;
          if (progressToken === undefined) return;
          await extra.mcpReq
            .notify({
              method: "notifications/progress",
              params: {
                progressToken,
                progress: progress.filesDone,
                total: progress.filesTotal,
                message: `${progress.chunks} passages`,
              },
            })
            .catch(() => {});
        },
      });
      const structured = {
        added: report.added,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.skippedBinary + report.skippedIgnored,
        refused: report.refused.length,
        // A path named that does not exist is a failure of that path; the others were ingested.
        failed: [
          ...report.missing.map((path) => ({ path, error: `${path} does not exist` })),
          ...report.failed,
        ],
        pruned: report.pruned,
        chunks: report.chunks,
      };
      const text = `Ingested ${report.added} new and ${report.updated} changed file(s) (${report.chunks} passages); ${report.unchanged} unchanged, ${structured.skipped} skipped, ${structured.refused} refused, ${structured.failed.length} failed, ${report.pruned} pruned.`;
      return result(text, structured, memory);
    }),
  );

  return server;
}

/**
 * The SDK turns a thrown error into an `isError` result with its message; add the hint (what to do) so the
 * model and the user see it too.
 */
function withHint<Args extends unknown[]>(
  handler: (...args: Args) => Promise<CallToolResult>,
): (...args: Args) => Promise<CallToolResult> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof AgenteError && error.hint)
        throw new Error(`${error.message}; ${error.hint}`, { cause: error });
      throw error;
    }
  };
}

function toPassage(passage: Passage) {
  return {
    text: passage.text,
    source: passage.source,
    position: passage.position,
    score: round(passage.score),
    documentId: passage.documentId,
    collection: passage.collection,
  };
}

function renderPassage(passage: Passage, index: number): string {
  return `[${index + 1}] ${passage.source} #${passage.position} (score ${round(passage.score)})\n${passage.text}`;
}

/** A tool result with its text rendering, plus the memory's one-time notice about degraded search. */
function result(text: string, structuredContent: Record<string, unknown>, memory: Memory): CallToolResult {
  const notice = memory.takeNotice();
  const content: CallToolResult["content"] = [{ type: "text", text }];
  if (notice) content.push({ type: "text", text: `Note: ${notice}` });
  return { content, structuredContent };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function oneLine(text: string, length: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
