/**
 * The commands' own options, arguments and subcommands, as `--help` describes them (the flags several
 * commands share are in cli-flags.ts). Keys start with `cliCommands.<command>.`.
 */
import type { MessageTable } from "./message-table.js";

export const cliCommandMessages = {
  "cliCommands.json": { en: "print JSON for scripts", es: "imprime JSON para scripts" },
  "cliCommands.collection": { en: "only this collection", es: "solo esta colección" },
  "cliCommands.argsJson": { en: "the arguments as a JSON object", es: "los argumentos como objeto JSON" },
  "cliCommands.ask.question": {
    en: "the question (quote it, or pass several words)",
    es: "la pregunta (entre comillas, o en varias palabras)",
  },
  "cliCommands.ask.json": {
    en: "print {answer, steps, stopReason} as JSON",
    es: "imprime {answer, steps, stopReason} como JSON",
  },
  "cliCommands.doctor.json": { en: "print the findings as JSON", es: "imprime las comprobaciones como JSON" },
  "cliCommands.eval.scenarios": {
    en: "scenario file, one JSON object per line (see docs/eval.md)",
    es: "archivo de escenarios, un objeto JSON por línea (ver docs/eval.md)",
  },
  "cliCommands.eval.toolMode": { en: "json (default) | native", es: "json (por defecto) | native" },
  "cliCommands.eval.maxSteps": {
    en: "step limit per turn (default 6)",
    es: "límite de pasos por turno (por defecto 6)",
  },
  "cliCommands.eval.ranker": {
    en: "tool retrieval: lexical | hybrid | embedding | off (default: toolRetrieval.ranker, else lexical)",
    es: "selección de herramientas: lexical | hybrid | embedding | off (por defecto: toolRetrieval.ranker, si no lexical)",
  },
  "cliCommands.eval.toolBudget": {
    en: "tokens the tool list may take (default: 40% of the context size, 2,048 if unset)",
    es: "tokens que puede ocupar la lista de herramientas (por defecto: el 40 % del contexto, 2048 si no se fija)",
  },
  "cliCommands.eval.maxTools": {
    en: "most tools offered per turn",
    es: "máximo de herramientas ofrecidas por turno",
  },
  "cliCommands.eval.filter": {
    en: "only scenarios whose id matches",
    es: "solo los escenarios cuyo id coincida",
  },
  "cliCommands.eval.limit": {
    en: "only the first N scenarios (after --filter)",
    es: "solo los N primeros escenarios (tras --filter)",
  },
  "cliCommands.eval.catalogues": {
    en: "directory of fixture tool catalogues (default: ../servers beside the file, then agente's)",
    es: "carpeta de catálogos de herramientas de prueba (por defecto: ../servers junto al archivo, luego la de agente)",
  },
  "cliCommands.eval.trace": {
    en: "append every agent event of every scenario to this JSONL file",
    es: "añade cada evento del agente de cada escenario a este archivo JSONL",
  },
  "cliCommands.eval.json": { en: "print the report as JSON", es: "imprime el informe como JSON" },
  "cliCommands.eval.yes": {
    en: "approve calls to configured servers' tools that need approval without asking",
    es: "aprueba sin preguntar las llamadas a herramientas de servidores configurados que necesitan aprobación",
  },
  "cliCommands.ingest.collection": { en: "collection to store them in", es: "colección donde guardarlos" },
  "cliCommands.ingest.prune": {
    en: "remove documents of these folders whose files were deleted",
    es: "elimina los documentos de estas carpetas cuyos archivos se borraron",
  },
  "cliCommands.ingest.chunkSize": {
    en: "most characters per passage",
    es: "máximo de caracteres por fragmento",
  },
  "cliCommands.ingest.chunkOverlap": {
    en: "characters shared by neighbouring passages",
    es: "caracteres que comparten fragmentos vecinos",
  },
  "cliCommands.ingest.json": {
    en: "print the report as JSON for scripts",
    es: "imprime el informe como JSON para scripts",
  },
  "cliCommands.init.folder": {
    en: "folder the filesystem server may read (default: the current folder)",
    es: "carpeta que puede leer el servidor de archivos (por defecto: la carpeta actual)",
  },
  "cliCommands.init.databaseUrl": {
    en: "PostgreSQL connection string; saved to .env as DATABASE_URL, not in the config",
    es: "cadena de conexión de PostgreSQL; se guarda en .env como DATABASE_URL, no en la configuración",
  },
  "cliCommands.init.allowFileWrites": {
    en: "let the filesystem server write, edit and move files (default: read-only)",
    es: "permite al servidor de archivos escribir, editar y mover archivos (por defecto: solo lectura)",
  },
  "cliCommands.init.force": {
    en: "overwrite an existing config file",
    es: "sobrescribe un archivo de configuración existente",
  },
  "cliCommands.init.print": {
    en: "print the config on stdout instead of writing it",
    es: "imprime la configuración en stdout en lugar de escribirla",
  },
  "cliCommands.memory.stats": {
    en: "where the memory is, its collections, documents, passages and embedders",
    es: "dónde está la memoria, sus colecciones, documentos, fragmentos y embedders",
  },
  "cliCommands.memory.list": {
    en: "list stored documents and notes, newest first",
    es: "lista los documentos y notas guardados, los más recientes primero",
  },
  "cliCommands.memory.source": {
    en: "only sources starting with this (a folder)",
    es: "solo las fuentes que empiezan así (una carpeta)",
  },
  "cliCommands.memory.limit": { en: "at most this many", es: "como máximo tantos" },
  "cliCommands.memory.search": {
    en: "search the memory as the agent does (hybrid lexical + vector)",
    es: "busca en la memoria como lo hace el agente (híbrida: léxica + vectorial)",
  },
  "cliCommands.memory.k": { en: "how many passages", es: "cuántos fragmentos" },
  "cliCommands.memory.mode": { en: "how to rank passages", es: "cómo ordenar los fragmentos" },
  "cliCommands.memory.forget": {
    en: "delete documents by id, or by source (a file, a folder: everything under it, a nota:… id)",
    es: "borra documentos por id o por fuente (un archivo, una carpeta: todo lo que contiene, un id nota:…)",
  },
  "cliCommands.memory.forgetCollection": {
    en: "with a source: only in this collection",
    es: "con una fuente: solo en esta colección",
  },
  "cliCommands.memory.reindex": {
    en: "embed passages that have no vector, or re-embed a collection with the current embedder",
    es: "calcula los vectores que faltan, o los de toda una colección con el embedder actual",
  },
  "cliCommands.memory.reindexCollection": { en: "the collection", es: "la colección" },
  "cliCommands.memory.full": {
    en: "drop every vector and re-embed all passages",
    es: "descarta todos los vectores y vuelve a calcularlos",
  },
  "cliCommands.models.list": {
    en: "the cached models and partial downloads",
    es: "los modelos en caché y las descargas a medias",
  },
  "cliCommands.models.pull": {
    en: "download a model into the cache now (resumes a partial download)",
    es: "descarga ahora un modelo a la caché (reanuda una descarga a medias)",
  },
  "cliCommands.models.url": {
    en: "a GGUF URL (default: AGENTE_GGUF_URL, model.ggufUrl, or agente's default model)",
    es: "una URL de GGUF (por defecto: AGENTE_GGUF_URL, model.ggufUrl o el modelo por defecto de agente)",
  },
  "cliCommands.models.sha256": {
    en: "refuse the file unless its sha256 is this",
    es: "rechaza el archivo si su sha256 no es este",
  },
  "cliCommands.models.rm": {
    en: "delete a cached model (and its partial download)",
    es: "borra un modelo de la caché (y su descarga a medias)",
  },
  "cliCommands.models.name": {
    en: "file name from `agente models list`",
    es: "nombre de archivo de `agente models list`",
  },
  "cliCommands.resources.list": {
    en: "list every server's resources",
    es: "lista los recursos de cada servidor",
  },
  "cliCommands.resources.read": { en: "read one resource", es: "lee un recurso" },
  "cliCommands.resources.server": { en: "the server that offers it", es: "el servidor que lo ofrece" },
  "cliCommands.resources.uri": { en: "the resource URI", es: "la URI del recurso" },
  "cliCommands.prompts.list": {
    en: "list every server's prompts",
    es: "lista las plantillas de cada servidor",
  },
  "cliCommands.prompts.get": {
    en: "render one prompt with arguments",
    es: "genera una plantilla con argumentos",
  },
  "cliCommands.prompts.name": { en: "the prompt's exposed name", es: "el nombre expuesto de la plantilla" },
  "cliCommands.prompts.args": {
    en: "the arguments as a JSON object of strings",
    es: "los argumentos como objeto JSON de cadenas",
  },
  "cliCommands.serve.host": {
    en: "address to listen on (default {host}; others need AGENTE_API_KEY)",
    es: "dirección en la que escuchar (por defecto {host}; otras necesitan AGENTE_API_KEY)",
  },
  "cliCommands.serve.port": {
    en: "port to listen on (default {port})",
    es: "puerto en el que escuchar (por defecto {port})",
  },
  "cliCommands.serve.toolMode": {
    en: "json (default) or native tool calling",
    es: "json (por defecto) o llamadas a herramientas nativas",
  },
  "cliCommands.servers.json": {
    en: "print the status as JSON for scripts",
    es: "imprime el estado como JSON para scripts",
  },
  "cliCommands.tools.list": {
    en: "list every exposed tool with its server and description",
    es: "lista cada herramienta expuesta con su servidor y su descripción",
  },
  "cliCommands.tools.listJson": {
    en: "print the tools (with input schemas and annotations) as JSON",
    es: "imprime las herramientas (con esquemas de entrada y anotaciones) como JSON",
  },
  "cliCommands.tools.call": {
    en: "call one tool through the hub and print its result",
    es: "llama a una herramienta a través del hub e imprime su resultado",
  },
  "cliCommands.tools.name": {
    en: "the tool's exposed name (see `agente tools list`)",
    es: "el nombre expuesto de la herramienta (ver `agente tools list`)",
  },
  "cliCommands.tools.timeout": {
    en: "call timeout in milliseconds (default: the server's, 60000)",
    es: "tiempo límite de la llamada en milisegundos (por defecto: el del servidor, 60000)",
  },
  "cliCommands.tools.callJson": {
    en: "print the whole result (content, structuredContent, isError) as JSON",
    es: "imprime el resultado completo (content, structuredContent, isError) como JSON",
  },
  "cliCommands.tools.yes": {
    en: "approve the call if it needs approval (destructive, or a requireApproval server)",
    es: "aprueba la llamada si necesita aprobación (destructiva, o de un servidor con requireApproval)",
  },
} as const satisfies MessageTable;
