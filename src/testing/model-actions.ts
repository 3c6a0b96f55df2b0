/**
 * The JSON actions a model writes in agente's JSON mode, for scripting replies: the same text whether it
 * reaches the agent through the scripted model or over the scripted Ollama's wire.
 */

/** `{"herramienta_llamada": tool, "parametros": parameters}`: the model asks for a tool. */
export function toolCall(tool: string, parameters: Record<string, unknown>): string {
  return JSON.stringify({ herramienta_llamada: tool, parametros: parameters });
}

/** `{"respuesta": text}`: the model answers the user. */
export function answer(text: string): string {
  return JSON.stringify({ respuesta: text });
}
