/** Messages about local model files: the cache, downloads, and which model a run uses. Keys start with `models.`. */
import type { MessageTable } from "./message-table.js";

export const modelsMessages = {
  "models.chosen.ollama": {
    en: "model: ollama {model} at {url}",
    es: "modelo: ollama {model} en {url}",
  },
  "models.chosen.embeddedNoOllama": {
    en: "model: embedded {model} (no Ollama at {url})",
    es: "modelo: integrado {model} (no hay Ollama en {url})",
  },
  "models.chosen.neither": {
    en: "no model to run: no Ollama with {model} at {url}, and {reason}",
    es: "no hay modelo que usar: no hay Ollama con {model} en {url}, y {reason}",
  },
  "models.chosen.embeddedNoModel": {
    en: "model: embedded {model} (Ollama at {url} has no {ollamaModel}; `ollama pull {ollamaModel}` to use it)",
    es: "modelo: integrado {model} (el Ollama de {url} no tiene {ollamaModel}; `ollama pull {ollamaModel}` para usarlo)",
  },
  "models.download.start": {
    en: "downloading {name} ({size}) from {url} into {folder}",
    es: "descargando {name} ({size}) de {url} en {folder}",
  },
  "models.download.resume": {
    en: "resuming {name} at {done} of {size}",
    es: "reanudando {name} en {done} de {size}",
  },
  "models.download.progressBar": {
    en: "{bar} {percent}% {done} / {size}  {speed}/s  {left} left",
    es: "{bar} {percent}% {done} / {size}  {speed}/s  quedan {left}",
  },
  "models.download.progressLine": {
    en: "{name}: {percent}% ({done} of {size}, {speed}/s)",
    es: "{name}: {percent}% ({done} de {size}, {speed}/s)",
  },
  "models.download.done": {
    en: "downloaded {name} ({size}) in {seconds} s",
    es: "descargado {name} ({size}) en {seconds} s",
  },
  "models.download.waiting": {
    en: "waiting for another agente process that is downloading {name}",
    es: "esperando a otro proceso de agente que está descargando {name}",
  },
  "models.download.retry": {
    en: "the download of {name} was interrupted ({reason}); resuming",
    es: "la descarga de {name} se interrumpió ({reason}); reanudando",
  },
  "models.error.unreachable": {
    en: "cannot download {name}: {url} is not reachable ({reason})",
    es: "no se puede descargar {name}: {url} no responde ({reason})",
  },
  "models.error.unreachableHint": {
    en: "connect to the network and run again, or set AGENTE_GGUF to a GGUF file you have",
    es: "conéctate a la red y vuelve a ejecutarlo, o pon en AGENTE_GGUF un fichero GGUF que tengas",
  },
  "models.error.status": {
    en: "cannot download {name}: {url} answered {status}",
    es: "no se puede descargar {name}: {url} respondió {status}",
  },
  "models.error.statusHint": {
    en: "check the address in AGENTE_GGUF_URL (or model.ggufUrl), or set AGENTE_GGUF to a local GGUF file",
    es: "revisa la dirección de AGENTE_GGUF_URL (o model.ggufUrl), o pon en AGENTE_GGUF un fichero GGUF local",
  },
  "models.error.interrupted": {
    en: "the download of {name} was interrupted {attempts} times ({reason})",
    es: "la descarga de {name} se interrumpió {attempts} veces ({reason})",
  },
  "models.error.interruptedHint": {
    en: "run the command again: the download resumes where it stopped",
    es: "vuelve a ejecutar la orden: la descarga sigue donde se quedó",
  },
  "models.error.checksum": {
    en: "the download of {name} does not match its sha256 (expected {expected}, got {actual}); the file was deleted",
    es: "la descarga de {name} no coincide con su sha256 (se esperaba {expected}, llegó {actual}); se ha borrado el fichero",
  },
  "models.error.checksumHint": {
    en: "check AGENTE_GGUF_URL and AGENTE_GGUF_SHA256; a proxy or mirror may serve another file",
    es: "revisa AGENTE_GGUF_URL y AGENTE_GGUF_SHA256; un proxy o una réplica puede servir otro fichero",
  },
  "models.error.size": {
    en: "the download of {name} ended at {done} of {size}; the partial file was deleted",
    es: "la descarga de {name} terminó en {done} de {size}; se ha borrado el fichero parcial",
  },
  "models.error.notCached": {
    en: "no cached model named {name} in {folder}",
    es: "no hay ningún modelo llamado {name} en {folder}",
  },
  "models.error.notCachedHint": {
    en: "`agente models list` shows the cached models",
    es: "`agente models list` muestra los modelos guardados",
  },
  "models.list.empty": {
    en: "no models in {folder} (the embedded model is downloaded on first use, or with `agente models pull`)",
    es: "no hay modelos en {folder} (el modelo integrado se descarga al usarlo por primera vez, o con `agente models pull`)",
  },
  "models.list.header": { en: "models in {folder}:", es: "modelos en {folder}:" },
  "models.list.partial": { en: "partial download", es: "descarga a medias" },
  "models.list.default": { en: "default", es: "por defecto" },
  "models.pull.present": {
    en: "{name} is already in {folder}",
    es: "{name} ya está en {folder}",
  },
  "models.doctor.notDownloaded": {
    en: "{path} (not downloaded yet: the first question downloads it, or run `agente models pull`)",
    es: "{path} (aún sin descargar: la primera pregunta lo descarga, o ejecuta `agente models pull`)",
  },
  // cli-contact (issue 20): no model to be had, said truthfully and in one language.
  "models.chosen.neitherHint": {
    en: "connect to the network and run again (or `agente models pull`), set AGENTE_GGUF to a GGUF file you have, or start Ollama",
    es: "conéctate a la red y vuelve a ejecutarlo (o `agente models pull`), pon en AGENTE_GGUF un fichero GGUF que tengas, o arranca Ollama",
  },
  "models.doctor.cannotFetch": {
    en: "not downloaded, and it cannot be fetched: {reason}",
    es: "no está descargado y no se puede obtener: {reason}",
  },
  "models.rm.done": { en: "removed {name}", es: "borrado {name}" },
} as const satisfies MessageTable;
