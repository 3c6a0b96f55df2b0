/** Messages about the memory's embedding model: the default and its fallback. Keys start with `embedder.`. */
import type { MessageTable } from "./message-table.js";

export const embedderMessages = {
  "embedder.fallback": {
    en: "! memory: the multilingual embedding model {model} is not available ({reason}); using USE-lite (English only, no download) instead, which a store built now keeps. To move to {model} once it can be downloaded (AGENTE_EMBEDDER_URL may name a mirror): `AGENTE_EMBEDDER=gguf agente memory reindex --full`; AGENTE_EMBEDDER=offline skips this attempt",
    es: "! memoria: el modelo de embeddings multilingüe {model} no está disponible ({reason}); se usa USE-lite (solo inglés, sin descarga), con el que se queda un almacén creado ahora. Para pasar a {model} cuando pueda descargarse (AGENTE_EMBEDDER_URL puede indicar una réplica): `AGENTE_EMBEDDER=gguf agente memory reindex --full`; AGENTE_EMBEDDER=offline omite este intento",
  },
} as const satisfies MessageTable;
