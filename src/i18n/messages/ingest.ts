/**
 * What ingest says about single files: why one was skipped, that one held no text, that a named path is
 * missing, that nothing was ingested, and that a store built offline is English only. Keys start with
 * `ingest.`.
 */
import type { MessageTable } from "./message-table.js";

export const ingestMessages = {
  "ingest.binaryByName": {
    en: "binary by its name ({extension}), not read",
    es: "binario por su nombre ({extension}), no se lee",
  },
  "ingest.binaryNul": {
    en: "binary content (NUL bytes), not text",
    es: "contenido binario (bytes NUL), no es texto",
  },
  "ingest.binaryControl": {
    en: "binary content ({percent}% control characters), not text",
    es: "contenido binario ({percent} % de caracteres de control), no es texto",
  },
  "ingest.emptyLine": {
    en: "  empty: {path}: no text in it, nothing to search (stored so a later ingest sees it unchanged)",
    es: "  vacío: {path}: no contiene texto, no hay nada que buscar (se guarda para que otra ingesta lo vea sin cambios)",
  },
  "ingest.empty": { en: "{count} empty", es: "{count} vacíos" },
  "ingest.missing": { en: "{count} missing", es: "{count} inexistentes" },
  "ingest.missingLine": {
    en: "  missing: {path} does not exist: check the path",
    es: "  inexistente: {path} no existe: revisa la ruta",
  },
  "ingest.nothingIngested": {
    en: "nothing was ingested: every file named was skipped, missing or failed (see above)",
    es: "no se guardó nada: todos los archivos indicados se omitieron, no existen o fallaron (ver arriba)",
  },
  "ingest.englishOnly": {
    en: "! {collection}: indexed with USE-lite ({embedder}), which understands English only. Once the multilingual model {model} can be downloaded: `AGENTE_EMBEDDER=gguf agente memory reindex --full --collection {collection}`",
    es: "! {collection}: indexada con USE-lite ({embedder}), que solo entiende inglés. Cuando pueda descargarse el modelo multilingüe {model}: `AGENTE_EMBEDDER=gguf agente memory reindex --full --collection {collection}`",
  },
} as const satisfies MessageTable;
