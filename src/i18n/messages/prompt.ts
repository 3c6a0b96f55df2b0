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
  // cli-contact (issue 20): what the loop tells the model between steps, in the language of its prompt.
  "prompt.step.unknownTool": {
    en: 'the tool "{tool}" does not exist; use one of: {names}',
    es: 'la herramienta "{tool}" no existe; usa una de: {names}',
  },
  "prompt.step.noTools": { en: "(none)", es: "(ninguna)" },
  "prompt.step.invalidArguments": {
    en: "invalid parameters for {tool}: {problem}",
    es: "parámetros inválidos para {tool}: {problem}",
  },
  "prompt.step.repeated": {
    en: "You already called {tool} with these same parameters. Its result was: {earlier}\nDo not call it again: answer the user.",
    es: "Ya llamaste a {tool} con esos mismos parámetros. Su resultado fue: {earlier}\nNo la llames otra vez: responde al usuario.",
  },
  "prompt.step.refused": {
    en: "{tool} was not run: {reason}. Answer the user without that tool.",
    es: "No se ejecutó {tool}: {reason}. Responde al usuario sin esa herramienta.",
  },
  "prompt.step.callFailed": {
    en: "error calling {tool}: {error}",
    es: "error al llamar a {tool}: {error}",
  },
  "prompt.step.truncated": {
    en: "{problem} (cut off at the token limit: be briefer)",
    es: "{problem} (se cortó al llegar al límite de tokens: sé más breve)",
  },
  "prompt.step.contextGiven": {
    en: "its passages are already in the retrieved context of the system message",
    es: "sus pasajes ya están en el contexto recuperado del mensaje de sistema",
  },
  "prompt.step.correctNative": {
    en: "Invalid reply: {problem}. Call an existing tool with correct arguments, or answer in text.",
    es: "Respuesta no válida: {problem}. Llama a una herramienta existente con argumentos correctos, o responde en texto.",
  },
  "prompt.step.correctJson": {
    en: 'Invalid reply: {problem}. Reply only with {"herramienta_llamada": "<name>", "parametros": {...}} or {"respuesta": "<text>"}.',
    es: 'Respuesta no válida: {problem}. Responde solo con {"herramienta_llamada": "<nombre>", "parametros": {...}} o {"respuesta": "<texto>"}.',
  },
  // Why a reply could not be read as an action (agent/agent-action.ts), for the model's correction.
  "prompt.action.notObject": {
    en: "the reply is not a JSON object",
    es: "la respuesta no es un objeto JSON",
  },
  "prompt.action.badJson": { en: "the JSON is malformed", es: "el JSON está mal formado" },
  "prompt.action.argumentsNotObject": {
    en: "the arguments of {tool} are not a JSON object",
    es: "los argumentos de {tool} no son un objeto JSON",
  },
  "prompt.action.empty": { en: "the reply is empty", es: "la respuesta está vacía" },
  "prompt.action.toolName": {
    en: '"{key}" must be the name of a tool',
    es: '"{key}" debe ser el nombre de una herramienta',
  },
  "prompt.action.argumentsObject": { en: '"{key}" must be an object', es: '"{key}" debe ser un objeto' },
  "prompt.action.answerText": { en: '"{key}" must be text', es: '"{key}" debe ser un texto' },
  "prompt.action.answerEmpty": { en: '"{key}" is empty', es: '"{key}" está vacía' },
  "prompt.action.missingKeys": {
    en: 'the keys "{tool}" or "{answer}" are missing',
    es: 'faltan las claves "{tool}" o "{answer}"',
  },
} as const satisfies MessageTable;
