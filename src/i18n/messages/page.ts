/**
 * The web chat's text (src/serve/page). Keys start with `page.`. The server embeds the table for the
 * page's language in the HTML (page-strings.ts), so the browser never bundles the catalogue.
 */
import type { MessageTable } from "./message-table.js";

export const pageMessages = {
  "page.conversations": { en: "Conversations", es: "Conversaciones" },
  "page.newConversation": { en: "New conversation", es: "Nueva conversación" },
  "page.untitled": { en: "New conversation", es: "Nueva conversación" },
  "page.emptyChat": {
    en: "Ask something: agente uses its tools and memory to answer.",
    es: "Pregunta algo: agente usa sus herramientas y su memoria para responder.",
  },
  "page.messageLabel": { en: "Your message", es: "Tu mensaje" },
  "page.placeholder": { en: "Write a question…", es: "Escribe una pregunta…" },
  "page.send": { en: "Send", es: "Enviar" },
  "page.thinking": { en: "Working…", es: "Trabajando…" },
  "page.step": { en: "Step {n}: {tool}", es: "Paso {n}: {tool}" },
  "page.invalidStep": {
    en: "Step {n}: the model's output was rejected",
    es: "Paso {n}: la salida del modelo no era válida",
  },
  "page.arguments": { en: "Arguments", es: "Argumentos" },
  "page.result": { en: "Result", es: "Resultado" },
  "page.error": { en: "Error", es: "Error" },
  "page.repeated": {
    en: "(repeated call: earlier result reused)",
    es: "(llamada repetida: se reutilizó el resultado anterior)",
  },
  "page.sources": { en: "Sources", es: "Fuentes" },
  "page.approvalAsk": {
    en: "agente wants to run {tool}. It changes data.",
    es: "agente quiere ejecutar {tool}. Modifica datos.",
  },
  "page.approve": { en: "Approve", es: "Aprobar" },
  "page.deny": { en: "Deny", es: "Rechazar" },
  "page.approved": { en: "Approved", es: "Aprobado" },
  "page.denied": { en: "Denied", es: "Rechazado" },
  "page.status": { en: "Server status", es: "Estado del servidor" },
  "page.model": { en: "Model", es: "Modelo" },
  "page.servers": { en: "MCP servers", es: "Servidores MCP" },
  "page.tools": { en: "{n} tools", es: "{n} herramientas" },
  "page.documents": { en: "Documents", es: "Documentos" },
  "page.dropHere": {
    en: "Drop files here or choose them to add them to memory.",
    es: "Suelta archivos aquí o elígelos para añadirlos a la memoria.",
  },
  "page.chooseFiles": { en: "Choose files", es: "Elegir archivos" },
  "page.uploaded": { en: "{file}: {status}, {chunks} chunks", es: "{file}: {status}, {chunks} fragmentos" },
  "page.uploadFailed": { en: "{file}: {error}", es: "{file}: {error}" },
  "page.language": { en: "Language", es: "Idioma" },
  "page.deleteConversation": { en: "Delete conversation", es: "Borrar conversación" },
  "page.stopReason_step_limit": { en: "Stopped at the step limit.", es: "Se detuvo en el límite de pasos." },
  "page.stopReason_invalid_output": {
    en: "Stopped: the model gave invalid output.",
    es: "Se detuvo: el modelo dio una salida no válida.",
  },
  "page.stopReason_cancelled": { en: "Cancelled.", es: "Cancelado." },
  "page.turnFailed": { en: "The turn failed: {error}", es: "El turno falló: {error}" },
  "page.state_starting": { en: "starting", es: "arrancando" },
  "page.state_up": { en: "up", es: "activo" },
  "page.state_restarting": { en: "restarting", es: "reiniciando" },
  "page.state_down": { en: "down", es: "caído" },
  "page.state_disabled": { en: "disabled", es: "desactivado" },
} as const satisfies MessageTable;
