/**
 * The web chat's text for what MCP servers ask and tell during a turn: a server's form or URL (the
 * question card), a tool's progress, the servers' log lines and sign-in in the status panel. Part of the
 * page's table (page.ts spreads it in), so the page gets it like the rest of its strings.
 */
import type { MessageTable } from "./message-table.js";

export const pageMcpMessages = {
  "page.question.asks": { en: "{server} asks:", es: "{server} pregunta:" },
  "page.question.urlAsks": {
    en: "{server} asks you to open this address:",
    es: "{server} te pide abrir esta dirección:",
  },
  "page.question.openUrl": { en: "Open the address", es: "Abrir la dirección" },
  "page.question.accept": { en: "Accept", es: "Aceptar" },
  "page.question.decline": { en: "Decline", es: "Declinar" },
  "page.question.cancel": { en: "Cancel", es: "Cancelar" },
  "page.question.required": { en: "(required)", es: "(obligatorio)" },
  "page.question.none": { en: "(none)", es: "(ninguno)" },
  "page.question.answered_accept": { en: "Answer sent to {server}.", es: "Respuesta enviada a {server}." },
  "page.question.answered_decline": {
    en: "Declined: {server} got no answer.",
    es: "Declinada: {server} no recibió respuesta.",
  },
  "page.question.answered_cancel": { en: "Cancelled.", es: "Cancelada." },
  "page.question.errorRequired": { en: "{field}: required.", es: "{field}: es obligatorio." },
  "page.question.errorNumber": { en: "{field}: must be a number.", es: "{field}: debe ser un número." },
  "page.question.errorInteger": {
    en: "{field}: must be a whole number.",
    es: "{field}: debe ser un número entero.",
  },
  "page.question.errorMinimum": { en: "{field}: at least {limit}.", es: "{field}: como mínimo {limit}." },
  "page.question.errorMaximum": { en: "{field}: at most {limit}.", es: "{field}: como máximo {limit}." },
  "page.question.errorMinLength": {
    en: "{field}: at least {limit} characters.",
    es: "{field}: al menos {limit} caracteres.",
  },
  "page.question.errorMaxLength": {
    en: "{field}: at most {limit} characters.",
    es: "{field}: como mucho {limit} caracteres.",
  },
  "page.question.errorFormat": {
    en: "{field}: not a valid {format}.",
    es: "{field}: no es un valor {format} válido.",
  },
  "page.question.errorChoice": {
    en: "{field}: pick one of the choices.",
    es: "{field}: elige una de las opciones.",
  },
  "page.question.sendFailed": {
    en: "The answer was not sent: the question was answered already or its turn ended.",
    es: "No se envió la respuesta: la pregunta ya tenía respuesta o su turno terminó.",
  },
  "page.progress": { en: "Progress: {progress} of {total}", es: "Progreso: {progress} de {total}" },
  "page.progressOpen": { en: "Progress: {progress}", es: "Progreso: {progress}" },
  "page.serverLogs": { en: "Messages from {server}", es: "Mensajes de {server}" },
  "page.logLevel_debug": { en: "debug", es: "depuración" },
  "page.logLevel_info": { en: "info", es: "información" },
  "page.logLevel_notice": { en: "notice", es: "aviso" },
  "page.logLevel_warning": { en: "warning", es: "advertencia" },
  "page.logLevel_error": { en: "error", es: "error" },
  "page.logLevel_critical": { en: "critical", es: "crítico" },
  "page.logLevel_alert": { en: "alert", es: "alerta" },
  "page.logLevel_emergency": { en: "emergency", es: "emergencia" },
  "page.login.needed": { en: "needs sign-in", es: "necesita iniciar sesión" },
  "page.login.button": { en: "Sign in to {server}", es: "Iniciar sesión en {server}" },
  "page.login.elsewhere": {
    en: "agente serve is not on loopback: sign in on its machine with agente login {server}",
    es: "agente serve no está en loopback: inicia sesión en su máquina con agente login {server}",
  },
  "page.login.started": {
    en: "Finish signing in in the new tab; the server connects afterwards.",
    es: "Termina de iniciar sesión en la pestaña nueva; después el servidor se conecta.",
  },
  "page.login.notStarted": {
    en: "The sign-in did not start: see the messages of agente serve.",
    es: "No empezó el inicio de sesión: mira los mensajes de agente serve.",
  },
  "page.login.failed": {
    en: "The sign-in did not start (only an admin may start it): see the messages of agente serve.",
    es: "No empezó el inicio de sesión (solo puede iniciarlo un administrador): mira los mensajes de agente serve.",
  },
} as const satisfies MessageTable;
