/**
 * The memory MCP server's contract: each tool's name, input and output as zod shapes. The server registers
 * its tools from them and callers (the agent's context retrieval) parse replies with them, so the two never
 * drift apart. Zod and the memory's record types only: anything may import this without pulling in a store.
 */
import { z } from "zod";
import { metadataSchema } from "../../memory/metadata-schema.js";
import { DEFAULT_COLLECTION } from "../../memory/types.js";

export { DEFAULT_COLLECTION, metadataSchema };

/** One passage as `recuperar_contexto` returns it. */
export const passageSchema = z.object({
  text: z.string(),
  source: z.string(),
  position: z.number(),
  score: z.number(),
  documentId: z.string(),
  collection: z.string(),
});

export const documentSchema = z.object({
  id: z.string(),
  source: z.string(),
  title: z.string(),
  collection: z.string(),
  chunkCount: z.number(),
  storedAt: z.string(),
});

export const rememberTool = {
  name: "memorizar_informacion",
  input: {
    texto: z.string().min(1).describe("The text to remember."),
    metadatos: metadataSchema.optional().describe('Optional key/value labels, e.g. {"tema": "clientes"}.'),
    coleccion: z
      .string()
      .min(1)
      .optional()
      .describe(`Collection to store it in (default "${DEFAULT_COLLECTION}").`),
  },
  output: { id: z.string(), source: z.string(), collection: z.string() },
} as const;

export const recallContextTool = {
  name: "recuperar_contexto",
  input: {
    pregunta: z.string().min(1).describe("The question or topic to find context for."),
    k: z.number().int().min(1).max(50).optional().describe("How many passages (default 3)."),
    coleccion: z.string().min(1).optional().describe("Search only this collection."),
  },
  output: { passages: z.array(passageSchema) },
} as const;

/** `recuperar_contexto`'s arguments and `structuredContent`, for callers. */
export const recallContextInput = z.object(recallContextTool.input);
export type RecallContextInput = z.infer<typeof recallContextInput>;
// Parsed loosely: a newer server may add fields, and a read-only tool the config names as the context
// source (`agent.context.tool`) need only give each passage its text and source.
export const recallContextOutput = z.looseObject({
  passages: z.array(
    passageSchema.partial({ position: true, score: true, documentId: true, collection: true }).loose(),
  ),
});
export type RecallContextOutput = z.infer<typeof recallContextOutput>;

export const searchDocumentsTool = {
  name: "buscar_documentos",
  input: {
    consulta: z.string().min(1).describe("What to look for."),
    k: z.number().int().min(1).max(50).optional().describe("How many documents (default 5)."),
    filtros: z
      .object({
        coleccion: z.string().min(1).optional(),
        fuente: z
          .string()
          .min(1)
          .optional()
          .describe("Keep documents whose source starts with this (a folder, a file)."),
        metadatos: metadataSchema.optional().describe("Keep documents having each of these metadata values."),
      })
      .optional(),
  },
  output: {
    documents: z.array(
      z.object({
        id: z.string(),
        source: z.string(),
        title: z.string(),
        collection: z.string(),
        score: z.number(),
        passages: z.array(z.object({ text: z.string(), position: z.number(), score: z.number() })),
      }),
    ),
  },
} as const;

export const listDocumentsTool = {
  name: "listar_documentos",
  input: {
    coleccion: z.string().min(1).optional(),
    fuente: z.string().min(1).optional().describe("Only sources starting with this."),
    limite: z.number().int().min(1).max(1000).optional().describe("Default 50."),
    desplazamiento: z.number().int().min(0).optional().describe("Skip this many (paging)."),
  },
  output: { documents: z.array(documentSchema) },
} as const;

export const forgetTool = {
  name: "olvidar",
  input: {
    id: z
      .string()
      .min(1)
      .optional()
      .describe("A document id (from listar_documentos or memorizar_informacion)."),
    fuente: z
      .string()
      .min(1)
      .optional()
      .describe("A source: a file path, a folder, or a note's nota:… source."),
    coleccion: z.string().min(1).optional().describe("With fuente: only in this collection."),
  },
  output: { forgotten: z.array(z.object({ id: z.string(), source: z.string() })) },
} as const;

export const ingestTool = {
  name: "ingerir_documentos",
  input: {
    rutas: z.array(z.string().min(1)).min(1).describe("Files or folders to ingest."),
    coleccion: z.string().min(1).optional(),
    podar: z.boolean().optional().describe("Also remove documents of these folders whose files are gone."),
  },
  output: {
    added: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    skipped: z.number(),
    refused: z.number(),
    failed: z.array(z.object({ path: z.string(), error: z.string() })),
    pruned: z.number(),
    chunks: z.number(),
  },
} as const;

/**
 * Who asks, as `agente serve` tells its own memory server in each call's `_meta` (never an argument: the
 * model writes arguments, only the host writes `_meta`). With it, searches and listings cover the shared
 * collections and that person's private one, and writes to the shared ones need `publish`. Without it
 * (the CLI, one person on one machine) everything is visible, as before people.
 */
export const PERSON_META_KEY = "agente/person";
export const personMetaSchema = z.looseObject({ id: z.string().min(1), publish: z.boolean() });
export type PersonMeta = z.infer<typeof personMetaSchema>;
