/** Descriptions of the commands' shared flags, by their long name. Keys start with `cliFlags.`. */
import type { MessageTable } from "./message-table.js";

export const cliFlagMessages = {
  "cliFlags.provider": {
    en: "model provider (env AGENTE_PROVIDER; default auto: Ollama when it has the model, else the embedded model, downloaded on first use)",
    es: "proveedor del modelo (variable AGENTE_PROVIDER; por defecto auto: Ollama si tiene el modelo, si no el modelo integrado, descargado en el primer uso)",
  },
  "cliFlags.model": {
    en: "model name (env AGENTE_MODEL; default llama3.2:1b)",
    es: "nombre del modelo (variable AGENTE_MODEL; por defecto llama3.2:1b)",
  },
  "cliFlags.baseUrl": {
    en: "model server URL (env OLLAMA_HOST or OPENAI_BASE_URL)",
    es: "URL del servidor del modelo (variable OLLAMA_HOST u OPENAI_BASE_URL)",
  },
  "cliFlags.gguf": {
    en: "GGUF model file for the embedded provider (env AGENTE_GGUF; default: agente's model in the cache, see `agente models`)",
    es: "archivo GGUF para el proveedor integrado (variable AGENTE_GGUF; por defecto: el modelo de agente en la caché, ver `agente models`)",
  },
  "cliFlags.temperature": {
    en: "sampling temperature (default 0)",
    es: "temperatura de muestreo (por defecto 0)",
  },
  "cliFlags.maxTokens": {
    en: "most tokens one step may generate (default 512)",
    es: "máximo de tokens que genera un paso (por defecto 512)",
  },
  "cliFlags.contextSize": {
    en: "fixed context window (default: sized to the prompt)",
    es: "ventana de contexto fija (por defecto: a la medida del prompt)",
  },
  "cliFlags.toolMode": {
    en: "json: schema-constrained actions (default); native: the provider's tool calling",
    es: "json: acciones restringidas por el esquema (por defecto); native: las llamadas a herramientas del proveedor",
  },
  "cliFlags.maxSteps": {
    en: "most steps in one turn (default 6)",
    es: "máximo de pasos en un turno (por defecto 6)",
  },
  "cliFlags.trace": {
    en: "append every step (prompt size, raw output, action, observation, timings) as JSON lines",
    es: "añade cada paso (tamaño del prompt, salida, acción, observación, tiempos) como líneas JSON",
  },
  "cliFlags.yes": {
    en: "approve tools that need approval without asking",
    es: "aprueba sin preguntar las herramientas que necesitan aprobación",
  },
  "cliFlags.context": {
    en: "do not inject retrieved memory context",
    es: "no inyecta el contexto recuperado de la memoria",
  },
  "cliFlags.promptBudget": {
    en: "most tokens of one model request; tools, context, then history are cut to fit (default: context window minus --max-tokens)",
    es: "máximo de tokens de una petición al modelo; se recortan herramientas, contexto e historial para que quepa (por defecto: la ventana menos --max-tokens)",
  },
} as const satisfies MessageTable;
