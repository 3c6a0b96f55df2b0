/** Messages of `agente serve` (the server's own lines and its login page). Keys start with `serve.`. */
import type { MessageTable } from "./message-table.js";

export const serveMessages = {
  "serve.listening": {
    en: "agente serve: {url} (model {model}, {servers} servers up, conversations in {store})",
    es: "agente serve: {url} (modelo {model}, {servers} servidores activos, conversaciones en {store})",
  },
  "serve.needsKey": {
    en: "binding {host} needs AGENTE_API_KEY: set it (a long random value) or bind 127.0.0.1",
    es: "escuchar en {host} necesita AGENTE_API_KEY: defínela (un valor largo y aleatorio) o usa 127.0.0.1",
  },
  "serve.stopping": { en: "agente serve: stopping", es: "agente serve: deteniéndose" },
  "serve.loginTitle": { en: "agente: sign in", es: "agente: entrar" },
  "serve.loginPrompt": {
    en: "This server needs its API key. You give it once; the browser keeps a cookie.",
    es: "Este servidor pide su clave de API. Se da una vez; el navegador guarda una cookie.",
  },
  "serve.loginKey": { en: "API key", es: "Clave de API" },
  "serve.loginButton": { en: "Sign in", es: "Entrar" },
  "serve.loginWrong": { en: "That key is not right.", es: "Esa clave no es correcta." },
  "serve.pageMissing": {
    en: "the web page is not built: run npm run build",
    es: "la página web no está construida: ejecuta npm run build",
  },
  // web-chat: the store check and the chat's status.
  "serve.storeReadOnly": {
    en: "the conversation store {path} cannot be written ({reason}): no question will be answered until it can",
    es: "no se puede escribir en el almacén de conversaciones {path} ({reason}): no se responderá ninguna pregunta hasta que se pueda",
  },
  "serve.storeUnopenable": {
    en: "cannot open the conversation store {path} ({reason})",
    es: "no se puede abrir el almacén de conversaciones {path} ({reason})",
  },
  "serve.storeReadOnlyHint": {
    en: "give agente write access to the file and its folder, or set AGENTE_CONVERSATIONS_PATH",
    es: "da a agente permiso de escritura en el archivo y su carpeta, o define AGENTE_CONVERSATIONS_PATH",
  },
  // cli-contact (issue 20): a damaged conversation store, named with the way out.
  "serve.storeCorrupt": {
    en: "the conversation store {file} is damaged or not a SQLite database",
    es: "el almacén de conversaciones {file} está dañado o no es una base de datos SQLite",
  },
  "serve.storeCorruptHint": {
    en: "move it aside (mv {file} {file}.broken) and start again: a new, empty store is made; or point AGENTE_CONVERSATIONS_PATH at another file",
    es: "apártalo (mv {file} {file}.broken) y vuelve a arrancar: se crea un almacén nuevo y vacío; o apunta AGENTE_CONVERSATIONS_PATH a otro fichero",
  },
} as const satisfies MessageTable;
