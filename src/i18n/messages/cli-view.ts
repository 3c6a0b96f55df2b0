/** How a turn shows on the terminal (tool calls, context, and with --verbose every step). Keys start with `cliView.`. */
import type { MessageTable } from "./message-table.js";

export const cliViewMessages = {
  "cliView.turnStart": {
    en: "· {model}, {tools} {tools:tool|tools}",
    es: "· {model}, {tools} {tools:herramienta|herramientas}",
  },
  "cliView.toolsOffered": {
    en: "· tools offered: {offered} ({omitted} left out)",
    es: "· herramientas ofrecidas: {offered} ({omitted} descartadas)",
  },
  "cliView.contextFailed": {
    en: "! context not retrieved: {error}",
    es: "! no se recuperó el contexto: {error}",
  },
  "cliView.context": { en: "· context: {sources}", es: "· contexto: {sources}" },
  "cliView.contextPassages": {
    en: "· context: {passages} passages ({ms} ms)",
    es: "· contexto: {passages} fragmentos ({ms} ms)",
  },
  "cliView.droppedTools": {
    en: "{count} {count:tool|tools}",
    es: "{count} {count:herramienta|herramientas}",
  },
  "cliView.droppedPassages": { en: "{count} passages", es: "{count} fragmentos" },
  "cliView.droppedHistory": { en: "{count} history messages", es: "{count} mensajes del historial" },
  "cliView.promptBudget": {
    en: "· prompt {used}/{budget} tokens ({counter}){dropped}",
    es: "· prompt {used}/{budget} tokens ({counter}){dropped}",
  },
  "cliView.dropped": { en: ", dropped {parts}", es: ", descartados {parts}" },
  "cliView.attempt": { en: " (attempt {attempt})", es: " (intento {attempt})" },
  "cliView.generated": { en: ", {count} generated", es: ", {count} generados" },
  "cliView.answerOnly": { en: ", answer only", es: ", solo respuesta" },
  "cliView.modelCall": {
    en: "· step {step}{attempt}: {messages} messages, {tokens} prompt tokens{generated}, {ms} ms{answerOnly}",
    es: "· paso {step}{attempt}: {messages} mensajes, {tokens} tokens de prompt{generated}, {ms} ms{answerOnly}",
  },
  "cliView.modelOutput": { en: "    model: {output}", es: "    modelo: {output}" },
  "cliView.rejected": {
    en: "! step {step} rejected: {problem} ({left} corrections left)",
    es: "! paso {step} rechazado: {problem} (quedan {left} correcciones)",
  },
  "cliView.notRun": { en: "✗ not run: {problem}", es: "✗ no se ejecutó: {problem}" },
  "cliView.approved": { en: "✓ {tool} approved", es: "✓ {tool} aprobada" },
  "cliView.turnEnd": {
    en: "· {stopReason} after {steps} steps, {ms} ms",
    es: "· {stopReason} tras {steps} pasos, {ms} ms",
  },
  // cli-contact (issue 20): the loop guard, said to the person in their language.
  "cliView.repeated": {
    en: "↺ {tool} again with the same parameters: not run; the model was given its earlier result",
    es: "↺ {tool} otra vez con los mismos parámetros: no se ejecuta; el modelo recibe su resultado anterior",
  },
} as const satisfies MessageTable;
