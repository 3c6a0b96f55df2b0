/**
 * The system prompt's fixed text, in the user's language. The protocol's JSON keys (`herramienta_llamada`,
 * `parametros`, `respuesta`) stay Spanish in both: they are the seed's contract. Keys start with `prompt.`.
 */
import type { MessageTable } from "./message-table.js";

export const promptMessages = {
  "prompt.json.intro": {
    en: "You are an assistant that can use tools. Always reply with a single JSON object, with no text outside it.",
    es: "Eres un asistente que puede usar herramientas. Responde siempre con un solo objeto JSON, sin texto fuera de él.",
  },
  "prompt.json.toolUse": {
    en: 'To use a tool: {"herramienta_llamada": "<name>", "parametros": {...}}',
    es: 'Para usar una herramienta: {"herramienta_llamada": "<nombre>", "parametros": {...}}',
  },
  "prompt.json.answer": {
    en: 'To answer the user: {"respuesta": "<text>"}',
    es: 'Para responder al usuario: {"respuesta": "<texto>"}',
  },
  "prompt.json.whenToUse": {
    en: "Use a tool only if you need it. Once you have its result, answer the user.",
    es: "Usa una herramienta solo si la necesitas. Cuando tengas su resultado, responde al usuario.",
  },
  "prompt.native.intro": {
    en: "You are an assistant that can use tools. Call a tool only if you need it.",
    es: "Eres un asistente que puede usar herramientas. Llama a una herramienta solo si la necesitas.",
  },
  "prompt.native.after": {
    en: "Once you have its result, answer the user in plain text.",
    es: "Cuando tengas su resultado, responde al usuario en texto normal.",
  },
  "prompt.tools": { en: "Tools:", es: "Herramientas:" },
  "prompt.noTools": {
    en: "No tools are available: answer directly.",
    es: "No hay herramientas disponibles: responde directamente.",
  },
  "prompt.context": {
    en: "Retrieved context (use it if it helps and cite the source):",
    es: "Contexto recuperado (úsalo si sirve y cita la fuente):",
  },
  "prompt.source": { en: "source", es: "fuente" },
} as const satisfies MessageTable;
