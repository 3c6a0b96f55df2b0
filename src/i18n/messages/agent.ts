/** The agent's fixed answers to the user (not the model's protocol, which stays Spanish). Keys start with `agent.`. */
import type { MessageTable } from "./message-table.js";

export const agentMessages = {
  "agent.cancelled": { en: "(turn cancelled)", es: "(turno cancelado)" },
  "agent.invalidOutput": {
    en: "I could not complete the answer: the model gave {count} invalid replies in a row (the last: {problem}).",
    es: "No pude completar la respuesta: el modelo dio {count} respuestas no válidas seguidas (la última: {problem}).",
  },
  "agent.stepLimit": {
    en: "I could not finish: I reached the limit of {steps} steps without a final answer.{last}",
    es: "No pude terminar: llegué al límite de {steps} pasos sin una respuesta final.{last}",
  },
  "agent.lastObtained": {
    en: " The last thing I got (from {tool}): {text}",
    es: " Lo último que obtuve (de {tool}): {text}",
  },
  // Warnings a person reads (`! …` in the terminal); logs and traces keep the English.
  "agent.overBudgetStep": {
    en: "the prompt of step {step} (~{tokens} tokens) is over the prompt budget of {budget} tokens even after dropping the earlier history: lower agent.observationTokens or raise model.contextSize",
    es: "el prompt del paso {step} (~{tokens} tokens) supera el presupuesto de {budget} tokens incluso tras quitar el historial anterior: baja agent.observationTokens o sube model.contextSize",
  },
  "agent.overBudgetInstructions": {
    en: "the system prompt's instructions and the question alone (~{tokens} tokens) exceed the prompt budget of {budget} tokens: raise agent.promptBudgetTokens or model.contextSize",
    es: "las instrucciones del prompt de sistema y la pregunta por sí solas (~{tokens} tokens) superan el presupuesto de {budget} tokens: sube agent.promptBudgetTokens o model.contextSize",
  },
  "agent.budgetDropped": {
    en: "the prompt budget of {budget} tokens left out {tools} {tools:tool|tools} and {passages} {passages:context passage|context passages} this turn: raise agent.promptBudgetTokens or model.contextSize",
    es: "el presupuesto de {budget} tokens dejó fuera {tools} {tools:herramienta|herramientas} y {passages} {passages:pasaje|pasajes} de contexto en este turno: sube agent.promptBudgetTokens o model.contextSize",
  },
} as const satisfies MessageTable;
