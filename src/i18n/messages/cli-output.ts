/** What the commands print: findings, lists, summaries, progress. Keys start with `cliOutput.`. */
import type { MessageTable } from "./message-table.js";

export const cliOutputMessages = {
  "cliOutput.doctor.ok": { en: "ok ", es: "ok     " },
  "cliOutput.doctor.fix": { en: "FIX", es: "ARREGLA" },
  "cliOutput.doctor.config": { en: "config", es: "configuración" },
  "cliOutput.doctor.model": { en: "model", es: "modelo" },
  "cliOutput.doctor.server": { en: "server {name}", es: "servidor {name}" },
  "cliOutput.doctor.memory": { en: "memory", es: "memoria" },
  "cliOutput.doctor.memoryOf": { en: "memory ({server})", es: "memoria ({server})" },
  "cliOutput.doctor.prompt": { en: "prompt", es: "prompt" },
  "cliOutput.doctor.noConfig": {
    en: "no agente.json: built-in default servers",
    es: "no hay agente.json: servidores predeterminados",
  },
  "cliOutput.doctor.where": {
    en: "{provider} {model} at {location}",
    es: "{provider} {model} en {location}",
  },
  "cliOutput.doctor.ready": { en: "{where}: ready{details}", es: "{where}: listo{details}" },
  "cliOutput.doctor.version": { en: ", version {version}", es: ", versión {version}" },
  "cliOutput.doctor.window": {
    en: ", context up to {tokens} tokens",
    es: ", contexto de hasta {tokens} tokens",
  },
  "cliOutput.doctor.using": { en: ", using {tokens}", es: ", usando {tokens}" },
  "cliOutput.doctor.contextTooBig": {
    en: "--context-size {size} exceeds the model's {max}: lower it",
    es: "--context-size {size} supera el máximo del modelo, {max}: redúcelo",
  },
  "cliOutput.doctor.serverUp": {
    en: "up ({transport}), {tools} {tools:tool|tools}",
    es: "funciona ({transport}), {tools} {tools:herramienta|herramientas}",
  },
  "cliOutput.doctor.serverDisabled": { en: "disabled in the config", es: "desactivado en la configuración" },
  "cliOutput.doctor.serverState": { en: "{state}: {reason}", es: "{state}: {reason}" },
  "cliOutput.doctor.noReason": { en: "no reason given", es: "sin motivo" },
  "cliOutput.doctor.store": { en: "store {report}", es: "almacén {report}" },
  "cliOutput.doctor.storeUnreadable": {
    en: "cannot read its store report: {error}",
    es: "no se puede leer el informe de su almacén: {error}",
  },
  "cliOutput.doctor.contextTool": {
    en: "{tool} available: retrieved context is injected into each turn",
    es: "{tool} disponible: el contexto recuperado se añade a cada turno",
  },
  "cliOutput.doctor.noContextTool": {
    en: "no server offers {tool}: turns run without retrieved context",
    es: "ningún servidor ofrece {tool}: los turnos van sin contexto recuperado",
  },
  "cliOutput.doctor.promptSize": {
    en: "system prompt ~{tokens} tokens with {tools} {tools:tool|tools}",
    es: "prompt del sistema de ~{tokens} tokens con {tools} {tools:herramienta|herramientas}",
  },
  "cliOutput.doctor.promptTooBig": {
    en: "{detail}: too close to the {window}-token context window; disable servers you do not need or set toolRetrieval in agente.json",
    es: "{detail}: demasiado cerca de la ventana de contexto de {window} tokens; desactiva los servidores que no necesites o configura toolRetrieval en agente.json",
  },
  "cliOutput.doctor.promptWindow": { en: "{detail} (window {window})", es: "{detail} (ventana {window})" },
  "cliOutput.tools.none": {
    en: "no tools: run `agente servers` to see which servers are down",
    es: "no hay herramientas: ejecuta `agente servers` para ver qué servidores no funcionan",
  },
  "cliOutput.tools.readOnly": { en: "read-only", es: "solo lectura" },
  "cliOutput.tools.destructive": { en: "destructive", es: "destructiva" },
  "cliOutput.tools.error": { en: "tool error:", es: "error de la herramienta:" },
  "cliOutput.tools.resource": { en: "[resource {uri}]", es: "[recurso {uri}]" },
  "cliOutput.tools.content": { en: "[{type} content]", es: "[contenido {type}]" },
  "cliOutput.resources.none": { en: "no server offers resources", es: "ningún servidor ofrece recursos" },
  "cliOutput.resources.binary": { en: "[binary {mimeType}, {uri}]", es: "[binario {mimeType}, {uri}]" },
  "cliOutput.prompts.none": { en: "no server offers prompts", es: "ningún servidor ofrece plantillas" },
  "cliOutput.servers.state.starting": { en: "starting", es: "arrancando" },
  "cliOutput.servers.state.up": { en: "up", es: "activo" },
  "cliOutput.servers.state.restarting": { en: "restarting", es: "reiniciando" },
  "cliOutput.servers.state.down": { en: "down", es: "caído" },
  "cliOutput.servers.state.disabled": { en: "disabled", es: "desactivado" },
  "cliOutput.servers.tools": {
    en: "{count} {count:tool|tools}",
    es: "{count} {count:herramienta|herramientas}",
  },
  "cliOutput.servers.down": {
    en: "! server {name} is down: {reason} (see `agente doctor`)",
    es: "! el servidor {name} no funciona: {reason} (ver `agente doctor`)",
  },
  "cliOutput.servers.unknownReason": { en: "unknown reason", es: "motivo desconocido" },
  "cliOutput.runtime.rankerFallback": {
    en: "! tool retrieval falls back to words only: {error}",
    es: "! la selección de herramientas usa solo palabras: {error}",
  },
  "cliOutput.memory.store": { en: "store:     {location}{size}", es: "almacén:     {location}{size}" },
  "cliOutput.memory.embedder": { en: "embedder:  {name}", es: "embedder:    {name}" },
  "cliOutput.memory.noEmbedder": { en: "none (lexical search only)", es: "ninguno (solo búsqueda léxica)" },
  "cliOutput.memory.counts": {
    en: "documents: {documents}   passages: {passages}",
    es: "documentos:  {documents}   fragmentos: {passages}",
  },
  "cliOutput.memory.collection": {
    en: "  {name}: {documents} documents, {passages} passages ({vectors}{missing})",
    es: "  {name}: {documents} documentos, {passages} fragmentos ({vectors}{missing})",
  },
  "cliOutput.memory.vectors": { en: "{name}, {dimensions}-d", es: "{name}, {dimensions} dim." },
  "cliOutput.memory.noVectors": { en: "no vectors", es: "sin vectores" },
  "cliOutput.memory.withoutVector": { en: ", {count} without vector", es: ", {count} sin vector" },
  "cliOutput.memory.noDocuments": { en: "no documents", es: "no hay documentos" },
  "cliOutput.memory.document": {
    en: "{id}  {collection}  {source}  ({passages} passages)",
    es: "{id}  {collection}  {source}  ({passages} fragmentos)",
  },
  "cliOutput.memory.note": { en: "note: {notice}", es: "nota: {notice}" },
  "cliOutput.memory.noPassages": { en: "no relevant passages", es: "no hay fragmentos relevantes" },
  "cliOutput.memory.passage": {
    en: "[{rank}] {source} #{position}  score {score}",
    es: "[{rank}] {source} #{position}  puntuación {score}",
  },
  "cliOutput.memory.forgot": { en: "forgot {id}  {source}", es: "olvidado {id}  {source}" },
  "cliOutput.memory.nothingMatches": { en: "nothing matches {target}", es: "nada coincide con {target}" },
  "cliOutput.memory.reindexProgress": {
    en: "{done}/{total} passages embedded",
    es: "{done}/{total} fragmentos con vector",
  },
  "cliOutput.memory.reindexed": {
    en: 're-indexed {passages} passages of "{collection}" with {embedder} in {seconds} s',
    es: 'reindexados {passages} fragmentos de "{collection}" con {embedder} en {seconds} s',
  },
  "cliOutput.ingest.summary": {
    en: 'ingested into "{collection}": {parts}; {passages} passages in {seconds} s ({rate} passages/s)',
    es: 'guardado en "{collection}": {parts}; {passages} fragmentos en {seconds} s ({rate} fragmentos/s)',
  },
  "cliOutput.ingest.added": { en: "{count} added", es: "{count} añadidos" },
  "cliOutput.ingest.updated": { en: "{count} updated", es: "{count} actualizados" },
  "cliOutput.ingest.unchanged": { en: "{count} unchanged", es: "{count} sin cambios" },
  "cliOutput.ingest.skipped": {
    en: "{count} skipped ({binary} binary, {ignored} ignored)",
    es: "{count} omitidos ({binary} binarios, {ignored} ignorados)",
  },
  "cliOutput.ingest.refused": { en: "{count} refused", es: "{count} rechazados" },
  "cliOutput.ingest.failed": { en: "{count} failed", es: "{count} fallidos" },
  "cliOutput.ingest.pruned": { en: "{count} pruned", es: "{count} eliminados" },
  "cliOutput.ingest.refusedLine": {
    en: "  refused (outside the roots): {path}",
    es: "  rechazado (fuera de las raíces): {path}",
  },
  "cliOutput.ingest.skippedLine": { en: "  skipped: {path}: {reason}", es: "  omitido: {path}: {reason}" },
  "cliOutput.ingest.failedLine": { en: "  failed: {path}: {error}", es: "  falló: {path}: {error}" },
  "cliOutput.ingest.progress": {
    en: "{done}/{total} files  {passages} passages  {rate}/s  ",
    es: "{done}/{total} archivos  {passages} fragmentos  {rate}/s  ",
  },
  "cliOutput.init.wrote": { en: "wrote {file}", es: "se escribió {file}" },
  "cliOutput.init.enabled": { en: "enabled ", es: "activado   " },
  "cliOutput.init.disabled": { en: "disabled", es: "desactivado" },
  "cliOutput.init.databaseUrlPresent": {
    en: "DATABASE_URL: already in {file}",
    es: "DATABASE_URL: ya está en {file}",
  },
  "cliOutput.init.databaseUrlSaved": {
    en: "DATABASE_URL: saved to {file} (keep it out of version control)",
    es: "DATABASE_URL: guardada en {file} (mantenla fuera del control de versiones)",
  },
  "cliOutput.init.databaseUrlInEnvironment": {
    en: "note: DATABASE_URL is also set in your environment, and the environment wins over .env",
    es: "nota: DATABASE_URL también está definida en tu entorno, y el entorno tiene prioridad sobre .env",
  },
  "cliOutput.init.notBuilt": {
    en: "note: {script} does not exist yet: run `npm run build` in agente's folder",
    es: "nota: {script} aún no existe: ejecuta `npm run build` en la carpeta de agente",
  },
  "cliOutput.init.next": {
    en: "next: `agente servers` shows which servers start and what each one still needs",
    es: "siguiente paso: `agente servers` muestra qué servidores arrancan y qué le falta a cada uno",
  },
  "cliOutput.eval.scenario": {
    en: "[{done}/{total}] {id} {verdict} chose {chosen} (expected {expected})",
    es: "[{done}/{total}] {id} {verdict} eligió {chosen} (se esperaba {expected})",
  },
  "cliOutput.eval.ok": { en: "ok  ", es: "ok   " },
  "cliOutput.eval.fail": { en: "FAIL", es: "FALLO" },
  "cliOutput.eval.offered": {
    en: "  offered {offered}/{total}: {reasons}",
    es: "  ofrecidas {offered}/{total}: {reasons}",
  },
  "cliOutput.eval.rankerFallback": {
    en: "warning: tool ranking fell back to BM25: {error}",
    es: "aviso: la clasificación de herramientas pasó a BM25: {error}",
  },
  // cli-contact (issue 20): first contact.
  "cliOutput.tools.downServer": { en: "{name} is down: {reason}", es: "{name} está caído: {reason}" },
  "cliOutput.tools.downServerShort": { en: "{name} ({reason})", es: "{name} ({reason})" },
  "cliOutput.tools.unknownOneDown": {
    en: 'no connected server offers "{tool}", and server {servers}',
    es: 'ningún servidor conectado ofrece "{tool}", y el servidor {servers}',
  },
  "cliOutput.tools.unknownSomeDown": {
    en: 'no connected server offers "{tool}", and these servers are down: {servers}',
    es: 'ningún servidor conectado ofrece "{tool}", y estos servidores están caídos: {servers}',
  },
  "cliOutput.tools.unknownDownHint": {
    en: "fix what stops the server (`agente servers` shows it), then call the tool again",
    es: "arregla lo que impide arrancar al servidor (`agente servers` lo muestra) y vuelve a llamar a la herramienta",
  },
  "cliOutput.serve.portTaken": {
    en: "port {port} on {host} is taken: another program is listening there",
    es: "el puerto {port} de {host} está ocupado: otro programa escucha en él",
  },
  "cliOutput.serve.portDenied": {
    en: "port {port} on {host} may not be opened by this user",
    es: "este usuario no puede abrir el puerto {port} de {host}",
  },
  "cliOutput.serve.portTakenHint": {
    en: "pick another with --port (e.g. --port {port}), or stop the program that holds it",
    es: "elige otro con --port (p. ej. --port {port}), o para el programa que lo ocupa",
  },
} as const satisfies MessageTable;
