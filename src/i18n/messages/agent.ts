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
} as const satisfies MessageTable;
