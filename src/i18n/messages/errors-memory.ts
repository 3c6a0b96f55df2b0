/** Errors of the document memory that `agente ingest` and `agente memory` print. Keys start with `errorsMemory.`. */
import type { MessageTable } from "./message-table.js";

export const errorsMemoryMessages = {
  "errorsMemory.badUrl": {
    en: "AGENTE_MEMORY_URL must be a postgres:// connection string",
    es: "AGENTE_MEMORY_URL debe ser una cadena de conexión postgres://",
  },
  "errorsMemory.badUrlHint": {
    en: "unset it to use the SQLite file (AGENTE_MEMORY_PATH), or give postgres://user:password@host/db",
    es: "quítala para usar el fichero SQLite (AGENTE_MEMORY_PATH), o da postgres://usuario:contraseña@host/bd",
  },
  "errorsMemory.outsideRoots": {
    en: "{path} is outside the memory's allowed roots ({roots})",
    es: "{path} está fuera de las carpetas permitidas de la memoria ({roots})",
  },
  "errorsMemory.outsideRootsHint": {
    en: "ingest a path under a root, or add its folder to AGENTE_MEMORY_ROOTS",
    es: "ingiere una ruta dentro de una de ellas, o añade su carpeta a AGENTE_MEMORY_ROOTS",
  },
  "errorsMemory.missingPath": { en: "{path} does not exist", es: "{path} no existe" },
  "errorsMemory.missingPathHint": { en: "check the path", es: "revisa la ruta" },
  "errorsMemory.badByteCount": {
    en: '{name} must be a whole number of bytes, not "{raw}"',
    es: '{name} debe ser un número entero de bytes, no "{raw}"',
  },
  "errorsMemory.badByteCountHint": { en: "e.g. {name}={fallback}", es: "p. ej. {name}={fallback}" },
  "errorsMemory.emptyNote": { en: "the note is empty", es: "la nota está vacía" },
  "errorsMemory.emptyNoteHint": { en: "pass the text to remember", es: "pasa el texto que hay que recordar" },
  "errorsMemory.noEmbedder": {
    en: "no embedder is configured, there is nothing to re-index with",
    es: "no hay ningún embedder configurado, no hay con qué reindexar",
  },
  "errorsMemory.noEmbedderHint": {
    en: "set AGENTE_EMBEDDER=offline (the default), ollama or openai",
    es: "pon AGENTE_EMBEDDER=offline (el valor por defecto), ollama u openai",
  },
  "errorsMemory.noCollection": {
    en: 'no collection named "{collection}"',
    es: 'no hay ninguna colección llamada "{collection}"',
  },
  "errorsMemory.noCollectionHint": { en: "see `agente memory stats`", es: "mira `agente memory stats`" },
  "errorsMemory.embedderMismatch": {
    en: 'collection "{collection}" was indexed with embedder {stored}, not {requested}',
    es: 'la colección "{collection}" se indexó con el embedder {stored}, no con {requested}',
  },
  "errorsMemory.embedderMismatchHint": {
    en: "run `agente memory reindex --collection {collection}` to re-embed it with {name}, or set AGENTE_EMBEDDER={storedName}",
    es: "ejecuta `agente memory reindex --collection {collection}` para volver a calcularla con {name}, o pon AGENTE_EMBEDDER={storedName}",
  },
  "errorsMemory.embedder": {
    en: "{name} ({dimensions} dimensions)",
    es: "{name} ({dimensions} dimensiones)",
  },
  "errorsMemory.unknownEmbedder": {
    en: 'unknown embedder "{spec}" in AGENTE_EMBEDDER',
    es: 'embedder desconocido "{spec}" en AGENTE_EMBEDDER',
  },
  "errorsMemory.unknownEmbedderHint": {
    en: "use offline, gguf[:url or file], ollama[:model], openai[:model] or none",
    es: "usa offline, gguf[:url o fichero], ollama[:modelo], openai[:modelo] o none",
  },
  "errorsMemory.cannotOpenSqlite": {
    en: "cannot open the memory database {path}",
    es: "no se puede abrir la base de datos de la memoria {path}",
  },
  "errorsMemory.cannotOpenSqliteHint": {
    en: "check that the folder is writable, or set AGENTE_MEMORY_PATH to another file",
    es: "comprueba que se puede escribir en la carpeta, o pon en AGENTE_MEMORY_PATH otro fichero",
  },
} as const satisfies MessageTable;
