/** Errors of the model providers (Ollama, OpenAI-compatible servers, llama.cpp) the user meets. Keys start with `errorsModel.`. */
import type { MessageTable } from "./message-table.js";

export const errorsModelMessages = {
  "errorsModel.problemWithHint": { en: "{message}; {hint}", es: "{message}; {hint}" },
  "errorsModel.openai.notServed": {
    en: "model {model} is not served at {location} (it serves: {served}): pick one with --model",
    es: "el modelo {model} no se sirve en {location} (sirve: {served}): elige uno con --model",
  },
  "errorsModel.unreachable": { en: "{message} ({detail})", es: "{message} ({detail})" },
  "errorsModel.ollama.unreachable": {
    en: "Ollama is not reachable at {location}",
    es: "Ollama no responde en {location}",
  },
  "errorsModel.ollama.unreachableHint": {
    en: "start it with `ollama serve` (or set OLLAMA_HOST / --base-url to where it runs)",
    es: "arráncalo con `ollama serve` (o pon en OLLAMA_HOST / --base-url dónde se ejecuta)",
  },
  "errorsModel.ollama.notPulled": {
    en: "model {model} is not available in Ollama at {location}: run `ollama pull {model}`",
    es: "el modelo {model} no está en el Ollama de {location}: ejecuta `ollama pull {model}`",
  },
  "errorsModel.ollama.notPulledHint": {
    en: "or pick a pulled model with --model (see `ollama list`); Ollama said: {detail}",
    es: "o elige un modelo descargado con --model (mira `ollama list`); Ollama dijo: {detail}",
  },
  "errorsModel.ollama.http": {
    en: "Ollama at {location} answered HTTP {status}: {detail}",
    es: "Ollama en {location} respondió HTTP {status}: {detail}",
  },
  "errorsModel.ollama.logHint": {
    en: "check the Ollama server log (`ollama serve`)",
    es: "revisa el registro del servidor de Ollama (`ollama serve`)",
  },
  "errorsModel.ollama.failed": {
    en: "Ollama failed while answering: {detail}",
    es: "Ollama falló mientras respondía: {detail}",
  },
  "errorsModel.ollama.cutShort": {
    en: "Ollama closed the reply before it was complete",
    es: "Ollama cerró la respuesta antes de terminarla",
  },
  "errorsModel.ollama.emptyReply": {
    en: "Ollama sent an empty reply",
    es: "Ollama envió una respuesta vacía",
  },
  "errorsModel.ollama.shortLogHint": {
    en: "check the Ollama server log",
    es: "revisa el registro del servidor de Ollama",
  },
  "errorsModel.openai.unreachable": {
    en: "no OpenAI-compatible server is reachable at {location}",
    es: "no responde ningún servidor compatible con OpenAI en {location}",
  },
  "errorsModel.openai.unreachableHint": {
    en: "start the model server or fix --base-url / OPENAI_BASE_URL",
    es: "arranca el servidor del modelo o corrige --base-url / OPENAI_BASE_URL",
  },
  "errorsModel.openai.refusedKey": {
    en: "the server at {location} refused the API key (HTTP {status})",
    es: "el servidor de {location} rechazó la clave de API (HTTP {status})",
  },
  "errorsModel.openai.refusedKeyHint": {
    en: "set OPENAI_API_KEY to a valid key",
    es: "pon en OPENAI_API_KEY una clave válida",
  },
  "errorsModel.openai.noModel": {
    en: "model {model} is not available at {location}: {detail}",
    es: "el modelo {model} no está disponible en {location}: {detail}",
  },
  "errorsModel.openai.noModelHint": {
    en: "check --model and --base-url (it must end in /v1)",
    es: "revisa --model y --base-url (debe terminar en /v1)",
  },
  "errorsModel.openai.http": {
    en: "the server at {location} answered HTTP {status}: {detail}",
    es: "el servidor de {location} respondió HTTP {status}: {detail}",
  },
  "errorsModel.openai.logHint": {
    en: "check the model server's log",
    es: "revisa el registro del servidor del modelo",
  },
  "errorsModel.openai.noChoices": {
    en: "the server at {location} sent a reply without choices",
    es: "el servidor de {location} envió una respuesta sin opciones (choices)",
  },
  "errorsModel.llamaCpp.needsFile": {
    en: "the llama-cpp provider needs a model file",
    es: "el proveedor llama-cpp necesita un fichero de modelo",
  },
  "errorsModel.llamaCpp.needsFileHint": {
    en: "pass --gguf PATH (or set AGENTE_GGUF, or model.gguf in agente.json)",
    es: "pasa --gguf RUTA (o pon AGENTE_GGUF, o model.gguf en agente.json)",
  },
  "errorsModel.llamaCpp.fileMissing": {
    en: "GGUF model file not found: {path}",
    es: "no se encuentra el fichero de modelo GGUF: {path}",
  },
  "errorsModel.llamaCpp.fileMissingHint": {
    en: "pass an existing file with --gguf or AGENTE_GGUF",
    es: "pasa un fichero que exista con --gguf o AGENTE_GGUF",
  },
  "errorsModel.llamaCpp.noNativeTools": {
    en: "--tool-mode native is not supported by the llama-cpp provider",
    es: "el proveedor llama-cpp no admite --tool-mode native",
  },
  "errorsModel.llamaCpp.noNativeToolsHint": {
    en: "use --tool-mode json (the default)",
    es: "usa --tool-mode json (el valor por defecto)",
  },
  "errorsModel.llamaCpp.cannotLoad": {
    en: "llama.cpp could not load {path}: {detail}",
    es: "llama.cpp no pudo cargar {path}: {detail}",
  },
  "errorsModel.llamaCpp.cannotLoadHint": {
    en: "check that the file is a GGUF model and that there is enough memory (try a smaller --context-size)",
    es: "comprueba que el fichero es un modelo GGUF y que hay memoria suficiente (prueba un --context-size menor)",
  },
} as const satisfies MessageTable;
